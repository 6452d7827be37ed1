/**
 * Builds src/text/syllable-freq.data.ts: syllable and syllable-bigram counts learned from the real
 * corpus in ../shared/corpus, used by the glued-syllable repair to choose among possible splits.
 *
 * Training text: phapdien (Bộ Pháp điển articles), congbao-8chude (gazette text layer) and alqac2023
 * (law articles). vbpl-central is deliberately left out: eval-syllables measures accuracy on it.
 * Syllables are counted lower-cased, in canonical tone placement (toneNormalize), only when the token is
 * one valid syllable (syllable.ts rules). Output: top UNIGRAMS syllables and top BIGRAMS pairs.
 *
 *   npx tsx scripts/build-syllable-freq.ts [--unigrams 8000] [--bigrams 30000]
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import readline from 'node:readline';
import { normalize } from '../src/text/normalize.js';
import { toneNormalize } from '../src/text/tone.js';
import { isSyllable, hasSyllableCase } from '../src/text/syllable.js';
import { numArg, repoRoot, sharedRoot as shared } from './lib/bench-util.js';

const outFile = path.join(repoRoot, 'src/text/syllable-freq.data.ts');

const TOP_UNI = numArg('unigrams', 8000);
const TOP_BI = numArg('bigrams', 30000);

const uni = new Map<string, number>();
/** letter runs with a Vietnamese letter that are not one syllable ("canxi", "ôxít", "đôla"): loanwords */
const whole = new Map<string, number>();
const bi = new Map<string, number>();
let chars = 0;

const WORD = /[\p{L}\p{M}]+/gu;
function countText(raw: string): void {
  const text = normalize(raw);
  chars += text.length;
  let prev: string | null = null;
  let prevEnd = -1;
  for (const m of text.matchAll(WORD)) {
    const w = m[0];
    const start = m.index ?? 0;
    if (!hasSyllableCase(w) || !isSyllable(w.toLowerCase())) {
      if (/[^\x00-\x7f]/.test(w) && w.length <= 12 && hasSyllableCase(w)) {
        const k = w.toLowerCase();
        whole.set(k, (whole.get(k) ?? 0) + 1);
      }
      prev = null;
      continue;
    }
    const key = toneNormalize(w.toLowerCase());
    uni.set(key, (uni.get(key) ?? 0) + 1);
    if (prev !== null && start === prevEnd + 1 && text[prevEnd] === ' ') {
      const b = prev + ' ' + key;
      bi.set(b, (bi.get(b) ?? 0) + 1);
    }
    prev = key;
    prevEnd = start + w.length;
  }
  // keep the bigram map bounded: prune singletons when it grows large
  if (bi.size > 3_000_000) for (const [k, v] of bi) if (v < 2) bi.delete(k);
}

async function eachJsonl(file: string, fn: (rec: { title?: string; text?: string }) => void): Promise<void> {
  const input = fs.createReadStream(file).pipe(zlib.createGunzip());
  const rl = readline.createInterface({ input, crlfDelay: Infinity });
  for await (const line of rl) if (line.trim()) fn(JSON.parse(line));
}

async function main(): Promise<void> {
  if (!fs.existsSync(shared)) {
    console.error(`build-syllable-freq: ${shared} not found; the corpus is needed to build the table`);
    process.exit(1);
  }
  const t0 = Date.now();
  await eachJsonl(path.join(shared, 'corpus/phapdien/articles.jsonl.gz'), (r) => countText(`${r.title ?? ''}\n${r.text ?? ''}`));
  await eachJsonl(path.join(shared, 'corpus/congbao-8chude/docs.jsonl.gz'), (r) => countText(r.text ?? ''));
  const alqac = JSON.parse(fs.readFileSync(path.join(shared, 'corpus/alqac2023/v2-2023-10/legal_passages.json'), 'utf8'));
  for (const law of alqac) for (const a of law.articles ?? []) countText(a.text ?? '');

  const topUni = [...uni].sort((a, b) => b[1] - a[1]).slice(0, TOP_UNI);
  const keep = new Set(topUni.map(([k]) => k));
  const topBi = [...bi].filter(([k]) => { const [a, b] = k.split(' '); return keep.has(a) && keep.has(b); })
    .sort((a, b) => b[1] - a[1]).slice(0, TOP_BI);
  const totalUni = [...uni.values()].reduce((a, b) => a + b, 0);
  const totalBi = [...bi.values()].reduce((a, b) => a + b, 0);

  // Compact format: "syllable count" per entry, entries separated by "|"; bigrams reference syllables by rank.
  const rank = new Map(topUni.map(([k], i) => [k, i]));
  const uniStr = topUni.map(([k, v]) => `${k} ${v}`).join('|');
  const biStr = topBi.map(([k, v]) => { const [a, b] = k.split(' '); return `${rank.get(a)!.toString(36)},${rank.get(b)!.toString(36)},${v.toString(36)}`; }).join('|');
  // A whole word is kept only when the corpus writes it whole at least as often as spaced: "canxi"
  // (never "can xi") stays, "quyđịnh" (a glue error seen beside 100k "quy định") does not.
  const syl = (x: string) => isSyllable(x);
  const spacedCount = (w: string): number => {
    let best = 0;
    for (let i = 1; i < w.length; i++) {
      const a = w.slice(0, i), rest = w.slice(i);
      if (!syl(a)) continue;
      const ka = toneNormalize(a);
      if (syl(rest)) best = Math.max(best, bi.get(ka + ' ' + toneNormalize(rest)) ?? 0);
      for (let j = 1; j < rest.length; j++) {
        const b = rest.slice(0, j), c = rest.slice(j);
        if (!syl(b) || !syl(c)) continue;
        const kb = toneNormalize(b);
        best = Math.max(best, Math.min(bi.get(ka + ' ' + kb) ?? 0, bi.get(kb + ' ' + toneNormalize(c)) ?? 0));
      }
    }
    return best;
  };
  const wholeWords = [...whole].filter(([k, v]) => v >= 5 && v >= spacedCount(k))
    .sort((a, b) => b[1] - a[1]).map(([k]) => k);
  const out = `// Generated by scripts/build-syllable-freq.ts from ../shared/corpus (phapdien, congbao-8chude, alqac2023);
// ${chars} characters read; do not edit by hand. Syllables lower-cased, canonical tone placement (tone.ts).
/** Total syllable tokens counted (all syllables, not only those kept). */
export const UNIGRAM_TOTAL = ${totalUni};
/** Total adjacent syllable pairs counted. */
export const BIGRAM_TOTAL = ${totalBi};
/** Top ${topUni.length} syllables: "syllable count" entries joined by "|", most frequent first. */
export const UNIGRAMS = ${JSON.stringify(uniStr)};
/** Top ${topBi.length} pairs among them: "rankA,rankB,count" (base 36) joined by "|". */
export const BIGRAMS = ${JSON.stringify(biStr)};
/** ${wholeWords.length} words written without spaces though not one syllable, seen 5+ times (loanwords: "canxi", "ôxít"): never cut. */
export const WHOLE_WORDS = ${JSON.stringify(wholeWords.join('|'))};
`;
  fs.writeFileSync(outFile, out);
  console.log(`read ${(chars / 1e6).toFixed(1)} M chars in ${((Date.now() - t0) / 1000).toFixed(1)} s; ` +
    `${uni.size} distinct syllables (${totalUni} tokens), kept ${topUni.length}; ${topBi.length} bigrams kept; ` +
    `wrote ${path.relative(repoRoot, outFile)} (${(out.length / 1024).toFixed(0)} KiB)`);
}

await main();
