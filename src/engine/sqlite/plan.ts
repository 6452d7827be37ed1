/**
 * Query planning: which rows match, grouped by document, and at what cost.
 *
 * Query cost (measured at 200k passages, see scripts/bench-search.ts): FTS5's bm25 counts every
 * phrase of the expression over its whole doclist and scores every matching row, ~0.1–0.5 s for a
 * word in most passages. So words found in more than `commonRows` passages (default 5000) are kept
 * out of bm25 (matchPlanned), and queries made only of such words take a bounded path without bm25
 * (matchBounded) whose totals/facets are estimates, flagged `totalIsEstimate`.
 * better-sqlite3 binds JS numbers as REAL, and FTS5 ignores REAL rowid bounds (a full scan): bind
 * rowid bounds as BigInt.
 */
import type { ParsedQuery, QueryClause } from '../../query/query.js';
import type { SearchResult } from '../types.js';
import { BM25_WEIGHTS } from './schema.js';
import { buildMatch, buildMust, buildPlainMatch } from './match.js';
import { facetsOfDocs, scaleFacets } from './filter.js';
import type { Reader, RowMap } from './views.js';
import { ANY_MAX_CLAUSES } from '../common.js';

/** Matching rows of one document: index into docList, best (lowest) rank, count, [rowid, rank] pairs. */
export interface DocAgg { doc: number; best: number; n: number; rows: [number, number][] }
/**
 * The bounded path's answer. `readFrom`: the oldest rowid the probe read (0 when it read every matching
 * row): a document whose rows all lie at or above it has every matching row in its `rows`.
 */
export interface Bounded { ordered: DocAgg[]; total: number; totalPassages: number; facets: SearchResult['facets']; estimate: boolean; readFrom: number }

/** In mode 'any', at most this many of the rarest words are matched and scored by bm25. */
export const ANY_MAX_SCORED = ANY_MAX_CLAUSES;

/** Intersection of two ascending lists. */
function intersectSorted(a: number[], b: number[]): number[] {
  const out: number[] = [];
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (a[i] === b[j]) { out.push(a[i]); i++; j++; } else if (a[i] < b[j]) i++; else j++;
  }
  return out;
}

/** Rows matching one clause, counted up to cap + 1 (rowids newest first, no ranking: cheap). Cached until the next write. */
export function clauseRows(rd: Reader, c: QueryClause, plain: boolean, cap: number): number {
  return cappedCount(rd, buildMust({ clauses: [c], accented: false }, 'all', plain)!, cap);
}

/** Rows matching an FTS expression, counted up to cap + 1 (the newest first). Cached until the next write. */
export function cappedCount(rd: Reader, match: string, cap: number): number {
  const key = `${cap}|${match}`;
  let n = rd.dfCache.get(key);
  if (n === undefined) {
    n = rd.stmt(`SELECT count(*) FROM (SELECT rowid FROM passages_fts WHERE passages_fts MATCH ? ORDER BY rowid DESC LIMIT ?)`).pluck().get(match, cap + 1) as number;
    if (rd.dfCache.size > 10_000) rd.dfCache.clear();
    rd.dfCache.set(key, n);
  }
  return n;
}

/** Score only the rows holding every word when they are fewer than this share of the rare word's rows. */
export const SCORE_ONLY_SHARE = 0.6;

const BM25_SQL = `bm25(passages_fts, ${BM25_WEIGHTS.join(', ')})`;

/**
 * bm25 (of the whole expression `match`) of the given rows only, in one statement. `+rowid IN (…)`: the
 * plus keeps the list out of FTS5's index constraints, so FTS5 reads the expression once and counts each
 * phrase's idf once, exactly as when it scores every row (as `rowid = ?` lookups it would recount them per
 * row: 582 ms for 201 rows measured); the rowid range (BigInt: FTS5 ignores REAL bounds) skips to the rows'
 * span. The scores are those of the unrestricted statement; bm25 (~1.5 µs a row: a docsize read each) is
 * paid for these rows only.
 */
export function scoreRows(rd: Reader, match: string, rows: number[]): [number, number][] {
  if (!rows.length) return [];
  let lo = rows[0];
  let hi = rows[0];
  for (const r of rows) { if (r < lo) lo = r; if (r > hi) hi = r; }
  return rd.stmt(`SELECT rowid, ${BM25_SQL} FROM passages_fts WHERE passages_fts MATCH ? AND rowid >= ? AND rowid <= ? AND +rowid IN (SELECT value FROM json_each(?))`)
    .raw().all(match, BigInt(lo), BigInt(hi), JSON.stringify(rows)) as [number, number][];
}

