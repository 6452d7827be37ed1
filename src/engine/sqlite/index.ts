/**
 * The embedded engine: better-sqlite3 + FTS5, one database file. The class is thin; its parts:
 *   schema.ts   tables, the FTS5 index layout and what each column is fed
 *   write.ts    upsert / delete of a document with its passages and references
 *   views.ts    in-memory views of the tables (document metadata, rowid → document), rebuilt after writes
 *   match.ts    FTS5 MATCH expressions from a parsed query
 *   plan.ts     query planning: which rows match and at what cost (common words, bounded path)
 *   results.ts  result shaping: facets, passages and snippets under each document
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { DocumentRecord, PassageRecord, Reference } from '../../docs/model.js';
import { contextAround } from '../html.js';
import { clamp, clauseLabel, COMMON_CLAUSE_PASSAGES, LONG_MIN_CLAUSES, RELAX_MIN_CLAUSES, requestQuery, summaryOf } from '../common.js';
import { AppError } from '../../errors.js';
import type {
  CitingPassage, DocumentSummary, EngineHealth, EngineStats, FacetCount, PassageHit,
  SearchEngine, SearchRequest, SearchResult, SourceState, StoredDocument,
} from '../types.js';
import { createSchema } from './schema.js';
import { deleteDocTx, upsertTx } from './write.js';
import { buildRowMap, loadDocs, type DocMeta, type Reader, type RowMap } from './views.js';
import { buildMust } from './match.js';
import { boundedRows, clauseRows, KEEP_ALL, matchBounded, matchPlanned, type DocAgg } from './plan.js';
import { leadPassages, pagePassages } from './results.js';
import { docFilter, facetsOf, facetsOfDocs } from './filter.js';
import { rerank, type RerankWeights } from './rerank.js';
import { suggestWord } from './suggest.js';

export { BM25_WEIGHTS, exactKey, INDEX_VERSION, pairTokens } from './schema.js';
export { buildMatch, buildMust, buildPlainMatch } from './match.js';

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
  /** Open read-only (a worker's connection beside the writer): no schema, no writes. */
  readonly?: boolean;
  /** How long a write waits for another writer's lock, ms. Default 5000. */
  busyTimeoutMs?: number;
  /** Weights of the re-ranking of wide candidate sets (rerank.ts); the tuned defaults when absent. */
  rerank?: RerankWeights;
}

export class SqliteEngine implements SearchEngine, Reader {
  readonly name = 'sqlite';
  private db: Database.Database;
  private docCache: Map<string, DocMeta> | null = null;
  private rowCache: RowMap | null = null;
  private stmts = new Map<string, Database.Statement>();
  readonly dfCache = new Map<string, number>();
  private seenDataVersion = -1;
  /** Commits made by this connection (PRAGMA data_version counts only the other connections'). */
  private ownCommits = 0;
  private timer?: NodeJS.Timeout;

  constructor(private opts: SqliteEngineOptions) {
    if (opts.readonly) {
      // A reader beside a writer (the worker pool): WAL is already the file's mode.
      this.db = new Database(opts.file, { readonly: true, fileMustExist: true, timeout: opts.busyTimeoutMs ?? 5000 });
    } else {
      if (opts.file !== ':memory:') mkdirSync(path.dirname(opts.file), { recursive: true });
      this.db = new Database(opts.file, { timeout: opts.busyTimeoutMs ?? 5000 });
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
      this.db.pragma('foreign_keys = ON');
      // the WAL file shrinks back to at most 64 MB whenever a checkpoint resets it (periodic ones are PASSIVE)
      this.db.pragma('journal_size_limit = 67108864');
    }
    this.db.pragma('cache_size = -65536');
  }

  /**
   * Run reads on one snapshot: a read transaction around the whole call, so a concurrent writer's
   * commit is seen entirely or not at all, and the in-memory views (checked against data_version at
   * the start) describe that same snapshot. Nested calls join the open transaction.
   */
  private read<T>(fn: () => T): T {
    if (this.db.inTransaction) return fn();
    this.db.exec('BEGIN');
    try {
      this.stmt('SELECT 1 FROM meta LIMIT 1').get(); // the snapshot starts with the first read
      this.checkVersion();
      return fn();
    } finally {
      if (this.db.inTransaction) this.db.exec('COMMIT');
    }
  }

