/**
 * Re-ranking of a wide candidate set (long queries matched with any word, and relaxed short queries).
 *
 * bm25 over "any word" (FTS5, at most ANY_MAX_SCORED of the rarest words: plan.ts) ranks a passage
 * holding one rare word of a 15-word question as high as one holding most of them. The best rows by
 * that bm25 (RERANK_ROWS) are read back (one statement for all of them) and scored again on every
 * word of the query, in JS:
 *   - bm25f: BM25 over the folded words AND the folded word pairs (syllable bigrams: Vietnamese words
 *     are mostly two syllables, "hợp đồng", "lao động") of the query, body + heading·w_heading +
 *     title·w_title term frequencies, the pair's idf from the index's `pairs` column;
 *   - coverage: the share of the query's words the passage holds (title, heading or body), each word
 *     weighted by its idf, so "giáo dục" counts less than "bồi hoàn";
 *   - proximity: the share of adjacent query words that stand together in the passage;
 *   - topic: the share of the words of the passage's heading title ("Điều 49. Trách nhiệm của Bộ Y tế") that
 *     the query holds, squared: a question names the topic its article is titled by, while bm25f counts the
 *     heading's words only as frequencies (a long article about arbitration outweighs "Thẩm quyền giải quyết
 *     tranh chấp của Trọng tài" for "Trọng tài có thẩm quyền giải quyết tranh chấp trong những trường hợp nào?").
 *     Squared so that a heading the query names (nearly) whole counts, and one sharing a word or two with it
 *     ("được", "học") hardly: unsquared, such small shares reordered long queries of eval:e2e;
 * final = w_fts·bm25_fts / best + w_bm25·bm25f / best bm25f + w_c·coverage + w_p·proximity + w_t·topic. Tuned on
 * half A of the ALQAC training queries only (scripts/eval-search.ts --half A --rw …): bm25f with proximity 0.3 gave
 * MRR@10 0.911 on A (the FTS bm25 + coverage + proximity mix before it: 0.883); adding the FTS bm25 or
 * coverage back did not help, so their weights are 0 (the FTS bm25 still picks the candidates). topic 0.1 took
 * A to 0.924 (0.918–0.929 for weights 0.05–0.3; at 0.2 eval:e2e's long queries lost). Tried on A without gain
 * (so not kept): counting accented query words on the accented text (exact matches 1, folded-only 0–0.5), the
 * share of query word trigrams found in the passage, scoring the pairs of two common words, LOOKUP_SHARE
 * 0.3–0.8, the whole index's mean length for b instead of the candidates'.
 * A document scores by its best passage. idf: each word's passage count (plan.ts clauseRows, capped at
 * commonRows + 1), a pair's count on the `pairs` column (capped likewise); words in more than
 * LOOKUP_SHARE of the passages (or above commonRows) weigh nothing. Length normalisation uses the
 * candidates' mean length (no statement over the whole table).
 * Cost: one statement reading the candidates' text, one cached count per pair; no statement per candidate.
 * With `strict` (a short query relaxed after no passage held every word), documents holding every
 * word first, then by the same score; the words a document's passages lack are reported (`missing`).
 */
import type { ParsedQuery, QueryClause } from '../../query/query.js';
import { fold } from '../../text/fold.js';
import { ftsQuote, WORD_ONLY } from './match.js';
import { bestRows, cappedCount, type DocAgg } from './plan.js';
import type { Reader } from './views.js';

/** How many of the best rows (by FTS bm25) are scored again. */
export const RERANK_ROWS = 150;

export interface RerankWeights {
  coverage: number; proximity: number;
  /** Weight of the FTS5 bm25 (the candidate ranking) and of the JS bm25f over words and pairs. */
  fts?: number; bm25?: number;
  /** BM25 parameters and field weights of bm25f; pair terms' weight relative to words. */
  k1?: number; b?: number; heading?: number; title?: number; pairs?: number;
  /** Weight of `topic`: the squared share of the passage's heading title (headingTopic) among the query's words. */
  topic?: number;
}
export const RERANK_WEIGHTS: Required<RerankWeights> = { coverage: 0, proximity: 0.3, fts: 0, bm25: 1, k1: 1.2, b: 0.75, heading: 2, title: 1, pairs: 1, topic: 0.1 };