/**
 * Every row matching `match`, grouped by document: best rank, number of matching passages and the
 * matching rows. `keep` filters documents (by index into docList); `members`, when given, the rows
 * (with `scoreOnlyMembers`, only they are scored: scoreRows; else every row is, the others skipped).
 */
export function matchExhaustive(rd: Reader, match: string, keep: (i: number) => boolean, members?: number[], scoreOnlyMembers = false): Map<number, DocAgg> {
  const { rowDoc } = rd.rows();
  const out = new Map<number, DocAgg>();
  // all() rather than iterate(): one call into the driver instead of one per row (~0.5 µs a row, measured at 4.6k rows)
  const scored = members && scoreOnlyMembers ? scoreRows(rd, match, members)
    : rd.stmt(`SELECT rowid, ${BM25_SQL} FROM passages_fts WHERE passages_fts MATCH ?`).raw().all(match) as [number, number][];
  let only: Uint8Array | null = null;
  if (members && !scoreOnlyMembers) {
    only = new Uint8Array(rowDoc.length);
    for (const r of members) if (r < rowDoc.length) only[r] = 1;
  }
  // (each row array the driver returned is kept as the group's row: no copy)
  for (const row of scored) {
    const rowid = row[0];
    if (only && !only[rowid]) continue;
    const d = rowid < rowDoc.length ? rowDoc[rowid] : -1;
    if (d < 0 || !keep(d)) continue;
    const agg = out.get(d);
    if (!agg) out.set(d, { doc: d, best: row[1], n: 1, rows: [row] });
    else { agg.n++; if (row[1] < agg.best) agg.best = row[1]; agg.rows.push(row); }
  }
  return out;
}

/** The k-th smallest value of xs (k from 0; xs is reordered): quickselect, linear on average. */
function kthSmallest(xs: Float64Array, k: number): number {
  let lo = 0;
  let hi = xs.length - 1;
  while (lo < hi) {
    const pivot = xs[(lo + hi) >> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (xs[i] < pivot) i++;
      while (xs[j] > pivot) j--;
      if (i <= j) { const t = xs[i]; xs[i] = xs[j]; xs[j] = t; i++; j--; }
    }
    if (k <= j) hi = j; else if (k >= i) lo = i; else return xs[k];
  }
  return xs[k];
}

/**
 * The n best rows of the groups (lowest rank, then lowest rowid) as [rowid, rank, doc], in that order:
 * what sorting every row and keeping n gives, without sorting them all (a long query's candidate set
 * holds up to tens of thousands of rows, and sorting them cost more than re-ranking the best 150).
 */
export function bestRows(groups: Map<number, DocAgg>, n: number): [number, number, number][] {
  let count = 0;
  for (const g of groups.values()) count += g.rows.length;
  let cut = Infinity;
  if (count > n) {
    const ranks = new Float64Array(count);
    let i = 0;
    for (const g of groups.values()) for (const r of g.rows) ranks[i++] = r[1];
    cut = kthSmallest(ranks, n - 1);
  }
  const out: [number, number, number][] = [];
  for (const g of groups.values()) for (const [rowid, rank] of g.rows) if (rank <= cut) out.push([rowid, rank, g.doc]);
  out.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
  if (out.length > n) out.length = n;
  return out;
}

/**
 * Plan a ranked match. bm25 reads the whole doclist of every phrase in the expression (to count it)
 * and scores every matching row, so common words are kept out of the ranked expression:
 * - every clause rare (≤ commonRows passages): exhaustive bm25 over the full expression;
 * - some clause rare: bm25 over the rare clauses (and the boosts touching them), restricted to the
 *   rows matching every clause (mode 'all'; listed without ranking, bounded by the rare clause; only they are scored).
 *   Common words are left out of the score, where bm25's idf gives them little weight anyway. In
 *   mode 'any' (relaxed), common words are ignored altogether, like stop words. Counts stay exact.
 * - every clause common: null (the caller takes the bounded path).
 */