  /**
   * Write in a BEGIN IMMEDIATE transaction (the write lock first, waiting up to the busy timeout for
   * another writer: a CLI ingest beside the server); still locked after it → engine_unavailable (503 +
   * Retry-After), not an internal error.
   */
  private write<T>(fn: () => T): T {
    try {
      return this.db.transaction(fn).immediate();
    } catch (e) {
      if ((e as { code?: string }).code === 'SQLITE_BUSY' || (e as { code?: string }).code === 'SQLITE_BUSY_SNAPSHOT') {
        throw new AppError('engine_unavailable', 'The index is being written by another process; try again shortly.', { retryAfter: 2, cause: e });
      }
      throw e;
    } finally {
      this.ownCommits++;
      this.invalidate();
    }
  }

  get commonRows(): number { return this.opts.commonRows ?? COMMON_CLAUSE_PASSAGES; }
  get probeRows(): number { return this.opts.probeRows ?? 2000; }

  async init(): Promise<void> {
    if (this.opts.readonly) return; // the writer creates the schema
    createSchema(this.db);
    if (this.opts.checkpointMs && this.opts.file !== ':memory:') {
      // PASSIVE: copies what it can and never waits (no busy handler), so a CLI ingest holding the write
      // lock or a long read in a search worker cannot block the serving thread for the busy timeout;
      // TRUNCATE (which waits) only at close
      this.timer = setInterval(() => { try { this.db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* busy: next time */ } }, this.opts.checkpointMs);
      this.timer.unref();
    }
  }

  private readonly stmtFn = (sql: string) => this.stmt(sql);

  async upsert(document: DocumentRecord, passages: PassageRecord[]): Promise<void> {
    this.write(() => upsertTx(this.stmtFn, document, passages));
  }

  /** A batch of documents in one transaction (the ingest runner uses it): much faster than one commit per document. */
  async upsertMany(items: StoredDocument[]): Promise<void> {
    this.write(() => { for (const it of items) upsertTx(this.stmtFn, it.document, it.passages); });
  }

  async delete(docId: string): Promise<boolean> {
    return this.write(() => deleteDocTx(this.stmtFn, docId));
  }

  /**
   * Merge the FTS5 index into one segment ('optimize'; it only merges the index's b-trees and never reads
   * the content view, so the folded-text trick of schema.ts is safe). After a bulk ingest the index holds
   * a dozen segments and a common word's rows are read from each; merged, the bench:search queries of
   * common words, phrases and references read several times fewer pages. ~30 s at 200k passages on
   * a loaded 2-core machine; skipped when the index is one segment already.
   */
  async compact(): Promise<void> {
    if (this.opts.readonly) return;
    const segments = this.stmt(`SELECT count(DISTINCT segid) FROM passages_fts_idx`).pluck().get() as number;
    if (segments <= 1) return;
    this.write(() => { this.db.exec(`INSERT INTO passages_fts(passages_fts) VALUES('optimize')`); });
  }

  /** Forget in-memory views of the tables after a write. */
  private invalidate(): void {
    this.docCache = null;
    this.rowCache = null;
    this.dfCache.clear();
  }

  /**
   * The data's version as this connection sees it: SQLite's data_version (changes when another
   * connection or process commits) and this connection's own commits. Read outside any transaction it
   * reflects every commit completed before the call, so an answer computed by a read that starts
   * after it is at least that new.
   */
  dataVersion(): string {
    return `${this.stmt('PRAGMA data_version').pluck().get() as number}.${this.ownCommits}`;
  }

  /** Another connection (a CLI ingest beside the server) committed: the in-memory views are stale. */
  private checkVersion(): void {
    const version = this.stmt('PRAGMA data_version').pluck().get() as number;
    if (version !== this.seenDataVersion) { this.seenDataVersion = version; this.invalidate(); }
  }


  docs(): Map<string, DocMeta> {
    this.checkVersion();
    if (!this.docCache) this.docCache = loadDocs(this.db);
    return this.docCache;
  }


  /** rowid → document index, so matching rows are grouped without a join (rebuilt lazily after writes). */
  rows(): RowMap {
    this.checkVersion();
    if (!this.rowCache) this.rowCache = buildRowMap(this.db, this.docs());
    return this.rowCache;
  }

  stmt(sql: string): Database.Statement {
    let st = this.stmts.get(sql);
    if (!st) { st = this.db.prepare(sql); this.stmts.set(sql, st); }
    return st;
  }

