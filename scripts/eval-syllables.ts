/**
 * npm run eval:syllables — how well the glued-syllable repair works on real text.
 *
 * (a) accuracy: real, correctly spaced Vietnamese text (vbpl-central, which the frequency table was NOT
 *     built from; plus seeds 000/001/003/004) has the spaces of random runs of 2–6 syllables removed;
 *     the repair must put them back. Syllable accuracy = glued syllables whose both edges come back and
 *     that are not cut inside, over all glued syllables. Boundaries added or lost elsewhere are counted too.
 * (b) false alarms: the repair run on correctly spaced corpus text (vbpl-central Vietnamese texts and
 *     congbao-8chude) must change nothing; every change is listed.
 * (c) speed of repairGlued and of the whole clean() pipeline, in MB/s of UTF-8 text (CPU time, and wall time).
 *
 *   npm run eval:syllables [-- --docs 200 --seed 7]
 */
import fs from 'node:fs';
import path from 'node:path';
import { normalize } from '../src/text/normalize.js';
import { repairGlued } from '../src/text/glued.js';
import { isSyllable, hasSyllableCase } from '../src/text/syllable.js';
import { clean } from '../src/text/clean.js';
import { numArg, readJsonlGz as readJsonl, rng, sharedRoot as shared } from './lib/bench-util.js';

if (!fs.existsSync(shared)) {
  console.error(`eval-syllables: ${shared} not found (real corpus needed); nothing to evaluate`);
  process.exit(1);
}
const DOCS = numArg('docs', 200);
const rand = rng(numArg('seed', 7));

const vbpl = readJsonl(path.join(shared, 'corpus/vbpl-central/docs.jsonl.gz'))
  .filter((d) => d.lang === 'vi' && d.has_text && d.text).map((d) => normalize(d.text as string));
const congbao = readJsonl(path.join(shared, 'corpus/congbao-8chude/docs.jsonl.gz'))
  .filter((d) => d.text && d.text.length > 1000).map((d) => normalize(d.text as string));
const seeds = ['000_b39c03b4349867b2.txt', '001_ef589262bdd8a3fd.txt', '003_9da619478d875a4b.txt', '004_e5419caefa74c938.txt']
  .map((f) => normalize(fs.readFileSync(path.join(shared, 'seeds', f), 'utf8')));

function sample<T>(xs: T[], n: number): T[] {
  const a = xs.slice();
  for (let i = a.length - 1; i > 0; i--) { const j = Math.floor(rand() * (i + 1)); [a[i], a[j]] = [a[j], a[i]]; }
  return a.slice(0, n);
}

