/**
 * The embedded engine: better-sqlite3 + FTS5, one database file.
 *
 * Index layout (facts measured for DESIGN.md):
 * - `passages` holds the original text; `passages_fts` is an external-content FTS5 table over the
 *   view `passages_content`. Its index is fed *folded* text (lower case, no diacritics, đ→d) in the
 *   columns doc_title (title + the document's number)/heading/text, so matching is
 *   diacritic-insensitive. Snippets are made in JS from the stored original text (makeSnippet, src/query/highlight.ts).
 * - A fourth column `exact` is fed the lower-cased accented text: a query typed with tone marks adds
 *   its accented words as optional phrases on that column, so exact-accent matches score higher.
 * - A fifth column `pairs` holds every two adjacent folded words as one token ("quy_dinh"; the
 *   tokenizer keeps '_'). Phrase clauses also require their pairs (short doclists instead of walking
 *   common words' positions) and adjacent query words add their pair as a proximity boost.
 * - Because the FTS index does not hold what the content view returns, never run the FTS5
 *   'rebuild' or 'integrity-check' commands, and delete with the folded old values (we recompute
 *   them; INDEX_VERSION forces a full re-index when the folding code changes).
 * - bm25 weights (BM25_WEIGHTS): title 4, heading 2, text 1, exact 3, pairs 2.
 *
 * Query cost (search(), measured at 200k passages, see scripts/bench-search.ts): FTS5's bm25 counts
 * every phrase of the expression over its whole doclist and scores every matching row, ~0.1–0.5 s for
 * a word in most passages. So words found in more than `commonRows` passages (default 5000) are kept
 * out of bm25 (matchPlanned), and queries made only of such words take a bounded path without bm25
 * (matchBounded) whose totals/facets are estimates, flagged `totalIsEstimate`.
 * better-sqlite3 binds JS numbers as REAL, and FTS5 ignores REAL rowid bounds (a full scan): bind
 * rowid bounds as BigInt.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { DocumentRecord, PassageRecord, Reference } from '../../docs/model.js';
import { fold } from '../../text/fold.js';
import { normalize } from '../../text/normalize.js';
import { toneNormalize } from '../../text/tone.js';
import { parseQuery, WORD_RE, type ParsedQuery, type QueryClause } from '../../query/query.js';
import { highlightSpans, makeSnippet, SNIPPET_CHARS } from '../../query/highlight.js';
import { contextAround } from '../html.js';
import { clamp, facetList, RELAX_MIN_CLAUSES, summaryOf, yearOf } from '../common.js';
import type {
  CitingPassage, DocumentHit, DocumentSummary, EngineHealth, EngineStats, FacetCount, PassageHit,
  SearchEngine, SearchFilters, SearchRequest, SearchResult, SourceState, StoredDocument,
} from '../types.js';

/** Bump when fold/exactKey/indexed columns change: the FTS index is then rebuilt from stored text. */
export const INDEX_VERSION = '6';

export interface SqliteEngineOptions {
  /** Database file path, or ':memory:'. */
  file: string;
  /** Checkpoint the WAL every this many ms (0 = never). */
  checkpointMs?: number;
  /**
   * A query word (clause) found in more passages than this is "common": bm25 would read its whole
   * doclist (to count it) and score every row holding it, which costs ~0.2–0.5 s at 100k+ passages.
   * See matchPlanned(). Default 5000.
   */
  commonRows?: number;
  /** Matching rows read (newest first) when every word is common. Default 2000. */
  probeRows?: number;
}

interface RowMap {
  rowDoc: Int32Array;
  docList: DocMeta[];
  /** Per document: passage count, lowest and highest rowid (a document's passages are written together). */
  docRows: Int32Array; docMin: Int32Array; docMax: Int32Array;
  /** Per document: " folded title words " for in-memory title tests. */
  titles: string[];
  /** Folded title word → documents whose title (or number) holds it, ascending. */
  titleWords: Map<string, number[]>;
  /** Per document: position in (issuedAt newest first, then id) order; integer compares sort fast. */
  dateRank: Int32Array;
  /** The inverse: document at each position. */
  docByRank: Int32Array;
}
/** Matching rows of one document: index into docList, best (lowest) rank, count, [rowid, rank] pairs. */
interface DocAgg { doc: number; best: number; n: number; rows: [number, number][] }
interface Bounded { ordered: DocAgg[]; total: number; totalPassages: number; facets: SearchResult['facets']; estimate: boolean }
interface PassageRow { rowid: number; id: string; anchor: string; heading: string; ordinal: number; text: string; refs: string }

/**
 * bm25 column weights: doc_title (with number), heading, text, exact (accented words), pairs (adjacent
 * words: the proximity boost). Given in each query, so changing them needs no re-index.
 */
export const BM25_WEIGHTS = [4.0, 2.0, 1.0, 3.0, 2.0] as const;


interface DocMeta { id: string; kind: string; issuer?: string; year?: number; issuedAt?: string; title: string; number?: string; refId?: string; url?: string }

/** The accent-aware key: NFC lower case with one tone placement ("hoà" and "hòa" are the same word). */
export function exactKey(s: string): string {
  return toneNormalize(normalize(s)).toLowerCase();
}

function ftsQuote(token: string): string {
  return `"${token.replace(/"/g, '""')}"`;
}

const INDEX_WORD_RE = /[\p{L}\p{N}]+/gu;
const WORD_ONLY = /^[\p{L}\p{N}]+$/u;

/**
 * The `pairs` column: every two adjacent folded words of a field as one token ("quy_dinh"). A phrase
 * of common words ("các khoản điều") is then also required as its pairs, whose doclists are short,
 * so FTS5 no longer walks the common words' doclists checking positions (weight 0: no score).
 */
export function pairTokens(folded: string): string {
  const w = folded.match(INDEX_WORD_RE) ?? [];
  const out: string[] = [];
  for (let i = 0; i + 1 < w.length; i++) out.push(`${w[i]}_${w[i + 1]}`);
  return out.join(' ');
}

