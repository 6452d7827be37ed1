/**
 * Did-you-mean for the embedded engine: the index word nearest to a word that matched nothing.
 *
 * Candidates come from the FTS index's own vocabulary (an fts5vocab table over the folded `text`
 * column, created in the connection's temp schema: nothing is written to the database file): words
 * with the same first letter and a length within ±2. The nearest by optimal-string-alignment distance
 * on folded forms (≤ 1 for words of up to 4 letters, ≤ 2 beyond) wins, ties to the word in most
 * passages. The answer is given as it is written in a passage holding it (with its accents).
 *   suggest('giaso') → 'giáo'; suggest('thongg') → 'thông'; suggest('xyzzy') → null
 */
import { fold } from '../../text/fold.js';
import { WORD_RE } from '../../query/query.js';
import { ftsQuote } from './match.js';
import type { Reader } from './views.js';

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions), stopping above `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length];
}

export function suggestWord(rd: Reader & { exec(sql: string): void }, word: string): string | null {
  const w = fold(word).toLowerCase();
  if (!/^[a-z0-9]{2,30}$/.test(w) || /^\d+$/.test(w)) return null;
  rd.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.passages_vocab USING fts5vocab(main, passages_fts, 'col')`);
  const max = w.length <= 4 ? 1 : 2;
  const rows = rd.stmt(`SELECT term, doc FROM temp.passages_vocab WHERE col = 'text' AND term >= ? AND term < ? AND length(term) BETWEEN ? AND ?`)
    .all(w[0], `${w[0]}\u{10FFFF}`, w.length - max, w.length + max) as { term: string; doc: number }[];
  let best: { term: string; d: number; n: number } | null = null;
  for (const r of rows) {
    if (r.term === w || r.term.includes('_')) continue;
    const d = editDistance(w, r.term, max);
    if (d > max) continue;
    if (!best || d < best.d || (d === best.d && r.doc > best.n)) best = { term: r.term, d, n: r.doc };
  }
  if (!best) return null;
  // as written in a passage holding it
  const text = rd.stmt(`SELECT text FROM passages WHERE rowid = (SELECT rowid FROM passages_fts WHERE passages_fts MATCH ? LIMIT 1)`).pluck()
    .get(`text : ${ftsQuote(best.term)}`) as string | undefined;
  const written = (text?.match(WORD_RE) ?? []).find((t) => fold(t).toLowerCase() === best!.term);
  return written ? written.toLowerCase() : best.term;
}