export function matchPlanned(rd: Reader, pq: ParsedQuery, mode: 'all' | 'any', plain: boolean, keep: (i: number) => boolean): Map<number, DocAgg> | null {
  const cap = rd.commonRows;
  const counts = pq.clauses.map((c) => clauseRows(rd, c, plain, cap));
  // A word found nowhere: nothing holds every word; in mode 'any' it simply does not count.
  if (mode === 'all' && counts.includes(0)) return new Map();
  // A phrase of common words ("các khoản điều") may match few rows, but scoring it walks the
  // common words' doclists (twice: bm25 counts it first): it is scored only with a rare word in it.
  const cheap = (c: QueryClause) => c.tokens.length === 1 || !!c.alternatives?.length
    || c.tokens.some((t) => clauseRows(rd, { tokens: [t] }, plain, cap) <= cap);
  let rare = counts.map((n, i) => n > 0 && n <= cap && cheap(pq.clauses[i]));
  // 'any' (full ranking): only the ANY_MAX_SCORED rarest words are matched and scored (the candidate set
  // of a question is what its distinctive words find); re-ranking (rerank.ts) then looks at every word.
  if (mode === 'any' && !plain && rare.filter(Boolean).length > ANY_MAX_SCORED) {
    const keepIdx = new Set(rare.map((r, i) => (r ? i : -1)).filter((i) => i >= 0).sort((a, b) => counts[a] - counts[b]).slice(0, ANY_MAX_SCORED));
    rare = rare.map((_, i) => keepIdx.has(i));
    return matchExhaustive(rd, (plain ? buildPlainMatch : buildMatch)(pq, mode, rare)!, keep);
  }
  const build = plain ? buildPlainMatch : buildMatch;
  if (rare.every((r, i) => r || counts[i] === 0)) return matchExhaustive(rd, build(pq, mode)!, keep);
  if (!rare.some(Boolean)) return null;
  const ranked = build(pq, mode, rare)!;
  if (mode === 'any') return matchExhaustive(rd, ranked, keep);
  const members = rd.stmt(`SELECT rowid FROM passages_fts WHERE passages_fts MATCH ?`).pluck().all(buildMust(pq, 'all', plain)!) as number[];
  // no row holds every word (a query about to be relaxed): nothing to rank (bm25 over the rare word's rows cost ~2 µs a row)
  if (!members.length) return new Map();
  // Few of the rare words' rows hold every word ("gop y bao": 439 of 3,881): only they are scored (scoreRows).
  // Most of them ("thau va": 4,005 of 4,583): one plain pass, the others skipped here (the list check costs more).
  const rareRows = Math.min(...counts.filter((_, i) => rare[i]));
  return matchExhaustive(rd, ranked, keep, members, members.length < SCORE_ONLY_SHARE * rareRows);
}

/**
 * Every clause common: no bm25. Documents whose title holds every clause come first (their every
 * passage matches), then the documents of the newest matching rows (rowids read newest first, up to
 * probeRows, more when the page needs it), each tier newest issued first. When the rows read are all
 * the matching rows, counts are exact; otherwise total, totalPassages and facets are scaled from the
 * rows read to the whole index (by the share of passages and documents those rows span) and flagged
 * as estimates.
 */
export function matchBounded(rd: Reader, pq: ParsedQuery, mode: 'all' | 'any', plain: boolean, keep: (i: number) => boolean, need: number): Bounded {
  const { rowDoc, docList, docRows, dateRank, docByRank } = rd.rows();
  const must = buildMust(pq, mode, plain)!;
  // Title tier (not for 'plain', which matches the body only): documents (kept by the filters)
  // whose title holds every clause, newest issued first.
  let titleList: number[] = [];
  if (!plain) {
    let acc: number[] | null = null;
    if (mode === 'all') {
      for (const c of pq.clauses) {
        acc = acc ? intersectSorted(acc, titleDocs(rd, c)) : titleDocs(rd, c);
        if (!acc.length) break;
      }
    } else {
      // the union, marked in one array (a long query's common words hold most titles between them:
      // merging sorted lists clause after clause cost ~30 ms)
      const mark = new Uint8Array(docList.length);
      for (const c of pq.clauses) for (const d of titleDocs(rd, c)) mark[d] = 1;
      acc = [];
      for (let d = 0; d < mark.length; d++) if (mark[d]) acc.push(d);
    }
    const ranks = Int32Array.from((acc ?? []).filter(keep), (d) => dateRank[d]).sort();
    titleList = Array.from(ranks, (r) => docByRank[r]);
  }
  const inTitle = new Uint8Array(docList.length);
  for (const d of titleList) inTitle[d] = 1;
  // When a clause is known to match at most commonRows rows, read them all: counts become exact.
  const cap = rd.commonRows;
  const known = mode === 'all' ? Math.min(...pq.clauses.map((c) => clauseRows(rd, c, plain, cap))) : Infinity;
  let k = Math.max(rd.probeRows, known <= cap ? known : 0);
  let probe: number[] = [];
  let exhausted = false;
  const groups = new Map<number, DocAgg>();
  for (;;) {
    probe = rd.stmt(`SELECT rowid FROM passages_fts WHERE passages_fts MATCH ? ORDER BY rowid DESC LIMIT ?`).pluck().all(must, k + 1) as number[];
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
    return { ordered, total: ordered.length, totalPassages: ordered.reduce((s, g) => s + g.n, 0), facets: facetsOfDocs(rd.rows().facets, ordered.map((g) => g.doc)), estimate: false, readFrom: 0 };
  }
  // Scale from the span of rows read (rowid ≥ the oldest row read) to the index, among kept documents.
  const lo = probe[probe.length - 1];
  let spanRows = 0;
  let spanDocs = 0;
  let keptRows = 0;
  let keptDocs = 0;
  if (keep === KEEP_ALL) {
    const c = spanCounts(rd.rows());
    spanRows = c.rowsFrom[lo];
    spanDocs = c.docsFrom[lo];
    keptRows = c.rows;
    keptDocs = c.docs;
  } else {
    const seen = new Uint8Array(docList.length);
    for (let r = lo; r < rowDoc.length; r++) { const d = rowDoc[r]; if (d >= 0 && keep(d)) { spanRows++; if (!seen[d]) { seen[d] = 1; spanDocs++; } } }
    for (let d = 0; d < docList.length; d++) if (docRows[d] > 0 && keep(d)) { keptRows += docRows[d]; keptDocs++; }
  }
  const rowScale = spanRows ? keptRows / spanRows : 1;
  const docScale = spanDocs ? keptDocs / spanDocs : 1;
  const sampled = [...groups.values()];
  const matchedRows = sampled.reduce((s, g) => s + g.n, 0);
  const f = facetsOfDocs(rd.rows().facets, sampled.map((g) => g.doc));
  return {
    ordered,
    total: Math.max(ordered.length, Math.round(sampled.length * docScale)),
    totalPassages: Math.max(matchedRows, Math.round(matchedRows * rowScale)),
    facets: scaleFacets(f, docScale),
    estimate: true,
    readFrom: lo,
  };
}