/** Words in more than this share of the passages weigh nothing (idf near 0; at 0.2 question words like "có", "được" still weighed nothing, and half A lost 0.02 MRR). */
export const LOOKUP_SHARE = 0.5;

export interface Reranked { ordered: DocAgg[]; missing: Map<number, number[]> }

/** Rows holding a pair token ("hop_dong") on the `pairs` column, counted up to cap + 1. */
const pairRows = (rd: Reader, token: string, cap: number): number => cappedCount(rd, `pairs : ${ftsQuote(token)}`, cap);

/** The folded word sequences a clause matches: its words, and its alternatives (abbreviation ↔ long form). */
const formsOf = (c: QueryClause): string[][] => [c.tokens.map((t) => t.folded), ...(c.alternatives ?? [])];

/** A word character of folded text: a-z, 0-9, and any letter beyond ASCII (rare once folded) except spaces and punctuation. */
function wordUnit(c: number): boolean {
  if (c < 0x80) return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
  return c !== 0xa0 && !(c >= 0x2000 && c <= 0x206f) && !(c >= 0x3000 && c <= 0x303f) && c !== 0xfeff;
}

/**
 * Positions of the query's words in a folded field (only words of the query are recorded; a prefix
 * word under "p*"), and the field's length in words. A hand-written scan: the candidates' text is
 * read on every long query, and a Unicode regex costs several times more.
 */
function positions(folded: string, vocab: Set<string>, prefixes: string[]): { pos: Map<string, number[]>; len: number } {
  const pos = new Map<string, number[]>();
  let len = 0;
  const n = folded.length;
  for (let i = 0; i < n;) {
    if (!wordUnit(folded.charCodeAt(i))) { i++; continue; }
    let j = i + 1;
    while (j < n && wordUnit(folded.charCodeAt(j))) j++;
    const w = folded.slice(i, j);
    if (vocab.has(w)) { const l = pos.get(w); if (l) l.push(len); else pos.set(w, [len]); }
    for (let k = 0; k < prefixes.length; k++) {
      const p = prefixes[k];
      if (w !== p && w.startsWith(p)) { const key = `${p}*`; const l = pos.get(key); if (l) l.push(len); else pos.set(key, [len]); }
    }
    len++;
    i = j;
  }
  return { pos, len };
}

/** Ascending positions of `a` followed at distance `gap` by one of `b` (both ascending). */
function followed(a: number[], b: number[], gap: number): number[] {
  const out: number[] = [];
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    const t = a[i] + gap;
    if (b[j] === t) { out.push(a[i]); i++; j++; } else if (b[j] < t) j++; else i++;
  }
  return out;
}

const EMPTY: number[] = [];

/** A structural label at the start of a heading segment: "dieu 5.", "chuong ii", "muc 2:", "khoan 3", "2.", "a)". */
const LABEL = /^(?:(?:dieu|chuong|muc|phan|khoan|diem|phu luc)\s+)?(?:[0-9]+[a-z]?|[ivxlcdm]+)(?:\s*[.):\-–]|\s|$)\s*|^[a-z]\)\s*/;

/**
 * The distinct words of a passage's topic: the title of its most specific titled heading segment, folded,
 * without the structural label ("chuong ii › dieu 5. tham quyen giai quyet › 2." → tham, quyen, giai, quyet).
 * Empty when no segment carries a title ("Điều 5", ""). A hand-written scan (headings run to 200+ characters,
 * up to RERANK_ROWS of them per query): half the time of a Unicode regex and a Set.
 */
export function headingTopic(foldedHeading: string): string[] {
  for (let end = foldedHeading.length; end > 0;) {
    const cut = foldedHeading.lastIndexOf('›', end - 1);
    const seg = foldedHeading.slice(cut + 1, end).trim().replace(LABEL, '');
    end = cut < 0 ? 0 : cut;
    const words: string[] = [];
    for (let i = 0; i < seg.length;) {
      if (!wordUnit(seg.charCodeAt(i))) { i++; continue; }
      let j = i + 1;
      while (j < seg.length && wordUnit(seg.charCodeAt(j))) j++;
      const w = seg.slice(i, j);
      if (!words.includes(w)) words.push(w);
      i = j;
    }
    if (words.length) return words;
  }
  return [];
}

