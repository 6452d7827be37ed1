/**
 * The sqlite engine's tables and its FTS5 index (facts measured for DESIGN.md):
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
 */
import type Database from 'better-sqlite3';
import { fold } from '../../text/fold.js';
import { normalize } from '../../text/normalize.js';
import { toneNormalize } from '../../text/tone.js';
import { facetValues, FACETS_SIGNATURE } from '../../kinds/facets.js';

/** Bump when fold/exactKey/indexed columns change: the FTS index is then rebuilt from stored text. */
export const INDEX_VERSION = '6';

/**
 * bm25 column weights: doc_title (with number), heading, text, exact (accented words), pairs (adjacent
 * words: the proximity boost). Given in each query, so changing them needs no re-index.
 */
export const BM25_WEIGHTS = [4.0, 2.0, 1.0, 3.0, 2.0] as const;

/** The accent-aware key: NFC lower case with one tone placement ("hoà" and "hòa" are the same word). */
export function exactKey(s: string): string {
  return toneNormalize(normalize(s)).toLowerCase();
}

const INDEX_WORD_RE = /[\p{L}\p{N}]+/gu;

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

/**
 * What the doc_title column indexes: the title and the document's own number, so a document is
 * found by its number ("26/2020/TT-BGDĐT") even when no passage repeats it.
 */
export function titleField(title: string, number: string | null | undefined): string {
  return number ? `${title} ${number}` : title;
}

export const FTS_INSERT = `INSERT INTO passages_fts(rowid, doc_title, heading, text, exact, pairs) VALUES (?, ?, ?, ?, ?, ?)`;
export const FTS_DELETE = `INSERT INTO passages_fts(passages_fts, rowid, doc_title, heading, text, exact, pairs) VALUES ('delete', ?, ?, ?, ?, ?, ?)`;

/** The values one passage feeds the FTS index (insert, and delete with the same values). */
export function ftsValues(rowid: number, title: string, heading: string, text: string): [number, string, string, string, string, string] {
  const t = fold(title);
  const h = fold(heading);
  const x = fold(text);
  return [rowid, t, h, x, exactKey(text), `${pairTokens(t)} ${pairTokens(h)} ${pairTokens(x)}`];
}

/** Create the tables if missing (idempotent); rebuild the FTS index when INDEX_VERSION changed. */
export function createSchema(db: Database.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS documents (
      id TEXT PRIMARY KEY, kind TEXT NOT NULL, number TEXT, ref_id TEXT, issuer TEXT,
      issued_at TEXT, year INTEGER, title TEXT NOT NULL, url TEXT, json TEXT NOT NULL, updated_at TEXT NOT NULL, facets TEXT
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
  // Each document's facet values (src/kinds/facets.ts), recomputed from its record when the registry changes.
  if (!(db.prepare(`PRAGMA table_info(documents)`).all() as { name: string }[]).some((c) => c.name === 'facets')) {
    db.exec(`ALTER TABLE documents ADD COLUMN facets TEXT`);
  }
  const facetsVersion = (db.prepare(`SELECT value FROM meta WHERE key='facets'`).get() as { value: string } | undefined)?.value;
  if (facetsVersion !== FACETS_SIGNATURE) refillFacets(db);
  const version = (db.prepare(`SELECT value FROM meta WHERE key='index_version'`).get() as { value: string } | undefined)?.value;
  if (version !== INDEX_VERSION) reindexFts(db);
}

/** The facet values of every document, from its stored record. */
function refillFacets(db: Database.Database): void {
  db.transaction(() => {
    const set = db.prepare(`UPDATE documents SET facets = ? WHERE id = ?`);
    const rows = db.prepare(`SELECT id, json FROM documents`).all() as { id: string; json: string }[];
    for (const r of rows) set.run(JSON.stringify(facetValues(JSON.parse(r.json))), r.id);
    db.prepare(`INSERT OR REPLACE INTO meta(key, value) VALUES('facets', ?)`).run(FACETS_SIGNATURE);
  })();
}

/** Drop and refill the FTS index from stored text (after INDEX_VERSION changes). */
function reindexFts(db: Database.Database): void {
  db.transaction(() => {
    db.exec(`DROP TABLE IF EXISTS passages_fts;`);
    db.exec(`DROP VIEW IF EXISTS passages_content;
      CREATE VIEW passages_content AS SELECT rowid, doc_title, heading, text, text AS exact, '' AS pairs FROM passages;`);
    db.exec(`CREATE VIRTUAL TABLE passages_fts USING fts5(
      doc_title, heading, text, exact, pairs, content='passages_content', content_rowid='rowid',
      tokenize="unicode61 remove_diacritics 0 tokenchars '_'", prefix='2 3');`);
    db.prepare(`INSERT INTO passages_fts(passages_fts, rank) VALUES('rank', 'bm25(4.0, 2.0, 1.0, 3.0, 0.0)')`).run();
    const ins = db.prepare(FTS_INSERT);
    // Pages of rows (better-sqlite3 cannot write while a statement is being iterated on the same connection).
    const page = db.prepare(`SELECT p.rowid, p.doc_title, p.heading, p.text, d.number FROM passages p LEFT JOIN documents d ON d.id = p.doc_id
      WHERE p.rowid > ? ORDER BY p.rowid LIMIT 2000`);
    for (let after = 0; ;) {
      const rows = page.all(after) as { rowid: number; doc_title: string; heading: string; text: string; number: string | null }[];
      if (!rows.length) break;
      for (const r of rows) ins.run(...ftsValues(r.rowid, titleField(r.doc_title, r.number), r.heading, r.text));
      after = rows[rows.length - 1].rowid;
    }
    db.prepare(`INSERT OR REPLACE INTO meta(key, value) VALUES('index_version', ?)`).run(INDEX_VERSION);
  })();
}