// ---- (a) accuracy on randomly glued text ----------------------------------------------------
const isPureSyllable = (t: string) => /^[\p{L}]+$/u.test(t) && hasSyllableCase(t) && isSyllable(t.toLowerCase());
let gluedSyl = 0, okSyl = 0, runs = 0, okRuns = 0, extraBoundaries = 0, lostBoundaries = 0, allSyl = 0;
const errors = new Map<string, number>();
const accTexts = [...sample(vbpl, DOCS), ...seeds];
for (const text of accTexts) {
  const toks = text.split(/(\s+)/); // words at even indices, whitespace at odd
  const glued: boolean[] = new Array(toks.length).fill(false); // glued[i]: whitespace toks[i] removed
  for (let i = 0; i < toks.length; i += 2) {
    if (rand() >= 0.08 || !isPureSyllable(toks[i])) continue;
    const len = 2 + Math.floor(rand() * 5);
    let j = i;
    while (j + 2 < toks.length && (j - i) / 2 + 1 < len && toks[j + 1] === ' ' && isPureSyllable(toks[j + 2])) { glued[j + 1] = true; j += 2; }
    if (j > i) { i = j; }
  }
  let input = '';
  const origBoundary = new Set<number>(); // positions (in the space-free string) where a word starts
  const runSpans: Array<[number, number[]]> = []; // start and syllable lengths of each glued run
  let pos = 0;
  let cur: number[] | null = null;
  let curStart = 0;
  for (let i = 0; i < toks.length; i++) {
    if (i % 2 === 1) {
      if (glued[i]) continue;
      if (cur) { runSpans.push([curStart, cur]); cur = null; }
      input += toks[i];
      continue;
    }
    const w = toks[i];
    if (w === '') continue;
    origBoundary.add(pos);
    if (glued[i + 1] || (i > 0 && glued[i - 1])) {
      if (!cur) { cur = []; curStart = pos; }
      cur.push(w.length);
    }
    input += w;
    pos += w.length;
  }
  if (cur) runSpans.push([curStart, cur]);
  origBoundary.add(pos);
  const out = repairGlued(input);
  const outBoundary = new Set<number>();
  let p = 0;
  for (const w of out.split(/\s+/)) { if (w === '') continue; outBoundary.add(p); p += w.length; }
  outBoundary.add(p);
  if (p !== pos) throw new Error('repair changed more than spaces');
  for (const b of outBoundary) if (!origBoundary.has(b)) extraBoundaries++;
  for (const b of origBoundary) if (!outBoundary.has(b)) lostBoundaries++;
  allSyl += origBoundary.size - 1;
  const compactIn = input.replace(/\s+/g, '');
  for (const [start, lens] of runSpans) {
    runs++;
    let s = start;
    let allOk = true;
    for (const len of lens) {
      gluedSyl++;
      let ok = outBoundary.has(s) && outBoundary.has(s + len);
      for (let k = s + 1; k < s + len && ok; k++) if (outBoundary.has(k)) ok = false;
      if (ok) okSyl++; else allOk = false;
      s += len;
    }
    if (allOk) okRuns++;
    else {
      const orig = compactIn.slice(start, s);
      let got = '';
      for (let k = start; k < s; k++) got += (k > start && outBoundary.has(k) ? ' ' : '') + compactIn[k];
      const key = `${orig} → ${got}`;
      errors.set(key, (errors.get(key) ?? 0) + 1);
    }
  }
}
console.log(`(a) randomly glued real text: ${accTexts.length} texts (${accTexts.length - seeds.length} vbpl-central, held out from the frequency table, + 4 seeds)`);
console.log(`    glued runs: ${runs}, glued syllables: ${gluedSyl}`);
console.log(`    syllable accuracy: ${(100 * okSyl / gluedSyl).toFixed(2)}% (${okSyl}/${gluedSyl}); runs fully restored: ${(100 * okRuns / runs).toFixed(2)}%`);
console.log(`    over all ${allSyl} words: ${extraBoundaries} spurious boundaries added, ${lostBoundaries} boundaries not restored`);
console.log(`    most frequent errors:`);
for (const [k, v] of [...errors].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`      ${v}× ${k}`);

// ---- (b) changes on correctly spaced text ---------------------------------------------------
const clean1 = [...vbpl, ...congbao];
let changes = 0, chunksSeen = 0, chars = 0;
const changed = new Map<string, number>();
for (const text of clean1) {
  chars += text.length;
  const out = repairGlued(text);
  const orig = text.split(/\s+/).filter(Boolean);
  chunksSeen += orig.length;
  if (out === text) continue;
  // the repair only inserts spaces: walk the original chunks and gather the output pieces of each
  const got = out.split(/\s+/).filter(Boolean);
  let g = 0;
  for (const chunk of orig) {
    let acc = got[g++];
    const parts = [acc];
    while (acc.length < chunk.length && g < got.length) { acc += got[g]; parts.push(got[g++]); }
    if (parts.length > 1) { changes++; const k = `${chunk} → ${parts.join(' ')}`; changed.set(k, (changed.get(k) ?? 0) + 1); }
  }
}
console.log(`(b) correctly spaced corpus text: ${vbpl.length} vbpl-central + ${congbao.length} congbao texts, ${(chars / 1e6).toFixed(1)} M chars, ${chunksSeen} words`);
console.log(`    changes made: ${changes} (${changed.size} distinct)`);
for (const [k, v] of [...changed].sort((a, b) => b[1] - a[1]).slice(0, 60)) console.log(`      ${v}× ${k}`);

// ---- (c) speed --------------------------------------------------------------------------------
const big = clean1.join('\n\n');
function speed(label: string, fn: (s: string) => unknown): void {
  fn(big.slice(0, 200_000)); // warm up
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  fn(big);
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  const cpu = (c.user + c.system) / 1e6;
  const mb = Buffer.byteLength(big, 'utf8') / 1e6;
  console.log(`    ${label}: ${mb.toFixed(1)} MB UTF-8 (${(big.length / 1e6).toFixed(1)} M chars) in ${cpu.toFixed(2)} s CPU = ${(mb / cpu).toFixed(1)} MB/s ` +
    `(wall ${wall.toFixed(2)} s = ${(mb / wall).toFixed(1)} MB/s; wall depends on machine load)`);
}
console.log('(c) speed, one pass over the (b) text (chunk caches warm after the (b) pass):');
speed('repairGlued', repairGlued);
speed('clean (DEFAULT_STEPS)', (s) => clean(s));
