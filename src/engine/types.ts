/**
 * The SearchEngine contract. Every engine (sqlite, meilisearch) implements it, and
 * tests/engine/conformance.test.ts specifies its behaviour once for all of them.
 */
import type { DocumentRecord, PassageRecord, Reference } from '../docs/model.js';
import type { FacetFilters, FacetKey } from '../kinds/facets.js';
import type { ParsedQuery } from '../query/query.js';

/** Facet filters (one per entry of src/kinds/facets.ts: kind, issuer, year, …) and the rest. */
export interface SearchFilters extends FacetFilters {
  /** ISO dates, inclusive. */
  dateFrom?: string;
  dateTo?: string;
  /** Restrict to these document ids (used by reference queries and portal scopes). */
  docIds?: string[];
  /** Restrict to documents whose id starts with one of these prefixes (portal key scopes). */
  docIdPrefix?: string[];
}

export interface SearchRequest {
  /** The user's query as typed. Engines fold it themselves (src/text/fold). */
  q: string;
  filters?: SearchFilters;
  sort?: 'relevance' | 'date';
  /** Pagination over documents (hits are grouped per document). */
  limit?: number;
  offset?: number;
  /** Best passages returned per document. */
  passagesPerDoc?: number;
  /** Treat the last word as a prefix (search-as-you-type). */
  prefix?: boolean;
  /**
   * 'full' (default): abbreviations, accent-aware and proximity ranking, field boosts.
   * 'plain': bm25 over the folded words only — the baseline that evaluations compare against.
   */
  ranking?: 'full' | 'plain';
  /** Compute facet counts (default true). false: `facets` comes back empty and the engine skips that work. */
  facets?: boolean;
  /**
   * `q` as src/query parses it for this request (requestQuery in engine/common.ts: the prefix flag, and
   * abbreviations unless ranking is 'plain'). The service parses once per request and passes it down;
   * an engine parses `q` itself when it is absent. It must be the parse of this `q`.
   */
  parsed?: ParsedQuery;
}

export interface PassageHit {
  id: string;
  anchor: string;
  headingPath: string;
  ordinal: number;
  /** HTML: the passage excerpt, everything escaped except <mark>…</mark>. */
  snippet: string;
  score: number;
  refs: Reference[];
}

export interface DocumentSummary {
  id: string;
  kind: string;
  number?: string;
  refId?: string;
  title: string;
  issuer?: string;
  issuedAt?: string;
  url?: string;
  /** Derived from the corpus (engine/status.ts): another document amends, replaces or repeals this one. */
  status?: 'amended' | 'replaced' | 'repealed';
}

export interface DocumentHit {
  document: DocumentSummary;
  score: number;
  passages: PassageHit[];
  /** In a relaxed answer (matched with any word): the query words this document's matching passages lack. */
  missing?: string[];
}

export interface FacetCount { value: string; count: number }

export interface SearchResult {
  /** Number of matching documents. */
  total: number;
  /** Number of matching passages. */
  totalPassages: number;
  hits: DocumentHit[];
  /** Matching documents per facet value, for every facet of src/kinds/facets.ts. */
  facets: Record<FacetKey, FacetCount[]>;
  /**
   * True when the answer was matched with any of the query's words rather than all of them: a query of
   * 3+ words that no passage holds entirely, or a long query (5+ words) whose best document lacks some
   * of its words. Each hit then lists the words it lacks (`missing`); documents holding every word come
   * first for short queries. Totals and facets count that set.
   */
  relaxed?: boolean;
  /**
   * True when `total`, `totalPassages` and facet counts are estimates rather than exact counts
   * (an engine may estimate them for queries made only of very common words).
   */
  totalIsEstimate?: boolean;
  /**
   * Query words found in no passage at all (of the index): in a query of 3+ words they were left out of
   * the search, which ran on the other words; a shorter query then finds nothing. [] when every word was
   * found; absent when the engine does not check (the service then does, src/service/search.ts).
   */
  unmatched?: string[];
}

export interface CitingPassage {
  docId: string;
  document: DocumentSummary;
  passageId: string;
  anchor: string;
  headingPath: string;
  /** Plain-text context around the reference. */
  context: string;
  reference: Reference;
}

export interface EngineStats {
  documents: number;
  passages: number;
  references: number;
  byKind: FacetCount[];
}

export interface EngineHealth {
  ok: boolean;
  engine: string;
  details?: Record<string, unknown>;
}

export interface StoredDocument {
  document: DocumentRecord;
  passages: PassageRecord[];
}

export interface SourceState { path: string; sha256: string; docIds: string[] }

export interface SearchEngine {
  readonly name: string;
  /** Create tables / indexes / settings if missing. Idempotent. */
  init(): Promise<void>;
  /** Insert or replace a document with all its passages, atomically. */
  upsert(document: DocumentRecord, passages: PassageRecord[]): Promise<void>;
  delete(docId: string): Promise<boolean>;
  search(req: SearchRequest): Promise<SearchResult>;
  /**
   * Did-you-mean: the index word nearest to a word that matched nothing (folded edit distance), as written
   * in the documents, or null. Optional: the service offers no spelling suggestion for engines without it.
   */
  suggest?(word: string): Promise<string | null>;
  getDocument(id: string): Promise<StoredDocument | null>;
  /** Documents whose own canonical id (refId) is this one. */
  findByRefId(refId: string): Promise<DocumentSummary[]>;
  /** Documents whose refId starts with this prefix (e.g. "3414-bgddt-gdtrh" finds "3414-bgddt-gdtrh-2020"). */
  findByRefPrefix(prefix: string): Promise<DocumentSummary[]>;
  /**
   * The batch form of findByRefId (and, with `prefix`, of findByRefPrefix) for many canonical ids in one
   * call: a document page's references, a pasted text's citations. Every id asked is a key of the
   * answer ([] when nothing matches); each list is what the single call answers for that id.
   */
  findByRefIds(refIds: string[], opts?: { prefix?: boolean }): Promise<Map<string, DocumentSummary[]>>;
  /** The batch form of `citing(id, opts).total` for many canonical ids in one call (0 when nothing cites one). */
  citingCounts(refIds: string[], opts?: { prefix?: boolean }): Promise<Map<string, number>>;
  /**
   * Passages that cite the canonical reference id. With `prefix`, also those citing any id that extends it
   * by whole segments ("71-2020-nd" → "71-2020-nd-cp"; "3414-bgddt-gdtrh" → "3414-bgddt-gdtrh-2020").
   */
  citing(refId: string, opts?: { limit?: number; offset?: number; prefix?: boolean }): Promise<{ total: number; items: CitingPassage[] }>;
  stats(): Promise<EngineStats>;
  health(): Promise<EngineHealth>;
  /**
   * A token that changes whenever the stored data changes, by this process or another one (a CLI ingest
   * into the same DATA_DIR): answers computed under one version may be reused while it stays the same
   * (the API's response cache, src/api/cache.ts). Cheap (no I/O worth counting) and synchronous.
   * Optional: without it, nothing derived from the data is cached.
   */
  dataVersion?(): string;
  /** Per-source-file state kept for incremental ingest. */
  getSources(): Promise<SourceState[]>;
  setSource(state: SourceState): Promise<void>;
  deleteSource(path: string): Promise<void>;
  /**
   * After a bulk write (an ingest run of many passages): reorganise the index for fast reads. Optional;
   * sqlite merges its FTS5 segments into one (a read of a word then walks one doclist, not one per segment).
   */
  compact?(): Promise<void>;
  /** Iterate every document with passages (used by reindex). */
  allDocuments(): AsyncIterable<StoredDocument>;
  close(): Promise<void>;
}
