/**
 * bench:refs — reference tagging throughput (MB/s of UTF-16 text, 1 MB = 10^6 characters) over the
 * vbpl-central and congbao-8chude texts in /work/shared/corpus.
 *
 *   npm run bench:refs [-- --rounds N]
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { findReferences } from '../src/refs/index.js';
import { corpusRoot as shared } from './lib/bench-util.js';

const sources = ['vbpl-central/docs.jsonl.gz', 'congbao-8chude/docs.jsonl.gz'].map((f) => path.join(shared, f));
if (!sources.every(existsSync)) {
  console.error(`bench:refs: corpus files not found under ${shared}; nothing to measure.`);
  process.exit(2);
}
const i = process.argv.indexOf('--rounds');
const rounds = i > 0 ? Number(process.argv[i + 1]) : 3;
const texts: string[] = [];
for (const f of sources) {
  for (const l of gunzipSync(readFileSync(f)).toString('utf8').split('\n')) {
    if (!l) continue;
    const t = (JSON.parse(l) as { text?: string }).text;
    if (t) texts.push(t);
  }
}
const chars = texts.reduce((a, t) => a + t.length, 0);
console.log(`${texts.length} documents, ${(chars / 1e6).toFixed(1)} M characters`);
// warm-up
for (const t of texts.slice(0, 50)) findReferences(t);
// CPU time of this process as well as wall-clock: on a shared machine other processes take the CPU,
// and the wall-clock figure then measures the machine's load more than the tagger.
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
let best = Infinity;
let bestCpu = Infinity;
let refs = 0;
for (let r = 0; r < rounds; r++) {
  const t0 = performance.now();
  const c0 = cpu();
  refs = 0;
  for (const t of texts) refs += findReferences(t).length;
  const s = (performance.now() - t0) / 1000;
  const c = cpu() - c0;
  best = Math.min(best, s);
  bestCpu = Math.min(bestCpu, c);
  console.log(`round ${r + 1}: wall ${s.toFixed(2)} s = ${(chars / 1e6 / s).toFixed(1)} MB/s; cpu ${c.toFixed(2)} s = ${(chars / 1e6 / c).toFixed(1)} MB/s; ${refs} references`);
}
const load = (await import('node:os')).loadavg()[0];
console.log(`best: wall ${(chars / 1e6 / best).toFixed(1)} MB/s, cpu ${(chars / 1e6 / bestCpu).toFixed(1)} MB/s (${refs} references; 1-min load average ${load.toFixed(1)})`);