/** Every document kept (no filter): matchBounded then scales with counts computed once per index version. */
export const KEEP_ALL = (_i: number): boolean => true;

interface SpanCounts { rowsFrom: Int32Array; docsFrom: Int32Array; rows: number; docs: number }
const spanCache = new WeakMap<RowMap, SpanCounts>();

/** Per rowid r: the rows at or above r, and the documents with a row at or above r (no filter); with the totals. */
function spanCounts(m: RowMap): SpanCounts {
  let c = spanCache.get(m);
  if (!c) {
    const n = m.rowDoc.length;
    const rowsFrom = new Int32Array(n + 1);
    const docsFrom = new Int32Array(n + 1);
    // a document is counted from its highest row down
    const lastRows = new Int32Array(n + 1);
    m.docRows.forEach((k, d) => { if (k > 0) lastRows[m.docMax[d]]++; });
    for (let r = n - 1; r >= 0; r--) {
      rowsFrom[r] = rowsFrom[r + 1] + (m.rowDoc[r] >= 0 ? 1 : 0);
      docsFrom[r] = docsFrom[r + 1] + lastRows[r];
    }
    c = { rowsFrom, docsFrom, rows: rowsFrom[0], docs: docsFrom[0] };
    spanCache.set(m, c);
  }
  return c;
}

/** Documents whose title (with number) holds the clause, a form of it, or (prefix) a word starting with it. */
export function titleDocs(rd: Reader, c: QueryClause): number[] {
  const { titles, titleWords } = rd.rows();
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

/**
 * The first `max` matching rows of a page document of the bounded path, in document order (no ranking):
 * taken from the rows the probe read when it read all of that document's (no query), else from the index.
 */
export function boundedRows(rd: Reader, b: Bounded, must: string, g: DocAgg, max: number): [number, number][] {
  if (g.rows.length && rd.rows().docMin[g.doc] >= b.readFrom) {
    return g.rows.map((r) => r[0]).sort((x, y) => x - y).slice(0, max).map((r) => [r, 0]);
  }
  return docRowsMatching(rd, must, g.doc, max);
}

/** Matching rows of one document, in document order (no ranking), for the bounded path's page. */
export function docRowsMatching(rd: Reader, must: string, d: number, max: number): [number, number][] {
  const { docMin, docMax } = rd.rows();
  return (rd.stmt(`SELECT rowid FROM passages_fts WHERE passages_fts MATCH ? AND rowid >= ? AND rowid <= ? ORDER BY rowid LIMIT ?`).pluck()
    .all(must, BigInt(docMin[d]), BigInt(docMax[d]), max) as number[]).map((r) => [r, 0]);
}