/** The pair tokens of the phrase clauses (no prefix, no alternatives), as an AND filter on `pairs`. */
function pairsFilter(clauses: QueryClause[]): string | null {
  const toks: string[] = [];
  for (const c of clauses) {
    if (c.prefix || c.alternatives?.length || c.tokens.length < 2) continue;
    for (let i = 0; i + 1 < c.tokens.length; i++) {
      const a = c.tokens[i].folded;
      const b = c.tokens[i + 1].folded;
      if (WORD_ONLY.test(a) && WORD_ONLY.test(b)) toks.push(ftsQuote(`${a}_${b}`));
    }
  }
  return toks.length ? `pairs : (${[...new Set(toks)].join(' AND ')})` : null;
}

const FOLDED_COLS = '{doc_title heading text}';

/** Every clause (mode 'any': one of them) on these columns, plus the pairs of phrase clauses (mode 'all'). */
function mustOf(clauses: QueryClause[], mode: 'all' | 'any', cols: string): string {
  const must = `${cols} : (${clauses.map((c) => clauseFts(c, 'folded')).join(mode === 'all' ? ' AND ' : ' OR ')})`;
  const filter = mode === 'all' ? pairsFilter(clauses) : null;
  return filter ? `${must} AND ${filter}` : must;
}

/** The clauses without abbreviation alternatives (ranking 'plain'). */
const plainClauses = (clauses: QueryClause[]) => clauses.map((c) => ({ ...c, alternatives: undefined }));

function clauseFts(c: QueryClause, key: 'folded' | 'exact'): string {
  const body = c.tokens.map((t) => t[key]).join(' ');
  const main = c.prefix ? `${ftsQuote(body)}*` : ftsQuote(body);
  if (key === 'exact' || !c.alternatives?.length) return main;
  return `(${[main, ...c.alternatives.map((a) => ftsQuote(a.join(' ')))].join(' OR ')})`;
}

/**
 * Build the FTS5 MATCH expression. Every clause must match the folded text (title, heading or body)
 * — or, with mode 'any' (a long query relaxed after matching nothing), at least one clause.
 * Optional phrases add to the bm25 score without changing the matching set:
 * - the accented words on the `exact` column (a query typed with tone marks ranks exact matches first);
 * - adjacent word pairs ("hoc sinh", "danh gia"): Vietnamese words are mostly two syllables, so words
 *   together rank above scattered ones.
 * "(optional OR F1)" is true for every row that matches F, so only the score changes.
 */
export function buildMatch(pq: ParsedQuery, mode: 'all' | 'any' = 'all', scored?: boolean[]): string | null {
  const use = pq.clauses.map((_, i) => !scored || scored[i]);
  const clauses = pq.clauses.filter((_, i) => use[i]);
  if (!clauses.length) return null;
  const cols = FOLDED_COLS;
  const must = mustOf(clauses, mode, cols);
  const optional: string[] = [];
  const accented = clauses.filter((c) => c.tokens.some((t) => t.exact !== t.folded));
  if (pq.accented && accented.length) optional.push(`exact : (${accented.map((c) => clauseFts(c, 'exact')).join(' OR ')})`);
  // Pairs across clause boundaries (inside a phrase clause adjacency is already required); a pair
  // touching a scored clause is at most as frequent as it, so it stays cheap to score.
  const pairs: string[] = [];
  const maxPairs = mode === 'all' ? 6 : 32;
  for (let i = 0; i + 1 < pq.clauses.length && pairs.length < maxPairs; i++) {
    const a = pq.clauses[i];
    const b = pq.clauses[i + 1];
    if (a.prefix || b.prefix || !(use[i] || use[i + 1])) continue;
    const x = a.tokens[a.tokens.length - 1].folded;
    const y = b.tokens[0].folded;
    if (WORD_ONLY.test(x) && WORD_ONLY.test(y)) pairs.push(ftsQuote(`${x}_${y}`));
  }
  // One token each on the pairs column: cheap to count and score, unlike a phrase of common words.
  if (pairs.length) optional.push(`pairs : (${pairs.join(' OR ')})`);
  if (!optional.length) return must;
  // 'any': every optional phrase implies one of its words, so OR-ing them in keeps the set (near enough).
  if (mode === 'any') return `${must} OR ${optional.join(' OR ')}`;
  return `${must} AND (${optional.join(' OR ')} OR ${cols} : ${clauseFts(clauses[0], 'folded')})`;
}

/** Only the clauses, every one required (or any one): the matching set without ranking terms. */
export function buildMust(pq: ParsedQuery, mode: 'all' | 'any' = 'all', plain = false): string | null {
  if (!pq.clauses.length) return null;
  return plain ? mustOf(plainClauses(pq.clauses), mode, 'text') : mustOf(pq.clauses, mode, FOLDED_COLS);
}

/** The baseline: every folded word (or phrase) must match the body text (mode 'any': one of them); nothing else adds to the score. */
export function buildPlainMatch(pq: ParsedQuery, mode: 'all' | 'any' = 'all', scored?: boolean[]): string | null {
  const clauses = plainClauses(pq.clauses.filter((_, i) => !scored || scored[i]));
  return clauses.length ? mustOf(clauses, mode, 'text') : null;
}

/**
 * What the doc_title column indexes: the title and the document's own number, so a document is
 * found by its number ("26/2020/TT-BGDĐT") even when no passage repeats it.
 */
function titleField(title: string, number: string | null | undefined): string {
  return number ? `${title} ${number}` : title;
}

/** Intersection of two ascending lists. */
function intersectSorted(a: number[], b: number[]): number[] {
  const out: number[] = [];
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (a[i] === b[j]) { out.push(a[i]); i++; j++; } else if (a[i] < b[j]) i++; else j++;
  }
  return out;
}

function facetsOf(metas: DocMeta[]): SearchResult['facets'] {
  return {
    kind: countFacet(metas.map((m) => m.kind)),
    issuer: countFacet(metas.map((m) => m.issuer)),
    year: countFacet(metas.map((m) => (m.year ? String(m.year) : undefined))),
  };
}

function countFacet(values: (string | undefined)[]): FacetCount[] {
  const m = new Map<string, number>();
  for (const v of values) if (v) m.set(v, (m.get(v) ?? 0) + 1);
  return facetList(m);
}

