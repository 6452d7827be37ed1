/**
 * Re-ranking of a wide candidate set (long queries matched with any word, and relaxed short queries).
 *
 * bm25 over "any word" ranks a passage holding one rare word of a 15-word question as high as one
 * holding most of them. The best rows by bm25 (RERANK_ROWS) are scored again on what bm25 does not see:
 *   - coverage: the share of the query's words the passage holds (title, heading or body), each word
 *     weighted by its idf, so "giáo dục" counts less than "bồi hoàn";
 *   - proximity: the share of adjacent query words that stand together in the passage;
 * final = bm25 / best bm25 + coverage·w_c + proximity·w_p (weights tuned on half A of the ALQAC
 * training queries only, scripts/eval-search.ts). A document scores by its best passage.
 * Which rows hold a word is read from the FTS index itself (the word's doclist, or the pair token of two
 * adjacent words), not by re-reading and folding the text. Words in more than commonRows passages (or
 * LOOKUP_SHARE of them) are not looked up (long doclists, idf near zero): they count neither way.
 * With `strict` (a short query relaxed after no passage held every word), documents holding every
 * word come first, then by the same score; the words a document's passages lack are reported (`missing`).
 */
import type { ParsedQuery } from '../../query/query.js';
import { buildMust, ftsQuote } from './match.js';
import type { DocAgg } from './plan.js';
import type { Reader } from './views.js';

/** How many of the best rows (by bm25) are scored again. */
export const RERANK_ROWS = 300;

export interface RerankWeights { coverage: number; proximity: number }
export const RERANK_WEIGHTS: RerankWeights = { coverage: 1.0, proximity: 0.8 };

/** Words in more than this share of the passages are not looked up either (stop words here; idf near 0). */
export const LOOKUP_SHARE = 0.2;

const WORD_ONLY = /^[\p{L}\p{N}]+$/u;

export interface Reranked { ordered: DocAgg[]; missing: Map<number, number[]> }

/** Rowids (among `cands`) matching an FTS expression. */
function rowsHolding(rd: Reader, match: string, cands: Set<number>): Set<number> {
  const out = new Set<number>();
  for (const rowid of rd.stmt(`SELECT rowid FROM passages_fts WHERE passages_fts MATCH ?`).pluck().all(match) as number[]) {
    if (cands.has(rowid)) out.add(rowid);
  }
  return out;
}

/**
 * Order the documents of `groups`. `df` holds each clause's passage count (capped at commonRows + 1),
 * `total` the number of passages in the index (for idf).
 */
export function rerank(rd: Reader, pq: ParsedQuery, groups: Map<number, DocAgg>, df: number[], total: number, opts: { strict: boolean; weights?: RerankWeights }): Reranked {
  const w = opts.weights ?? RERANK_WEIGHTS;
  const all: [number, number, number][] = [];
  for (const g of groups.values()) for (const [rowid, rank] of g.rows) all.push([rowid, rank, g.doc]);
  all.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
  const top = all.slice(0, RERANK_ROWS);
  const best = top.length ? Math.min(-1e-9, top[0][1]) : -1;
  const cands = new Set(top.map((r) => r[0]));
  const clauses = pq.clauses;
  const lookMax = Math.min(rd.commonRows, LOOKUP_SHARE * total);
  const looked = clauses.map((_, i) => (df[i] ?? 0) <= lookMax);
  const holding = clauses.map((c, i) => (looked[i] ? rowsHolding(rd, buildMust({ clauses: [c], accented: false })!, cands) : null));
  const idf = clauses.map((_, i) => (looked[i] ? Math.log(1 + total / (1 + (df[i] ?? 0))) : 0));
  const idfSum = idf.reduce((a, b) => a + b, 0) || 1;
  const adj: Set<number>[] = [];
  for (let i = 0; i + 1 < clauses.length; i++) {
    const a = clauses[i].tokens[clauses[i].tokens.length - 1].folded;
    const b = clauses[i + 1].tokens[0].folded;
    if (WORD_ONLY.test(a) && WORD_ONLY.test(b) && (looked[i] || looked[i + 1])) adj.push(rowsHolding(rd, `pairs : ${ftsQuote(`${a}_${b}`)}`, cands));
  }
  const docScore = new Map<number, number>();
  const docHeld = new Map<number, Uint8Array>();
  for (const [rowid, rank, doc] of top) {
    let cov = 0;
    const held = docHeld.get(doc) ?? new Uint8Array(clauses.length);
    holding.forEach((h, i) => {
      if (!h) held[i] = 1; // not looked up: counts neither way
      else if (h.has(rowid)) { cov += idf[i]; held[i] = 1; }
    });
    docHeld.set(doc, held);
    const prox = adj.length ? adj.filter((h) => h.has(rowid)).length / adj.length : 0;
    const s = rank / best + w.coverage * (cov / idfSum) + w.proximity * prox;
    if (s > (docScore.get(doc) ?? -Infinity)) docScore.set(doc, s);
  }
  const missing = new Map<number, number[]>();
  for (const [doc, held] of docHeld) {
    const m: number[] = [];
    held.forEach((h, i) => { if (!h) m.push(i); });
    missing.set(doc, m);
  }
  const full = (g: DocAgg) => (missing.get(g.doc)?.length === 0 ? 1 : 0);
  const score = (g: DocAgg) => docScore.get(g.doc) ?? g.best / best;
  const ordered = [...groups.values()].sort((a, b) => (opts.strict ? full(b) - full(a) : 0) || score(b) - score(a) || a.best - b.best);
  return { ordered, missing };
}