  async search(req: SearchRequest): Promise<SearchResult> {
    return this.read(() => {
      const limit = clamp(req.limit, 10, 1, 100);
      const offset = clamp(req.offset, 0, 0, Number.MAX_SAFE_INTEGER);
      const perDoc = clamp(req.passagesPerDoc, 3, 1, 10);
      const plain = req.ranking === 'plain';
      const pq = requestQuery(req);
      const keepMeta = docFilter(req.filters);
      const { docList, dateRank } = this.rows();
      const keepCache = new Int8Array(docList.length);
      const keep = keepMeta ? (i: number) => (keepCache[i] ||= keepMeta(docList[i]) ? 1 : -1) > 0 : KEEP_ALL;

      if (!pq.clauses.length) {
        const all = docList.map((_, i) => i).filter(keep).sort((a, b) => dateRank[a] - dateRank[b]).map((i) => docList[i]);
        const page = all.slice(offset, offset + limit);
        const passagesByDoc = page.length ? leadPassages(this, page.map((d) => d.id), perDoc) : new Map<string, PassageHit[]>();
        return {
          total: all.length, totalPassages: 0,
          hits: page.map((d) => ({ document: summaryOf(d), score: 0, passages: passagesByDoc.get(d.id) ?? [] })),
          facets: facetsOf(all),
        };
      }

      // Honest matching: the words found in no passage are named (`unmatched`). A query of 3+ words then
      // holds no passage with every word: it is relaxed to any word, documents holding every found word first.
      let df: number[] = [];
      let unmatched: string[] = [];
      if (!plain) {
        df = pq.clauses.map((c) => clauseRows(this, c, false, this.commonRows));
        unmatched = pq.clauses.filter((_, i) => df[i] === 0).map(clauseLabel);
      }
      const q = pq;
      // the clauses found somewhere: what re-ranking looks for (a word found nowhere is reported once, not per hit)
      const foundQ = unmatched.length ? { ...pq, clauses: pq.clauses.filter((_, i) => df[i] > 0) } : pq;
      const foundDf = df.filter((n) => n > 0);
      // A long query (a question, a pasted sentence) is matched with any of its words and re-ranked;
      // a short one needs every word, and is relaxed to any word (3+ words) only when nothing holds them all.
      const long = !plain && foundQ.clauses.length >= LONG_MIN_CLAUSES;
      let mode: 'all' | 'any' = long ? 'any' : 'all';
      let groups = matchPlanned(this, q, mode, plain, keep);
      let bounded = groups ? null : matchBounded(this, q, mode, plain, keep, offset + limit);
      if (mode === 'all' && ((groups && !groups.size) || (bounded && !bounded.ordered.length)) && q.clauses.length >= RELAX_MIN_CLAUSES) {
        mode = 'any';
        groups = matchPlanned(this, q, mode, plain, keep);
        bounded = groups ? null : matchBounded(this, q, mode, plain, keep, offset + limit);
      }

      let result: SearchResult;
      let missing: Map<number, number[]> | undefined;
      if (bounded) {
        const page = bounded.ordered.slice(offset, offset + limit);
        const must = buildMust(q, mode, plain)!;
        for (const g of page) g.rows = boundedRows(this, bounded, must, g, perDoc * 2);
        const passagesByDoc = pagePassages(this, page, q, perDoc, true);
        result = {
          total: bounded.total, totalPassages: bounded.totalPassages,
          hits: page.map((g) => ({ document: summaryOf(docList[g.doc]), score: -g.best, passages: passagesByDoc.get(g.doc) ?? [] })),
          facets: bounded.facets,
        };
        if (bounded.estimate) result.totalIsEstimate = true;
      } else {
        let matched = [...groups!.values()];
        if (req.sort === 'date') {
          const same = (a: DocAgg, b: DocAgg) => (docList[a.doc].issuedAt ?? '') === (docList[b.doc].issuedAt ?? '');
          matched.sort((a, b) => (same(a, b) ? a.best - b.best : 0) || dateRank[a.doc] - dateRank[b.doc]);
        } else if (mode === 'any' && !plain) {
          // A wide candidate set: re-ranked by coverage and proximity; a relaxed short query puts the documents holding every word first.
          const r = rerank(this, foundQ, groups!, foundDf, this.rows().rowDoc.length, { strict: !long, weights: this.opts.rerank });
          matched = r.ordered;
          missing = r.missing;
        } else matched.sort((a, b) => a.best - b.best || dateRank[a.doc] - dateRank[b.doc]);
        const page = matched.slice(offset, offset + limit);
        const passagesByDoc = pagePassages(this, page, q, perDoc);
        result = {
          total: matched.length,
          totalPassages: matched.reduce((s, m) => s + m.n, 0),
          hits: page.map((m) => {
            const lacks = missing?.get(m.doc);
            return {
              document: summaryOf(docList[m.doc]), score: -m.best, passages: passagesByDoc.get(m.doc) ?? [],
              ...(lacks?.length ? { missing: lacks.map((i) => clauseLabel(foundQ.clauses[i])) } : {}),
            };
          }),
          facets: facetsOfDocs(this.rows().facets, matched.map((m) => m.doc)),
        };
      }
      // Relaxed: matched with any word, and the answer does not show a document holding every word first.
      if (mode === 'any' && (!long || !missing || (result.hits[0]?.missing?.length ?? 0) > 0)) result.relaxed = true;
      if (!plain) result.unmatched = unmatched;
      return result;
    });
  }

