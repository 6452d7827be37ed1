/**
 * The service: what the API (src/api) and the pages (src/site) call, and the only place they reach the
 * engine through. It adds query understanding (reference answers, Telex/VNI decoding), portal scopes,
 * reference resolution and the citation graph on top of any SearchEngine.
 *
 *   const service = createService(engine);
 *   await service.search({q: 'nd 71/2020', limit: 10}, scope)   → hits, facets, the reference answer
 *   await service.document('nd-71-2020', scope)                   → the stored document and its citation graph
 */
import type { DocumentRecord } from '../docs/model.js';
import { FACETS, type FacetFilters } from '../kinds/facets.js';
import type { Reference } from '../refs/model.js';
import type { PartialReference } from '../refs/index.js';
import type {
  CitingPassage, DocumentSummary, EngineHealth, SearchEngine, SearchFilters, SearchRequest, StoredDocument,
} from '../engine/types.js';
import { applyScope, citingInScope, inScope, type Scope } from './scope.js';
import { countCitedElsewhere, resolveOutgoing, resolveReferenceDocuments, searchWithUnderstanding, type ResolvedReference, type SearchAnswer } from './search.js';
import { derivedStatus, relationGroups, statusHint, type DerivedStatus, type RelationGroup } from './relations.js';
export type { DerivedStatus, RelationGroup, RelationItem } from './relations.js';
import { applyBudget } from './cost.js';

export type { Scope } from './scope.js';
export type { ReferenceAnswer, ResolvedReference, SearchAnswer } from './search.js';
export type {
  CitingPassage, DocumentHit, DocumentSummary, FacetCount, PassageHit, SearchResult, StoredDocument,
} from '../engine/types.js';

/** A search as the API and the pages ask for it (validated by api/schemas.ts). */
export interface SearchParams extends FacetFilters {
  q: string;
  from?: string;
  to?: string;
  sort?: SearchRequest['sort'];
  limit?: number;
  offset?: number;
  prefix?: boolean;
  passages?: number;
}

/** A document with its place in the citation graph, as seen through a scope. */
export interface DocumentView {
  stored: StoredDocument;
  /** Passages of other documents citing it (within the scope). */
  citedBy: { total: number; items: CitingPassage[] };
  /** Its outgoing references, each resolved against the corpus (documents outside the scope removed). */
  outgoing: ResolvedReference[];
  /** "Có văn bản sửa đổi, bổ sung: …" when others amend, replace or repeal it. */
  statusHint?: string;
  /** The same as data: amended / replaced / repealed, and by which documents (newest first). */
  derivedStatus?: { status: DerivedStatus; by: DocumentSummary[] };
  /** Typed relations in both directions, grouped like vbpl.vn's "Lược đồ", each with its evidence passage. */
  relations: RelationGroup[];
}

export interface Service {
  search(params: SearchParams, scope?: Scope): Promise<SearchAnswer>;
  /** The document with its citation graph, or null when it does not exist or lies outside the scope. */
  document(id: string, scope?: Scope, opts?: { citedByLimit?: number }): Promise<DocumentView | null>;
  /** The stored document alone (null when absent or out of scope). */
  getDocument(id: string, scope?: Scope): Promise<StoredDocument | null>;
  /** Passages citing a document (null when the document does not exist or lies outside the scope). */
  citedBy(id: string, scope: Scope | undefined, page: { limit: number; offset?: number }): Promise<{ total: number; items: CitingPassage[] } | null>;
  /** Passages citing a canonical id, within the scope. */
  citing(refId: string | undefined, scope: Scope | undefined, page: { limit: number; offset?: number }): Promise<{ total: number; items: CitingPassage[] }>;
  /** Documents a (partial) reference names, within the scope. */
  resolve(parsed: PartialReference, scope?: Scope): Promise<DocumentSummary[]>;
  /** References resolved against the corpus, deduplicated by canonical id (documents outside the scope removed). */
  resolveAll(refs: Reference[], scope?: Scope, max?: number): Promise<ResolvedReference[]>;
  health(): Promise<EngineHealth>;
  /** The engine's data version (SearchEngine.dataVersion), or undefined when it reports none: answers may be reused while it stays the same. */
  dataVersion(): string | undefined;
}

export function createService(engine: SearchEngine): Service {
  const scoped = (docs: DocumentSummary[], scope?: Scope) => (scope ? docs.filter((d) => inScope(d, scope)) : docs);

  async function resolveAll(refs: Reference[], scope?: Scope, max?: number): Promise<ResolvedReference[]> {
    const resolved = await resolveOutgoing(engine, refs, max);
    if (!scope) return resolved;
    return resolved.map((o) => {
      const documents = scoped(o.documents, scope);
      return { ...o, documents, status: documents.length === 1 ? 200 : documents.length > 1 ? 300 : 404 };
    });
  }

  async function getDocument(id: string, scope?: Scope): Promise<StoredDocument | null> {
    const stored = await engine.getDocument(id);
    return stored && inScope(stored.document, scope) ? stored : null;
  }

  return {
    async search(params, scope) {
      const filters: SearchFilters = applyScope({
        ...Object.fromEntries(FACETS.map((f) => [f.key, params[f.key]])), dateFrom: params.from, dateTo: params.to,
      }, scope);
      // The cost budget (cost.ts): a request over it is answered cheaply, and says so.
      const { req, budget } = applyBudget({
        q: params.q, filters, sort: params.sort, limit: params.limit, offset: params.offset,
        prefix: params.prefix, passagesPerDoc: params.passages,
      });
      const result = await searchWithUnderstanding(engine, req);
      if (budget.length) result.budget = budget;
      // Defence in depth: an engine that ignored a filter still shows nothing out of scope.
      if (scope) result.hits = result.hits.filter((hit) => inScope(hit.document, scope));
      return result;
    },

    async document(id, scope, opts = {}) {
      const stored = await getDocument(id, scope);
      if (!stored) return null;
      const doc: DocumentRecord = stored.document;
      // A bounded number of engine calls whatever the number of references: cited-by, one batch
      // resolution of every outgoing reference, and (public pages) one batch count for the absent ones.
      const [citedBy, outgoing] = await Promise.all([
        citingInScope(engine, doc.refId, scope, { limit: opts.citedByLimit ?? 100 }),
        resolveAll(doc.refs, scope),
      ]);
      // Counts over the whole corpus would reveal out-of-scope documents: only without a scope.
      if (!scope) await countCitedElsewhere(engine, outgoing, doc.refs);
      return {
        stored, citedBy, outgoing, statusHint: statusHint(citedBy.items), derivedStatus: derivedStatus(citedBy.items),
        relations: relationGroups(stored, outgoing, citedBy.items),
      };
    },

    getDocument,

    async citedBy(id, scope, page) {
      const stored = await getDocument(id, scope);
      if (!stored) return null;
      return citingInScope(engine, stored.document.refId, scope, page);
    },

    citing: (refId, scope, page) => citingInScope(engine, refId, scope, page),

    async resolve(parsed, scope) {
      return scoped(await resolveReferenceDocuments(engine, parsed), scope);
    },

    resolveAll,

    health: () => engine.health(),

    dataVersion: () => engine.dataVersion?.(),
  };
}