export class SqliteEngine implements SearchEngine {
  readonly name = 'sqlite';
  private db: Database.Database;
  private docCache: Map<string, DocMeta> | null = null;
  private rowCache: RowMap | null = null;
  private stmts = new Map<string, Database.Statement>();
  private dfCache = new Map<string, number>();
  private dataVersion = -1;
  private timer?: NodeJS.Timeout;

  constructor(private opts: SqliteEngineOptions) {
    if (opts.file !== ':memory:') mkdirSync(path.dirname(opts.file), { recursive: true });
    this.db = new Database(opts.file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('cache_size = -65536');
  }

  async init(): Promise<void> {
    const db = this.db;
    db.exec(`
      CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS documents (
        id TEXT PRIMARY KEY, kind TEXT NOT NULL, number TEXT, ref_id TEXT, issuer TEXT,
        issued_at TEXT, year INTEGER, title TEXT NOT NULL, url TEXT, json TEXT NOT NULL, updated_at TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS documents_ref_id ON documents(ref_id);
      CREATE TABLE IF NOT EXISTS passages (
        rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        ordinal INTEGER NOT NULL, anchor TEXT NOT NULL, heading TEXT NOT NULL, doc_title TEXT NOT NULL,
        text TEXT NOT NULL, refs_json TEXT NOT NULL, aliases TEXT
      );
      CREATE INDEX IF NOT EXISTS passages_doc ON passages(doc_id, ordinal);
      CREATE VIEW IF NOT EXISTS passages_content AS SELECT rowid, doc_title, heading, text, text AS exact, '' AS pairs FROM passages;
      CREATE TABLE IF NOT EXISTS refs (
        passage_rowid INTEGER NOT NULL REFERENCES passages(rowid) ON DELETE CASCADE,
        doc_id TEXT NOT NULL, canonical TEXT NOT NULL, relation TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
        json TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS refs_canonical ON refs(canonical);
      CREATE INDEX IF NOT EXISTS refs_passage ON refs(passage_rowid);
      CREATE INDEX IF NOT EXISTS refs_doc ON refs(doc_id);
      CREATE TABLE IF NOT EXISTS sources (path TEXT PRIMARY KEY, sha256 TEXT NOT NULL, doc_ids TEXT NOT NULL);
    `);
    // Databases made before passages kept their alias anchors get the column (NULL: no aliases).
    if (!(db.prepare(`PRAGMA table_info(passages)`).all() as { name: string }[]).some((c) => c.name === 'aliases')) {
      db.exec(`ALTER TABLE passages ADD COLUMN aliases TEXT`);
    }
    const version = (db.prepare(`SELECT value FROM meta WHERE key='index_version'`).get() as { value: string } | undefined)?.value;
    if (version !== INDEX_VERSION) this.reindexFts();
    if (this.opts.checkpointMs && this.opts.file !== ':memory:') {
      this.timer = setInterval(() => { try { this.db.pragma('wal_checkpoint(TRUNCATE)'); } catch { /* busy: next time */ } }, this.opts.checkpointMs);
      this.timer.unref();
    }
  }

  /** Drop and refill the FTS index from stored text (after INDEX_VERSION changes). */
  private reindexFts(): void {
    const db = this.db;
    db.transaction(() => {
      db.exec(`DROP TABLE IF EXISTS passages_fts;`);
      db.exec(`DROP VIEW IF EXISTS passages_content;
        CREATE VIEW passages_content AS SELECT rowid, doc_title, heading, text, text AS exact, '' AS pairs FROM passages;`);
      db.exec(`CREATE VIRTUAL TABLE passages_fts USING fts5(
        doc_title, heading, text, exact, pairs, content='passages_content', content_rowid='rowid',
        tokenize="unicode61 remove_diacritics 0 tokenchars '_'", prefix='2 3');`);
      db.prepare(`INSERT INTO passages_fts(passages_fts, rank) VALUES('rank', 'bm25(4.0, 2.0, 1.0, 3.0, 0.0)')`).run();
      const ins = this.ftsInsert();
      // Pages of rows (better-sqlite3 cannot write while a statement is being iterated on the same connection).
      const page = db.prepare(`SELECT p.rowid, p.doc_title, p.heading, p.text, d.number FROM passages p LEFT JOIN documents d ON d.id = p.doc_id
        WHERE p.rowid > ? ORDER BY p.rowid LIMIT 2000`);
      for (let after = 0; ;) {
        const rows = page.all(after) as { rowid: number; doc_title: string; heading: string; text: string; number: string | null }[];
        if (!rows.length) break;
        for (const r of rows) ins.run(...this.ftsValues(r.rowid, titleField(r.doc_title, r.number), r.heading, r.text));
        after = rows[rows.length - 1].rowid;
      }
      db.prepare(`INSERT OR REPLACE INTO meta(key, value) VALUES('index_version', ?)`).run(INDEX_VERSION);
    })();
  }

  private ftsInsert() {
    return this.stmt(`INSERT INTO passages_fts(rowid, doc_title, heading, text, exact, pairs) VALUES (?, ?, ?, ?, ?, ?)`);
  }
  private ftsDelete() {
    return this.stmt(`INSERT INTO passages_fts(passages_fts, rowid, doc_title, heading, text, exact, pairs) VALUES ('delete', ?, ?, ?, ?, ?, ?)`);
  }
  private ftsValues(rowid: number, title: string, heading: string, text: string): [number, string, string, string, string, string] {
    const t = fold(title);
    const h = fold(heading);
    const x = fold(text);
    return [rowid, t, h, x, exactKey(text), `${pairTokens(t)} ${pairTokens(h)} ${pairTokens(x)}`];
  }

  private deleteDocTx(docId: string): boolean {
    const rows = this.stmt(`SELECT rowid, doc_title, heading, text FROM passages WHERE doc_id = ?`).all(docId) as { rowid: number; doc_title: string; heading: string; text: string }[];
    const del = this.ftsDelete();
    const number = (this.stmt(`SELECT number FROM documents WHERE id = ?`).get(docId) as { number: string | null } | undefined)?.number;
    for (const r of rows) del.run(...this.ftsValues(r.rowid, titleField(r.doc_title, number), r.heading, r.text));
    this.stmt(`DELETE FROM refs WHERE doc_id = ?`).run(docId);
    this.stmt(`DELETE FROM passages WHERE doc_id = ?`).run(docId);
    return this.stmt(`DELETE FROM documents WHERE id = ?`).run(docId).changes > 0;
  }

  async upsert(document: DocumentRecord, passages: PassageRecord[]): Promise<void> {
    this.db.transaction(() => this.upsertTx(document, passages))();
    this.invalidate();
  }

  /** A batch of documents in one transaction (the ingest runner uses it): much faster than one commit per document. */
  async upsertMany(items: StoredDocument[]): Promise<void> {
    this.db.transaction(() => { for (const it of items) this.upsertTx(it.document, it.passages); })();
    this.invalidate();
  }

  private upsertTx(document: DocumentRecord, passages: PassageRecord[]): void {
    const title = normalize(document.title);
    const insDoc = this.stmt(`INSERT INTO documents (id, kind, number, ref_id, issuer, issued_at, year, title, url, json, updated_at)
      VALUES (@id, @kind, @number, @ref_id, @issuer, @issued_at, @year, @title, @url, @json, @updated_at)`);
    const insP = this.stmt(`INSERT INTO passages (id, doc_id, ordinal, anchor, heading, doc_title, text, refs_json, aliases) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const insR = this.stmt(`INSERT INTO refs (passage_rowid, doc_id, canonical, relation, start, end, json) VALUES (?, ?, ?, ?, ?, ?, ?)`);
    const insF = this.ftsInsert();
    {
      this.deleteDocTx(document.id);
      insDoc.run({
        id: document.id, kind: document.kind, number: document.number ?? null, ref_id: document.refId ?? null,
        issuer: document.issuer ?? null, issued_at: document.issuedAt ?? null, year: yearOf(document.issuedAt) ?? null,
        title, url: document.source.url ?? null, json: JSON.stringify(document), updated_at: new Date().toISOString(),
      });
      for (const p of passages) {
        const text = normalize(p.text);
        const heading = p.headingPath ?? '';
        const refs = p.refs ?? [];
        const info = insP.run(p.id, document.id, p.ordinal, p.anchor, heading, title, text, JSON.stringify(refs), p.aliases?.length ? JSON.stringify(p.aliases) : null);
        const rowid = Number(info.lastInsertRowid);
        insF.run(...this.ftsValues(rowid, titleField(title, document.number), heading, text));
        for (const r of refs) if (!r.self) insR.run(rowid, document.id, r.canonical, r.relation ?? 'mention', r.start, r.end, JSON.stringify(r));
      }
    }
  }

  async delete(docId: string): Promise<boolean> {
    const deleted = this.db.transaction(() => this.deleteDocTx(docId))();
    this.invalidate();
    return deleted;
  }

  /** Forget in-memory views of the tables after a write. */
  private invalidate(): void {
    this.docCache = null;
    this.rowCache = null;
    this.dfCache.clear();
  }

  /** Another connection (a CLI ingest beside the server) committed: the in-memory views are stale. */
  private checkVersion(): void {
    const version = this.stmt('PRAGMA data_version').pluck().get() as number;
    if (version !== this.dataVersion) { this.dataVersion = version; this.invalidate(); }
  }

  private docs(): Map<string, DocMeta> {
    this.checkVersion();
    if (!this.docCache) {
      const m = new Map<string, DocMeta>();
      for (const r of this.db.prepare(`SELECT id, kind, issuer, year, issued_at, title, number, ref_id, url FROM documents`).all() as any[]) {
        m.set(r.id, { id: r.id, kind: r.kind, issuer: r.issuer ?? undefined, year: r.year ?? undefined, issuedAt: r.issued_at ?? undefined, title: r.title, number: r.number ?? undefined, refId: r.ref_id ?? undefined, url: r.url ?? undefined });
      }
      this.docCache = m;
    }
    return this.docCache;
  }

  private filterDoc(f: SearchFilters | undefined): ((d: DocMeta) => boolean) | null {
    if (!f) return null;
    const kind = f.kind?.length ? new Set(f.kind) : null;
    const issuer = f.issuer?.length ? new Set(f.issuer) : null;
    const year = f.year?.length ? new Set(f.year) : null;
    const ids = f.docIds ? new Set(f.docIds) : null;
    const prefixes = f.docIdPrefix ?? null;
    if (!kind && !issuer && !year && !ids && !prefixes && !f.dateFrom && !f.dateTo) return null;
    return (d) => (!kind || kind.has(d.kind)) && (!issuer || (d.issuer !== undefined && issuer.has(d.issuer)))
      && (!year || (d.year !== undefined && year.has(d.year))) && (!ids || ids.has(d.id))
      && (!prefixes || prefixes.some((p) => d.id.startsWith(p)))
      && (!f.dateFrom || (d.issuedAt !== undefined && d.issuedAt >= f.dateFrom))
      // dateTo "2021" or "2021-03" covers that whole year or month (as Meilisearch's buildFilter does)
      && (!f.dateTo || (d.issuedAt !== undefined && d.issuedAt.slice(0, f.dateTo.length) <= f.dateTo));
  }

  /** rowid → document index, so matching rows are grouped without a join (rebuilt lazily after writes). */
  private rows(): RowMap {
    this.checkVersion();
    if (!this.rowCache) {
      const docList = [...this.docs().values()];
      const idx = new Map(docList.map((d, i) => [d.id, i]));
      const max = (this.db.prepare(`SELECT max(rowid) AS m FROM passages`).get() as { m: number | null }).m ?? 0;
      const rowDoc = new Int32Array(max + 1).fill(-1);
      const docRows = new Int32Array(docList.length);
      const docMin = new Int32Array(docList.length).fill(2 ** 31 - 1);
      const docMax = new Int32Array(docList.length);
      for (const [rowid, docId] of this.db.prepare(`SELECT rowid, doc_id FROM passages`).raw().iterate() as Iterable<[number, string]>) {
        const d = idx.get(docId) ?? -1;
        rowDoc[rowid] = d;
        if (d < 0) continue;
        docRows[d]++;
        if (rowid < docMin[d]) docMin[d] = rowid;
        if (rowid > docMax[d]) docMax[d] = rowid;
      }
      const titles = docList.map((d) => ` ${(fold(titleField(d.title, d.number)).match(WORD_RE) ?? []).join(' ')} `);
      const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
      const order = docList.map((_, i) => i).sort((a, b) => cmp(docList[b].issuedAt ?? '', docList[a].issuedAt ?? '') || cmp(docList[a].id, docList[b].id));
      const dateRank = new Int32Array(docList.length);
      order.forEach((d, r) => { dateRank[d] = r; });
      const titleWords = new Map<string, number[]>();
      titles.forEach((t, d) => {
        for (const w of new Set(t.trim().split(' '))) {
          if (!w) continue;
          const list = titleWords.get(w);
          if (list) list.push(d); else titleWords.set(w, [d]);
        }
      });
      this.rowCache = { rowDoc, docList, docRows, docMin, docMax, titles, dateRank, docByRank: Int32Array.from(order), titleWords };
    }
    return this.rowCache;
  }

  private stmt(sql: string): Database.Statement {
    let st = this.stmts.get(sql);
    if (!st) { st = this.db.prepare(sql); this.stmts.set(sql, st); }
    return st;
  }

  /** Rows matching one clause, counted up to cap + 1 (rowids newest first, no ranking: cheap). Cached until the next write. */
  private clauseRows(c: QueryClause, plain: boolean, cap: number): number {
    const m = buildMust({ clauses: [c], accented: false }, 'all', plain)!;
    const key = `${cap}|${m}`;
    let n = this.dfCache.get(key);
    if (n === undefined) {
      n = this.stmt(`SELECT count(*) FROM (SELECT rowid FROM passages_fts WHERE passages_fts MATCH ? ORDER BY rowid DESC LIMIT ?)`).pluck().get(m, cap + 1) as number;
      if (this.dfCache.size > 10_000) this.dfCache.clear();
      this.dfCache.set(key, n);
    }
    return n;
  }

  /**
   * Every row matching `match`, grouped by document: best rank, number of matching passages and the
   * matching rows. `keep` filters documents (by index into docList); `members`, when given, rows.
   */
  private matchExhaustive(match: string, keep: (i: number) => boolean, members?: Set<number>): Map<number, DocAgg> {
    const { rowDoc } = this.rows();
    const out = new Map<number, DocAgg>();
    for (const [rowid, rank] of this.stmt(`SELECT rowid, bm25(passages_fts, ${BM25_WEIGHTS.join(', ')}) FROM passages_fts WHERE passages_fts MATCH ?`).raw().iterate(match) as Iterable<[number, number]>) {
      if (members && !members.has(rowid)) continue;
      const d = rowid < rowDoc.length ? rowDoc[rowid] : -1;
      if (d < 0 || !keep(d)) continue;
      const agg = out.get(d);
      if (!agg) out.set(d, { doc: d, best: rank, n: 1, rows: [[rowid, rank]] });
      else { agg.n++; if (rank < agg.best) agg.best = rank; agg.rows.push([rowid, rank]); }
    }
    return out;
  }

  /**
   * Plan a ranked match. bm25 reads the whole doclist of every phrase in the expression (to count it)
   * and scores every matching row, so common words are kept out of the ranked expression:
   * - every clause rare (≤ commonRows passages): exhaustive bm25 over the full expression;
   * - some clause rare: bm25 over the rare clauses (and the boosts touching them), restricted to the
   *   rows matching every clause (mode 'all'; enumerated without ranking, bounded by the rare clause).
   *   Common words are left out of the score, where bm25's idf gives them little weight anyway. In
   *   mode 'any' (relaxed), common words are ignored altogether, like stop words. Counts stay exact.
   * - every clause common: null (the caller takes the bounded path).
   */
  private matchPlanned(pq: ParsedQuery, mode: 'all' | 'any', plain: boolean, keep: (i: number) => boolean): Map<number, DocAgg> | null {
    const cap = this.opts.commonRows ?? 5000;
    const counts = pq.clauses.map((c) => this.clauseRows(c, plain, cap));
    // A word found nowhere: nothing holds every word; in mode 'any' it simply does not count.
    if (mode === 'all' && counts.includes(0)) return new Map();
    // A phrase of common words ("các khoản điều") may match few rows, but scoring it walks the
    // common words' doclists (twice: bm25 counts it first): it is scored only with a rare word in it.
    const cheap = (c: QueryClause) => c.tokens.length === 1 || !!c.alternatives?.length
      || c.tokens.some((t) => this.clauseRows({ tokens: [t] }, plain, cap) <= cap);
    const rare = counts.map((n, i) => n > 0 && n <= cap && cheap(pq.clauses[i]));
    const build = plain ? buildPlainMatch : buildMatch;
    if (rare.every((r, i) => r || counts[i] === 0)) return this.matchExhaustive(build(pq, mode)!, keep);
    if (!rare.some(Boolean)) return null;
    const ranked = build(pq, mode, rare)!;
    if (mode === 'any') return this.matchExhaustive(ranked, keep);
    const members = new Set(this.stmt(`SELECT rowid FROM passages_fts WHERE passages_fts MATCH ?`).pluck().all(buildMust(pq, 'all', plain)!) as number[]);
    return this.matchExhaustive(ranked, keep, members);
  }

  /**
   * Every clause common: no bm25. Documents whose title holds every clause come first (their every
   * passage matches), then the documents of the newest matching rows (rowids read newest first, up to
   * probeRows, more when the page needs it), each tier newest issued first. When the rows read are all
   * the matching rows, counts are exact; otherwise total, totalPassages and facets are scaled from the
   * rows read to the whole index (by the share of passages and documents those rows span) and flagged
   * as estimates.
   */
  private matchBounded(pq: ParsedQuery, mode: 'all' | 'any', plain: boolean, keep: (i: number) => boolean, need: number): Bounded {
    const { rowDoc, docList, docRows, dateRank, docByRank } = this.rows();
    const must = buildMust(pq, mode, plain)!;
    // Title tier (not for 'plain', which matches the body only): documents (kept by the filters)
    // whose title holds every clause, newest issued first.
    let titleList: number[] = [];
    if (!plain) {
      let acc: number[] | null = null;
      for (const c of pq.clauses) {
        const docs = this.titleDocs(c);
        if (mode === 'all') acc = acc ? intersectSorted(acc, docs) : docs;
        else acc = acc ? [...new Set([...acc, ...docs])].sort((a, b) => a - b) : docs;
        if (mode === 'all' && !acc.length) break;
      }
      const ranks = Int32Array.from((acc ?? []).filter(keep), (d) => dateRank[d]).sort();
      titleList = Array.from(ranks, (r) => docByRank[r]);
    }
    const inTitle = new Uint8Array(docList.length);
    for (const d of titleList) inTitle[d] = 1;
    // When a clause is known to match at most commonRows rows, read them all: counts become exact.
    const cap = this.opts.commonRows ?? 5000;
    const known = mode === 'all' ? Math.min(...pq.clauses.map((c) => this.clauseRows(c, plain, cap))) : Infinity;
    let k = Math.max(this.opts.probeRows ?? 2000, known <= cap ? known : 0);
    let probe: number[] = [];
    let exhausted = false;
    const groups = new Map<number, DocAgg>();
    for (;;) {
      probe = this.stmt(`SELECT rowid FROM passages_fts WHERE passages_fts MATCH ? ORDER BY rowid DESC LIMIT ?`).pluck().all(must, k + 1) as number[];
      exhausted = probe.length <= k;
      if (!exhausted) probe.length = k;
      groups.clear();
      for (const rowid of probe) {
        const d = rowid < rowDoc.length ? rowDoc[rowid] : -1;
        if (d < 0 || !keep(d)) continue;
        const agg = groups.get(d);
        if (agg) { agg.n++; agg.rows.push([rowid, 0]); } else groups.set(d, { doc: d, best: 0, n: 1, rows: [[rowid, 0]] });
      }
      let docsKnown = titleList.length;
      for (const d of groups.keys()) if (!inTitle[d]) docsKnown++;
      if (exhausted || docsKnown >= need || k >= 64_000) break;
      k *= 4;
    }
    // Title documents (a set known in full) newest issued first, then the other documents in the
    // order their newest matching row was read: a larger probe only appends, so pages stay disjoint.
    const titled = titleList.map((d) => groups.get(d) ?? { doc: d, best: -2, n: exhausted ? 0 : docRows[d], rows: [] });
    for (const g of titled) g.best = -2;
    const rest = [...groups.values()].filter((g) => !inTitle[g.doc]);
    for (const g of rest) g.best = -1;
    const ordered = [...titled, ...rest];
    if (exhausted) {
      return { ordered, total: ordered.length, totalPassages: ordered.reduce((s, g) => s + g.n, 0), facets: facetsOf(ordered.map((g) => docList[g.doc])), estimate: false };
    }
    // Scale from the span of rows read (rowid ≥ the oldest row read) to the index, among kept documents.
    const lo = probe[probe.length - 1];
    let spanRows = 0;
    let spanDocs = 0;
    const seen = new Uint8Array(docList.length);
    for (let r = lo; r < rowDoc.length; r++) { const d = rowDoc[r]; if (d >= 0 && keep(d)) { spanRows++; if (!seen[d]) { seen[d] = 1; spanDocs++; } } }
    let keptRows = 0;
    let keptDocs = 0;
    for (let d = 0; d < docList.length; d++) if (docRows[d] > 0 && keep(d)) { keptRows += docRows[d]; keptDocs++; }
    const rowScale = spanRows ? keptRows / spanRows : 1;
    const docScale = spanDocs ? keptDocs / spanDocs : 1;
    const sampled = [...groups.values()];
    const matchedRows = sampled.reduce((s, g) => s + g.n, 0);
    const scaleFacet = (list: FacetCount[]) => list.map((f) => ({ value: f.value, count: Math.max(1, Math.round(f.count * docScale)) }));
    const f = facetsOf(sampled.map((g) => docList[g.doc]));
    return {
      ordered,
      total: Math.max(ordered.length, Math.round(sampled.length * docScale)),
      totalPassages: Math.max(matchedRows, Math.round(matchedRows * rowScale)),
      facets: { kind: scaleFacet(f.kind), issuer: scaleFacet(f.issuer), year: scaleFacet(f.year) },
      estimate: true,
    };
  }

  /** Documents whose title (with number) holds the clause, a form of it, or (prefix) a word starting with it. */
  private titleDocs(c: QueryClause): number[] {
    const { titles, titleWords } = this.rows();
    const forms = [c.tokens.map((t) => t.folded), ...(c.alternatives ?? [])];
    if (forms.length === 1 && forms[0].length === 1 && !c.prefix) return titleWords.get(forms[0][0]) ?? [];
    const out = new Set<number>();
    for (const words of forms) {
      if (c.prefix && words.length === 1) {
        for (const [w, docs] of titleWords) if (w.startsWith(words[0])) for (const d of docs) out.add(d);
        continue;
      }
      const lists = words.map((w) => titleWords.get(w) ?? []);
      const shortest = lists.reduce((a, b) => (b.length < a.length ? b : a));
      const phrase = ` ${words.join(' ')} `;
      for (const d of shortest) if (words.length === 1 || titles[d].includes(phrase)) out.add(d);
    }
    return [...out].sort((a, b) => a - b);
  }

  /** Matching rows of one document, in document order (no ranking), for the bounded path's page. */
  private docRowsMatching(must: string, d: number, max: number): [number, number][] {
    const { docMin, docMax } = this.rows();
    return (this.stmt(`SELECT rowid FROM passages_fts WHERE passages_fts MATCH ? AND rowid >= ? AND rowid <= ? ORDER BY rowid LIMIT ?`).pluck()
      .all(must, BigInt(docMin[d]), BigInt(docMax[d]), max) as number[]).map((r) => [r, 0]);
  }

  async search(req: SearchRequest): Promise<SearchResult> {
    const limit = clamp(req.limit, 10, 1, 100);
    const offset = clamp(req.offset, 0, 0, Number.MAX_SAFE_INTEGER);
    const perDoc = clamp(req.passagesPerDoc, 3, 1, 10);
    const plain = req.ranking === 'plain';
    const pq = parseQuery(req.q, { prefix: req.prefix, abbreviations: !plain });
    const keepMeta = this.filterDoc(req.filters);
    const { docList, dateRank } = this.rows();
    const keepCache = new Int8Array(docList.length);
    const keep = keepMeta ? (i: number) => (keepCache[i] ||= keepMeta(docList[i]) ? 1 : -1) > 0 : () => true;

    if (!pq.clauses.length) {
      const all = docList.map((_, i) => i).filter(keep).sort((a, b) => dateRank[a] - dateRank[b]).map((i) => docList[i]);
      const page = all.slice(offset, offset + limit);
      const passagesByDoc = page.length ? this.leadPassages(page.map((d) => d.id), perDoc) : new Map<string, PassageHit[]>();
      return {
        total: all.length, totalPassages: 0,
        hits: page.map((d) => ({ document: summaryOf(d), score: 0, passages: passagesByDoc.get(d.id) ?? [] })),
        facets: facetsOf(all),
      };
    }

    let mode: 'all' | 'any' = 'all';
    let groups = this.matchPlanned(pq, mode, plain, keep);
    let bounded = groups ? null : this.matchBounded(pq, mode, plain, keep, offset + limit);
    // A long query (a pasted sentence) rarely has every word in one passage: then match any word.
    if (((groups && !groups.size) || (bounded && !bounded.ordered.length)) && pq.clauses.length >= RELAX_MIN_CLAUSES) {
      mode = 'any';
      groups = this.matchPlanned(pq, mode, plain, keep);
      bounded = groups ? null : this.matchBounded(pq, mode, plain, keep, offset + limit);
    }

    let result: SearchResult;
    if (bounded) {
      const page = bounded.ordered.slice(offset, offset + limit);
      const must = buildMust(pq, mode, plain)!;
      for (const g of page) g.rows = this.docRowsMatching(must, g.doc, perDoc * 2);
      const passagesByDoc = this.pagePassages(page, pq, perDoc, true);
      result = {
        total: bounded.total, totalPassages: bounded.totalPassages,
        hits: page.map((g) => ({ document: summaryOf(docList[g.doc]), score: -g.best, passages: passagesByDoc.get(g.doc) ?? [] })),
        facets: bounded.facets,
      };
      if (bounded.estimate) result.totalIsEstimate = true;
    } else {
      const matched = [...groups!.values()];
      if (req.sort === 'date') {
        const same = (a: DocAgg, b: DocAgg) => (docList[a.doc].issuedAt ?? '') === (docList[b.doc].issuedAt ?? '');
        matched.sort((a, b) => (same(a, b) ? a.best - b.best : 0) || dateRank[a.doc] - dateRank[b.doc]);
      } else matched.sort((a, b) => a.best - b.best || dateRank[a.doc] - dateRank[b.doc]);
      const page = matched.slice(offset, offset + limit);
      const passagesByDoc = this.pagePassages(page, pq, perDoc);
      result = {
        total: matched.length,
        totalPassages: matched.reduce((s, m) => s + m.n, 0),
        hits: page.map((m) => ({ document: summaryOf(docList[m.doc]), score: -m.best, passages: passagesByDoc.get(m.doc) ?? [] })),
        facets: facetsOf(matched.map((m) => docList[m.doc])),
      };
    }
    if (mode === 'any') result.relaxed = true;
    return result;
  }

  /** The best passages of each page document: rows by rank, those whose own text holds a query word first. */
  private pagePassages(page: DocAgg[], pq: ParsedQuery, perDoc: number, bySpans = false): Map<number, PassageHit[]> {
    const out = new Map<number, PassageHit[]>();
    const want: [number, number][] = [];
    for (const g of page) {
      g.rows.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
      want.push(...g.rows.slice(0, perDoc * 3));
    }
    if (!want.length) return out;
    const texts = new Map<number, PassageRow>();
    // The rowids as one JSON parameter: one cached statement, whatever their number.
    const rows = this.stmt(`SELECT rowid, id, anchor, heading, ordinal, text, refs_json AS refs FROM passages WHERE rowid IN (SELECT value FROM json_each(?))`)
      .all(JSON.stringify(want.map((w) => w[0]))) as PassageRow[];
    for (const r of rows) texts.set(r.rowid, r);
    const rankOf = new Map(want);
    const { rowDoc } = this.rows();
    const cands = want.map(([rowid]) => texts.get(rowid)).filter((r): r is PassageRow => !!r)
      .map((r) => ({ r, spans: highlightSpans(r.text, pq) }));
    // Unranked rows (bounded path): the passages holding most query words first.
    if (bySpans) cands.sort((a, b) => b.spans.length - a.spans.length);
    else cands.sort((a, b) => Number(b.spans.length > 0) - Number(a.spans.length > 0));
    for (const { r, spans } of cands) {
      const d = rowDoc[r.rowid];
      const list = out.get(d) ?? [];
      if (list.length >= perDoc || (list.length && !spans.length)) continue;
      list.push({
        id: r.id, anchor: r.anchor, headingPath: r.heading, ordinal: r.ordinal,
        snippet: makeSnippet(r.text, spans), score: -(rankOf.get(r.rowid) ?? 0), refs: JSON.parse(r.refs) as Reference[],
      });
      out.set(d, list);
    }
    return out;
  }

  /** The first passages of documents listed without a query. */
  private leadPassages(docIds: string[], perDoc: number): Map<string, PassageHit[]> {
    const out = new Map<string, PassageHit[]>();
    const rows = this.stmt(`SELECT p.id, p.doc_id AS docId, p.anchor, p.heading, p.ordinal, p.refs_json AS refs, substr(p.text, 1, ${SNIPPET_CHARS + 1}) AS snip
      FROM passages p WHERE p.doc_id IN (SELECT value FROM json_each(?)) AND p.ordinal < ? ORDER BY p.ordinal`).all(JSON.stringify(docIds), perDoc) as { id: string; docId: string; anchor: string; heading: string; ordinal: number; refs: string; snip: string }[];
    for (const r of rows) {
      const list = out.get(r.docId) ?? [];
      if (list.length >= perDoc) continue;
      list.push({ id: r.id, anchor: r.anchor, headingPath: r.heading, ordinal: r.ordinal, snippet: makeSnippet(r.snip, []), score: 0, refs: JSON.parse(r.refs) as Reference[] });
      out.set(r.docId, list);
    }
    return out;
  }

  async getDocument(id: string): Promise<StoredDocument | null> {
    const row = this.stmt(`SELECT json FROM documents WHERE id = ?`).get(id) as { json: string } | undefined;
    if (!row) return null;
    const passages = (this.stmt(`SELECT id, doc_id, ordinal, anchor, heading, text, refs_json, aliases FROM passages WHERE doc_id = ? ORDER BY ordinal`).all(id) as any[])
      .map((r): PassageRecord => ({
        id: r.id, docId: r.doc_id, ordinal: r.ordinal, anchor: r.anchor, headingPath: r.heading, text: r.text, refs: JSON.parse(r.refs_json),
        ...(r.aliases ? { aliases: JSON.parse(r.aliases) as string[] } : {}),
      }));
    return { document: JSON.parse(row.json) as DocumentRecord, passages };
  }

  async findByRefId(refId: string): Promise<DocumentSummary[]> {
    const ids = this.stmt(`SELECT id FROM documents WHERE ref_id = ? ORDER BY issued_at DESC`).all(refId) as { id: string }[];
    const docs = this.docs();
    return ids.map((r) => summaryOf(docs.get(r.id)!)).filter(Boolean);
  }

  async findByRefPrefix(prefix: string): Promise<DocumentSummary[]> {
    const ids = this.stmt(`SELECT id FROM documents WHERE ref_id = ? OR (ref_id >= ? AND ref_id < ?) ORDER BY issued_at DESC LIMIT 50`)
      .all(prefix, `${prefix}-`, `${prefix}.`) as { id: string }[]; // '.' sorts right after '-'
    const docs = this.docs();
    return ids.map((r) => summaryOf(docs.get(r.id)!)).filter(Boolean);
  }

  async citing(refId: string, opts: { limit?: number; offset?: number; prefix?: boolean } = {}): Promise<{ total: number; items: CitingPassage[] }> {
    const limit = clamp(opts.limit, 50, 1, 500);
    const offset = clamp(opts.offset, 0, 0, Number.MAX_SAFE_INTEGER);
    // A prefix matches whole segments: ids in [prefix-, prefix.) ('.' sorts right after '-').
    const where = opts.prefix ? `(r.canonical = ? OR (r.canonical >= ? AND r.canonical < ?))` : `r.canonical = ?`;
    const args = opts.prefix ? [refId, `${refId}-`, `${refId}.`] : [refId];
    const total = (this.stmt(`SELECT count(*) AS n FROM refs r WHERE ${where}`).get(...args) as { n: number }).n;
    const rows = this.stmt(`SELECT r.json, r.start, r.end, p.id AS pid, p.anchor, p.heading, p.text, p.doc_id AS docId
      FROM refs r JOIN passages p ON p.rowid = r.passage_rowid JOIN documents d ON d.id = r.doc_id
      WHERE ${where} ORDER BY d.issued_at DESC, d.id, p.ordinal, r.start LIMIT ? OFFSET ?`).all(...args, limit, offset) as any[];
    const docs = this.docs();
    return {
      total,
      items: rows.map((r) => ({
        docId: r.docId, document: summaryOf(docs.get(r.docId)!), passageId: r.pid, anchor: r.anchor, headingPath: r.heading,
        context: contextAround(r.text, r.start, r.end), reference: JSON.parse(r.json) as Reference,
      })),
    };
  }

  async stats(): Promise<EngineStats> {
    const one = (sql: string) => (this.db.prepare(sql).get() as { n: number }).n;
    return {
      documents: one(`SELECT count(*) AS n FROM documents`),
      passages: one(`SELECT count(*) AS n FROM passages`),
      references: one(`SELECT count(*) AS n FROM refs`),
      byKind: (this.db.prepare(`SELECT kind AS value, count(*) AS count FROM documents GROUP BY kind ORDER BY count DESC`).all() as FacetCount[]),
    };
  }

  async health(): Promise<EngineHealth> {
    try {
      this.db.prepare('SELECT 1').get();
      return { ok: true, engine: this.name, details: { file: this.opts.file } };
    } catch (e) {
      return { ok: false, engine: this.name, details: { error: (e as Error).message } };
    }
  }

  async getSources(): Promise<SourceState[]> {
    return (this.db.prepare(`SELECT path, sha256, doc_ids FROM sources`).all() as any[]).map((r) => ({ path: r.path, sha256: r.sha256, docIds: JSON.parse(r.doc_ids) }));
  }
  async setSource(s: SourceState): Promise<void> {
    this.db.prepare(`INSERT OR REPLACE INTO sources(path, sha256, doc_ids) VALUES (?, ?, ?)`).run(s.path, s.sha256, JSON.stringify(s.docIds));
  }
  async deleteSource(p: string): Promise<void> {
    this.db.prepare(`DELETE FROM sources WHERE path = ?`).run(p);
  }

  async *allDocuments(): AsyncIterable<StoredDocument> {
    const ids = (this.db.prepare(`SELECT id FROM documents ORDER BY id`).all() as { id: string }[]).map((r) => r.id);
    for (const id of ids) {
      const d = await this.getDocument(id);
      if (d) yield d;
    }
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (this.db.open) {
      if (this.opts.file !== ':memory:') { try { this.db.pragma('wal_checkpoint(TRUNCATE)'); } catch { /* ignore */ } }
      this.db.close();
    }
  }
}


export function createSqliteEngine(opts: { dataDir?: string; file?: string; checkpointMs?: number } = {}): SqliteEngine {
  const file = opts.file ?? path.join(opts.dataDir ?? './data', 'policy-search.sqlite');
  return new SqliteEngine({ file, checkpointMs: opts.checkpointMs ?? 60_000 });
}
