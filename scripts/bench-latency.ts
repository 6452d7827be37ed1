/**
 * npm run bench:latency — ingest time and query latency through the normal path.
 *
 * 1. Ingest /work/shared/corpus/vbpl-central/docs.jsonl.gz (lang=vi, field map below) into a fresh
 *    temp sqlite index with ingest(), timed; then 100 reproducible queries (seeded; a third each:
 *    words from document titles as written, words from passages without marks, document numbers
 *    whole or in part), one warm-up round and 3 measured rounds: p50/p95/max (cold = first round).
 * 2. Ingest time of the seed corpus (/work/main/corpus) and of /work/shared/corpus/pdf-samples/files,
 *    each into its own fresh temp index.
 * Options: --seed N, --rounds N.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ingest, type IngestReport } from '../ingest/index.js';
import { SqliteEngine } from '../src/engine/sqlite/index.js';
import { fold } from '../src/text/fold.js';
import { corpusRoot, fmt, numArg, pick, repoRoot, requireShared, rng, stats } from './lib/bench-util.js';

const SEED = numArg('seed', 7);
const ROUNDS = numArg('rounds', 3);

const VBPL = path.join(corpusRoot, 'vbpl-central/docs.jsonl.gz');
const VBPL_FIELDS = 'number=so_ky_hieu_guess,issuedAt=ngay_ban_hanh_guess,kind=loai_van_ban_guess,issuer=co_quan_ban_hanh_guess,status=tinh_trang_hieu_luc';
const SEEDS = path.join(repoRoot, 'corpus');
const PDFS = path.join(corpusRoot, 'pdf-samples/files');
const WORD_RE = /[\p{L}\p{M}\p{N}]+/gu;

async function timedIngest(label: string, paths: string[], dir: string, opts: Parameters<typeof ingest>[2] = {}): Promise<{ engine: SqliteEngine; report: IngestReport; ms: number }> {
  const engine = new SqliteEngine({ file: path.join(dir, `${label}.sqlite`), checkpointMs: 0 });
  await engine.init();
  const t0 = performance.now();
  const report = await ingest(paths, engine, { concurrency: 1, progress: false, ...opts });
  const ms = performance.now() - t0;
  console.log(`ingest ${label}: ${ms < 10_000 ? `${fmt(ms, 0)} ms` : `${fmt(ms / 1000, 1)} s`} — ${report.ingested} documents, ${report.passagesWritten} passages, ${report.failed.length} failed, ${report.skipped.length} skipped`
    + ` (${fmt(report.passagesWritten / (ms / 1000), 0)} passages/s)`);
  for (const f of report.failed.slice(0, 5)) console.log(`  failed ${f.file}: ${f.code} ${f.reason}`);
  return { engine, report, ms };
}

async function main(): Promise<void> {
  requireShared('bench:latency', [VBPL, PDFS]);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-latency-'));
  try {
    const { engine } = await timedIngest('vbpl-central', [VBPL], dir, { fields: VBPL_FIELDS, where: 'lang=vi' });

    // 100 queries drawn from the index itself.
    const r = rng(SEED);
    const docs: { id: string; title: string; number?: string }[] = [];
    for await (const d of engine.allDocuments()) docs.push({ id: d.document.id, title: d.document.title, number: d.document.number });
    const words = (s: string) => s.match(WORD_RE) ?? [];
    const span = (ws: string[], n: number) => { const i = Math.floor(r() * Math.max(1, ws.length - n)); return ws.slice(i, i + n).join(' '); };
    const queries: { kind: string; q: string }[] = [];
    const numbered = docs.filter((d) => d.number && /\d/.test(d.number));
    while (queries.length < 100) {
      const k = queries.length % 3;
      const d = pick(r, docs);
      if (k === 0) { const ws = words(d.title); if (ws.length >= 3) queries.push({ kind: 'title words', q: span(ws, 2 + Math.floor(r() * 3)) }); }
      else if (k === 1) {
        const stored = await engine.getDocument(d.id);
        const p = stored && stored.passages.length ? pick(r, stored.passages) : null;
        const ws = p ? words(p.text) : [];
        if (ws.length >= 4) queries.push({ kind: 'unaccented', q: fold(span(ws, 2 + Math.floor(r() * 2))) });
      } else {
        const n = pick(r, numbered).number!;
        const partial = n.split('/').slice(0, 2).join('/');
        queries.push({ kind: 'number', q: r() < 0.5 || partial === n ? n : partial });
      }
    }
    console.log(`100 queries (seed ${SEED}), e.g. ${queries.slice(0, 6).map((x) => JSON.stringify(x.q)).join(', ')}`);
    const byKind = new Map<string, number[]>();
    const cold: number[] = [];
    const warm: number[] = [];
    let estimates = 0;
    const perQuery = queries.map(() => [] as number[]);
    for (let round = 0; round <= ROUNDS; round++) {
      for (const [i, { kind, q }] of queries.entries()) {
        const t0 = performance.now();
        const res = await engine.search({ q, limit: 10 });
        const ms = performance.now() - t0;
        if (round === 0) { cold.push(ms); if (res.totalIsEstimate) estimates++; } else { warm.push(ms); perQuery[i].push(ms); byKind.set(kind, [...(byKind.get(kind) ?? []), ms]); }
      }
    }
    const line = (label: string, ms: number[]) => { const s = stats(ms); console.log(`  ${label.padEnd(22)} p50 ${fmt(s.p50).padStart(7)} ms  p95 ${fmt(s.p95).padStart(7)} ms  max ${fmt(s.max).padStart(7)} ms  (n=${ms.length})`); };
    console.log(`search latency, in process, limit 10, 3 passages per document (${estimates} of 100 with estimated totals):`);
    line('first run (cold)', cold);
    line(`${ROUNDS} more rounds (warm)`, warm);
    for (const [k, ms] of byKind) line(`  warm: ${k}`, ms);
    const slow = perQuery.map((ms, i) => [stats(ms).p50, i] as [number, number]).sort((a, b) => b[0] - a[0]).slice(0, 5);
    console.log(`  slowest (median of warm rounds): ${slow.map(([t, i]) => `${JSON.stringify(queries[i].q)} ${fmt(t, 1)} ms`).join(', ')}`);
    await engine.close();

    const seeds = await timedIngest('seeds (corpus/)', [SEEDS], dir);
    await seeds.engine.close();
    const pdfs = await timedIngest('pdf-samples/files', [PDFS], dir);
    await pdfs.engine.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