  /** Run a statement with no result (suggest.ts creates its vocabulary table in the temp schema). */
  exec(sql: string): void {
    this.db.exec(sql);
  }

  async suggest(word: string): Promise<string | null> {
    return this.read(() => suggestWord(this, word));
  }

  async getDocument(id: string): Promise<StoredDocument | null> {
    return this.read(() => {
      const row = this.stmt(`SELECT json FROM documents WHERE id = ?`).get(id) as { json: string } | undefined;
      if (!row) return null;
      const passages = (this.stmt(`SELECT id, doc_id, ordinal, anchor, heading, text, refs_json, aliases FROM passages WHERE doc_id = ? ORDER BY ordinal`).all(id) as { id: string; doc_id: string; ordinal: number; anchor: string; heading: string; text: string; refs_json: string; aliases: string | null }[])
        .map((r): PassageRecord => ({
          id: r.id, docId: r.doc_id, ordinal: r.ordinal, anchor: r.anchor, headingPath: r.heading, text: r.text, refs: JSON.parse(r.refs_json),
          ...(r.aliases ? { aliases: JSON.parse(r.aliases) as string[] } : {}),
        }));
      return { document: JSON.parse(row.json) as DocumentRecord, passages };
    });
  }

  async findByRefId(refId: string): Promise<DocumentSummary[]> {
    return this.read(() => {
      const ids = this.stmt(`SELECT id FROM documents WHERE ref_id = ? ORDER BY issued_at DESC`).all(refId) as { id: string }[];
      const docs = this.docs();
      return ids.map((r) => summaryOf(docs.get(r.id)!)).filter(Boolean);
    });
  }

  async findByRefPrefix(prefix: string): Promise<DocumentSummary[]> {
    return this.read(() => {
      const ids = this.stmt(`SELECT id FROM documents WHERE ref_id = ? OR (ref_id >= ? AND ref_id < ?) ORDER BY issued_at DESC LIMIT 50`)
        .all(prefix, `${prefix}-`, `${prefix}.`) as { id: string }[]; // '.' sorts right after '-'
      const docs = this.docs();
      return ids.map((r) => summaryOf(docs.get(r.id)!)).filter(Boolean);
    });
  }

  async findByRefIds(refIds: string[], opts: { prefix?: boolean } = {}): Promise<Map<string, DocumentSummary[]>> {
    return this.read(() => {
      const ids = [...new Set(refIds)];
      const out = new Map<string, DocumentSummary[]>(ids.map((id) => [id, []]));
      if (!ids.length) return out;
      const json = JSON.stringify(ids);
      // Exact ids, and (prefix) ids extending them by whole segments: [id-, id.) ('.' sorts right after '-').
      const rows = (opts.prefix
        ? this.stmt(`SELECT j.value AS q, d.id FROM json_each(?) j JOIN documents d ON d.ref_id = j.value
            UNION ALL SELECT j.value, d.id FROM json_each(?) j JOIN documents d ON d.ref_id >= j.value || '-' AND d.ref_id < j.value || '.'`).all(json, json)
        : this.stmt(`SELECT j.value AS q, d.id FROM json_each(?) j JOIN documents d ON d.ref_id = j.value`).all(json)) as { q: string; id: string }[];
      const docs = this.docs();
      for (const r of rows) { const d = docs.get(r.id); if (d) out.get(r.q)!.push(summaryOf(d)); }
      // newest first (as the single calls order them); a prefix lists at most 50, like findByRefPrefix
      for (const [id, list] of out) {
        list.sort((a, b) => (b.issuedAt ?? '').localeCompare(a.issuedAt ?? ''));
        if (opts.prefix && list.length > 50) out.set(id, list.slice(0, 50));
      }
      return out;
    });
  }