/** Share of `topic`'s words that are words of the query (0 for an empty topic). */
export function topicShare(topic: string[], queryWords: Set<string>): number {
  let n = 0;
  for (const x of topic) if (queryWords.has(x)) n++;
  return topic.length ? n / topic.length : 0;
}

/** Occurrences of a word sequence in a field; keys[k] are the position keys of word k (a prefix word: itself and "w*"). */
function seqCount(pos: Map<string, number[]>, keys: string[][]): number {
  if (keys.length === 1 && keys[0].length === 1) return pos.get(keys[0][0])?.length ?? 0;
  let cur = keyPositions(pos, keys[0]);
  for (let k = 1; k < keys.length && cur.length; k++) cur = followed(cur, keyPositions(pos, keys[k]), k);
  return cur.length;
}

function keyPositions(pos: Map<string, number[]>, ks: string[]): number[] {
  if (ks.length === 1) return pos.get(ks[0]) ?? EMPTY;
  const out: number[] = [];
  for (const x of ks) out.push(...(pos.get(x) ?? EMPTY));
  return out.sort((x, y) => x - y);
}

/**
 * Order the documents of `groups`. `df` holds each clause's passage count (capped at commonRows + 1),
 * `total` the number of passages in the index (for idf).
 */
export function rerank(rd: Reader, pq: ParsedQuery, groups: Map<number, DocAgg>, df: number[], total: number, opts: { strict: boolean; weights?: RerankWeights }): Reranked {
  const w = { ...RERANK_WEIGHTS, ...opts.weights };
  const top = bestRows(groups, RERANK_ROWS);
  const best = top.length ? Math.min(-1e-9, top[0][1]) : -1;
  const clauses = pq.clauses;
  const lookMax = Math.min(rd.commonRows, LOOKUP_SHARE * total);
  const idfOf = (n: number) => (n > lookMax ? 0 : Math.log(1 + (total - n + 0.5) / (n + 0.5)));
  const idf = clauses.map((_, i) => idfOf(df[i] ?? 0));
  const idfSum = idf.reduce((a, b) => a + b, 0) || 1;
  // Adjacent query words (across clauses) as pair terms, with their own idf.
  const pairs: { i: number; a: string; b: string; idf: number }[] = [];
  for (let i = 0; i + 1 < clauses.length; i++) {
    if (clauses[i].prefix || clauses[i + 1].prefix) continue;
    const a = clauses[i].tokens[clauses[i].tokens.length - 1].folded;
    const b = clauses[i + 1].tokens[0].folded;
    if (!WORD_ONLY.test(a) || !WORD_ONLY.test(b)) continue;
    const n = idf[i] || idf[i + 1] ? pairRows(rd, `${a}_${b}`, rd.commonRows) : lookMax + 1;
    pairs.push({ i, a, b, idf: n === 0 ? 0 : idfOf(n) });
  }
  const forms = clauses.map(formsOf);
  const vocab = new Set(forms.flat(2));
  // per clause and form: the position keys of each word (the prefix word of search-as-you-type also under "w*")
  const formKeys = forms.map((fs, i) => fs.map((words, f) => words.map((x, k) => (clauses[i].prefix && f === 0 && k === words.length - 1 ? [x, `${x}*`] : [x]))));
  const prefixes = clauses.filter((c) => c.prefix).map((c) => c.tokens[c.tokens.length - 1].folded);

  // The candidates' fields, in one statement.
  const texts = new Map<number, { t: string; h: string; x: string }>();
  if (top.length) {
    for (const r of rd.stmt(`SELECT rowid, doc_title AS t, heading AS h, text AS x FROM passages WHERE rowid IN (SELECT value FROM json_each(?))`)
      .all(JSON.stringify(top.map((r) => r[0]))) as { rowid: number; t: string; h: string; x: string }[]) texts.set(r.rowid, r);
  }
  const { docList } = rd.rows();
  const feats: { rowid: number; rank: number; doc: number; bm: number; cov: number; prox: number; topic: number }[] = [];
  // topic: how much of the passage's heading title the query names ("Trách nhiệm của Bộ Y tế" in a question about it)
  const queryWords = new Set(clauses.flatMap((c) => c.tokens.map((t) => t.folded)));
  const topicOf = new Map<string, number>();
  const topic = (h: string): number => {
    let v = topicOf.get(h);
    if (v === undefined) topicOf.set(h, (v = topicShare(headingTopic(h), queryWords) ** 2));
    return v;
  };
  let lenSum = 0;
  const fields: { f: ReturnType<typeof positions>[]; rowid: number; rank: number; doc: number; topic: number }[] = [];
  for (const [rowid, rank, doc] of top) {
    const r = texts.get(rowid);
    if (!r) continue;
    const d = docList[doc];
    const title = d?.number ? `${r.t} ${d.number}` : r.t;
    const h = fold(r.h);
    const f = [positions(fold(r.x), vocab, prefixes), positions(h, vocab, prefixes), positions(fold(title), vocab, prefixes)];
    lenSum += f[0].len + f[1].len;
    // (a heading holding no query word has topic 0: no need to read its words)
    fields.push({ f, rowid, rank, doc, topic: w.topic && f[1].pos.size ? topic(h) : 0 });
  }
  const avgLen = fields.length ? Math.max(1, lenSum / fields.length) : 1;
  const fieldW = [1, w.heading, w.title];
  const docHeld = new Map<number, Uint8Array>();
  let bmMax = 0;
  for (const { f, rowid, rank, doc, topic } of fields) {
    const norm = 1 - w.b + w.b * ((f[0].len + f[1].len) / avgLen);
    const kn = w.k1 * norm;
    let bm = 0;
    let cov = 0;
    const held = docHeld.get(doc) ?? new Uint8Array(clauses.length);
    for (let i = 0; i < clauses.length; i++) {
      if (!idf[i]) { held[i] = 1; continue; } // a word in most passages counts neither way
      let x = 0;
      for (let k = 0; k < 3; k++) for (const keys of formKeys[i]) x += fieldW[k] * seqCount(f[k].pos, keys);
      if (!x) continue;
      held[i] = 1;
      cov += idf[i];
      bm += (idf[i] * x * (w.k1 + 1)) / (x + kn);
    }
    docHeld.set(doc, held);
    let together = 0;
    for (const p of pairs) {
      let x = 0;
      for (let k = 0; k < 3; k++) x += fieldW[k] * followed(f[k].pos.get(p.a) ?? EMPTY, f[k].pos.get(p.b) ?? EMPTY, 1).length;
      if (!x) continue;
      together++;
      bm += (w.pairs * p.idf * x * (w.k1 + 1)) / (x + kn);
    }
    if (bm > bmMax) bmMax = bm;
    feats.push({ rowid, rank, doc, bm, cov: cov / idfSum, prox: pairs.length ? together / pairs.length : 0, topic });
  }
  const docScore = new Map<number, number>();
  for (const x of feats) {
    const s = w.fts * (x.rank / best) + w.bm25 * (bmMax ? x.bm / bmMax : 0) + w.coverage * x.cov + w.proximity * x.prox + w.topic * x.topic;
    if (s > (docScore.get(x.doc) ?? -Infinity)) docScore.set(x.doc, s);
  }
  const missing = new Map<number, number[]>();
  for (const [doc, held] of docHeld) {
    const m: number[] = [];
    held.forEach((h, i) => { if (!h) m.push(i); });
    missing.set(doc, m);
  }
  const full = (g: DocAgg) => (missing.get(g.doc)?.length === 0 ? 1 : 0);
  // documents outside the re-scored rows come after them, by their FTS bm25
  const score = (g: DocAgg) => docScore.get(g.doc) ?? -Infinity;
  const ordered = [...groups.values()].sort((a, b) => (opts.strict ? full(b) - full(a) : 0) || score(b) - score(a) || a.best - b.best);
  return { ordered, missing };
}

