/**
 * Picks the passages of the hand-labelled reference evaluation (tests/fixtures/refs-labels.jsonl) and prints
 * them for a human to read and label (see tests/fixtures/refs-labelling-guide.md). It does NOT run the tagger:
 * passages are chosen by plain keyword presence (kind words, "Luật", "/"), a fixed seed, and a share with
 * none of them, so the labels cannot lean on what the tagger finds.
 *
 *   npx tsx scripts/sample-refs-passages.ts --per-source 72 --preambles 40 > /tmp/passages.txt
 * (the labelled set: 72 paragraphs each of vbpl-central and congbao-8chude, the 13 of the seeds, and 40
 * preamble lines "Căn cứ Luật …" from distinct documents, where laws are cited by name)
 *
 * A passage is one paragraph (text between blank lines or line breaks) of 60–700 characters, identified by
 * source file, record id and UTF-16 offsets into the record's `text` field (or the seed file's content).
 *
 * A second round of new material (passages 198 on): other passages of the same pools, and two new pools —
 * the pdf-samples reference texts (Công báo issues as their source repository extracted them) and the
 * Bình Dương records' trích yếu (lower-cased one-line summaries that cite what they implement):
 *   npx tsx scripts/sample-refs-passages.ts --seed 2026 --per-source 24 --preambles 12 --extra-sources \
 *     --skip tests/fixtures/refs-labels.jsonl --first 198 > /tmp/passages2.txt
 * (--skip leaves out every passage already labelled; --first numbers the new passages from there)
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { corpusRoot, numArg, sharedRoot } from './lib/bench-util.js';

const per = numArg('per-source', 60);
const KEY = /(Luật|luật|Nghị định|nghị định|Thông tư|thông tư|Quyết định|quyết định|Nghị quyết|nghị quyết|Chỉ thị|chỉ thị|Công văn|công văn|Hiến pháp|Pháp lệnh|Kế hoạch số|Thông báo số|\d\/)/;

/** Seeded PRNG (mulberry32) so the sample is reproducible. */
function rng(seed: number) { return () => { seed |= 0; seed = (seed + 0x6d2b79f5) | 0; let t = Math.imul(seed ^ (seed >>> 15), 1 | seed); t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296; }; }

interface Para { src: string; doc: string; start: number; end: number; text: string; date?: string }
function paragraphs(src: string, doc: string, text: string, date?: string): Para[] {
  const out: Para[] = [];
  const re = /[^\n]+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const t = m[0].trim();
    if (t.length < 60 || t.length > 700) continue;
    const start = m.index + m[0].indexOf(t);
    out.push({ src, doc, start, end: start + t.length, text: t, date });
  }
  return out;
}

const argStr = (name: string) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : undefined; };
const extraSources = process.argv.includes('--extra-sources');
/** passages already labelled (file, record, start) are never picked again */
const skip = new Set<string>();
const skipFile = argStr('skip');
if (skipFile && existsSync(skipFile)) {
  for (const l of readFileSync(skipFile, 'utf8').split('\n')) {
    if (!l) continue;
    const r = JSON.parse(l) as { file: string; doc: string; start: number };
    skip.add(`${r.doc}|${r.start}`);
  }
}
const read = (f: string) => gunzipSync(readFileSync(path.join(corpusRoot, f))).toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
const pools: Para[][] = [];
{
  const paras: Para[] = [];
  for (const r of read('vbpl-central/docs.jsonl.gz')) if (r.lang === 'vi' && r.text) paras.push(...paragraphs('vbpl-central', String(r.id), String(r.text), String(r.ngay_ban_hanh_guess ?? '')));
  pools.push(paras);
}
{
  const paras: Para[] = [];
  for (const r of read('congbao-8chude/docs.jsonl.gz')) if (r.text) paras.push(...paragraphs('congbao-8chude', String(r.id), String(r.text)));
  pools.push(paras);
}
{
  const paras: Para[] = [];
  const dir = path.join(sharedRoot, 'seeds');
  for (const f of readdirSync(dir).sort()) paras.push(...paragraphs('seeds', f, readFileSync(path.join(dir, f), 'utf8')));
  pools.push(paras);
}
if (extraSources) {
  const paras: Para[] = [];
  const dir = path.join(corpusRoot, 'pdf-samples/reference-text');
  for (const f of readdirSync(dir).sort()) paras.push(...paragraphs('pdf-samples', f, readFileSync(path.join(dir, f), 'utf8')));
  pools.push(paras);
  const bd: Para[] = [];
  for (const r of read('binhduong-vbcddh/docs.jsonl.gz')) if (r.trich_yeu) bd.push(...paragraphs('binhduong', String(r.id), String(r.trich_yeu), String(r.ngay_ban_hanh ?? '')));
  pools.push(bd);
}
if (skip.size) for (let i = 0; i < pools.length; i++) pools[i] = pools[i].filter((p) => !skip.has(`${p.doc}|${p.start}`));
// preamble lines ("Căn cứ …"), one per document, where laws are cited by name (the point-in-time cases)
const preambles: Para[] = [];
{
  const seen = new Set<string>();
  for (const p of [...pools[0], ...pools[1]]) {
    if (!/^Căn cứ (?:Luật|Bộ luật|Hiến pháp|Nghị quyết|Pháp lệnh)/.test(p.text) || seen.has(p.doc)) continue;
    seen.add(p.doc);
    preambles.push(p);
  }
}
const rand = rng(numArg('seed', 12));
let n = numArg('first', 1) - 1;
const extra = numArg('preambles', 0);
for (const pool of [...pools, ...(extra ? [preambles] : [])]) {
  const withKey = pool.filter((p) => KEY.test(p.text));
  const without = pool.filter((p) => !KEY.test(p.text));
  const pick = (list: Para[], k: number) => {
    const chosen: Para[] = [];
    const used = new Set<number>();
    while (chosen.length < Math.min(k, list.length)) {
      const i = Math.floor(rand() * list.length);
      if (used.has(i)) continue;
      used.add(i);
      chosen.push(list[i]);
    }
    return chosen;
  };
  if (!pool.length) continue;
  const k = pool === preambles ? extra : pool[0]?.src === 'seeds' ? Math.min(per, 30) : per;
  const chosen = pool === preambles ? pick(pool, k) : [...pick(withKey, Math.round(k * 0.85)), ...pick(without, Math.round(k * 0.15))];
  for (const p of chosen) {
    n++;
    console.log(`### ${n} ${p.src} ${p.doc} ${p.start} ${p.end}${p.date ? ` date=${p.date}` : ''}`);
    console.log(p.text);
    console.log();
  }
}