  async citingCounts(refIds: string[], opts: { prefix?: boolean } = {}): Promise<Map<string, number>> {
    return this.read(() => {
      const ids = [...new Set(refIds)];
      const out = new Map<string, number>(ids.map((id) => [id, 0]));
      if (!ids.length) return out;
      const json = JSON.stringify(ids);
      const rows = (opts.prefix
        ? this.stmt(`SELECT q, sum(n) AS n FROM (
            SELECT j.value AS q, count(r.canonical) AS n FROM json_each(?) j JOIN refs r ON r.canonical = j.value GROUP BY j.value
            UNION ALL SELECT j.value, count(r.canonical) FROM json_each(?) j JOIN refs r ON r.canonical >= j.value || '-' AND r.canonical < j.value || '.' GROUP BY j.value
          ) GROUP BY q`).all(json, json)
        : this.stmt(`SELECT j.value AS q, count(r.canonical) AS n FROM json_each(?) j JOIN refs r ON r.canonical = j.value GROUP BY j.value`).all(json)) as { q: string; n: number }[];
      for (const r of rows) out.set(r.q, r.n);
      return out;
    });
  }

  async citing(refId: string, opts: { limit?: number; offset?: number; prefix?: boolean } = {}): Promise<{ total: number; items: CitingPassage[] }> {
    return this.read(() => {
      const limit = clamp(opts.limit, 50, 1, 500);
      const offset = clamp(opts.offset, 0, 0, Number.MAX_SAFE_INTEGER);
      // A prefix matches whole segments: ids in [prefix-, prefix.) ('.' sorts right after '-').
      const where = opts.prefix ? `(r.canonical = ? OR (r.canonical >= ? AND r.canonical < ?))` : `r.canonical = ?`;
      const args = opts.prefix ? [refId, `${refId}-`, `${refId}.`] : [refId];
      const total = (this.stmt(`SELECT count(*) AS n FROM refs r WHERE ${where}`).get(...args) as { n: number }).n;
      const rows = this.stmt(`SELECT r.json, r.start, r.end, p.id AS pid, p.anchor, p.heading, p.text, p.doc_id AS docId
        FROM refs r JOIN passages p ON p.rowid = r.passage_rowid JOIN documents d ON d.id = r.doc_id
        WHERE ${where} ORDER BY d.issued_at DESC, d.id, p.ordinal, r.start LIMIT ? OFFSET ?`).all(...args, limit, offset) as { json: string; start: number; end: number; pid: string; anchor: string; heading: string; text: string; docId: string }[];
      const docs = this.docs();
      return {
        total,
        items: rows.map((r) => ({
          docId: r.docId, document: summaryOf(docs.get(r.docId)!), passageId: r.pid, anchor: r.anchor, headingPath: r.heading,
          context: contextAround(r.text, r.start, r.end), reference: JSON.parse(r.json) as Reference,
        })),
      };
    });
  }

  async stats(): Promise<EngineStats> {
    return this.read(() => {
      const one = (sql: string) => (this.db.prepare(sql).get() as { n: number }).n;
      return {
        documents: one(`SELECT count(*) AS n FROM documents`),
        passages: one(`SELECT count(*) AS n FROM passages`),
        references: one(`SELECT count(*) AS n FROM refs`),
        byKind: (this.db.prepare(`SELECT kind AS value, count(*) AS count FROM documents GROUP BY kind ORDER BY count DESC`).all() as FacetCount[]),
      };
    });
  }

  async health(): Promise<EngineHealth> {
    try {
      this.stmt('SELECT 1').get();
      return { ok: true, engine: this.name, details: { file: this.opts.file } };
    } catch (e) {
      return { ok: false, engine: this.name, details: { error: (e as Error).message } };
    }
  }

  async getSources(): Promise<SourceState[]> {
    return (this.db.prepare(`SELECT path, sha256, doc_ids FROM sources`).all() as { path: string; sha256: string; doc_ids: string }[]).map((r) => ({ path: r.path, sha256: r.sha256, docIds: JSON.parse(r.doc_ids) }));
  }
  async setSource(s: SourceState): Promise<void> {
    this.write(() => this.stmt(`INSERT OR REPLACE INTO sources(path, sha256, doc_ids) VALUES (?, ?, ?)`).run(s.path, s.sha256, JSON.stringify(s.docIds)));
  }
  async deleteSource(p: string): Promise<void> {
    this.write(() => this.stmt(`DELETE FROM sources WHERE path = ?`).run(p));
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


/** The database file under DATA_DIR. */
export function sqliteFile(dataDir = './data'): string {
  return path.join(dataDir, 'policy-search.sqlite');
}

export function createSqliteEngine(opts: { dataDir?: string; file?: string; checkpointMs?: number } = {}): SqliteEngine {
  const file = opts.file ?? sqliteFile(opts.dataDir);
  return new SqliteEngine({ file, checkpointMs: opts.checkpointMs ?? 60_000 });
}
