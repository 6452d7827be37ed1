/**
 * npm run bench:http — the service over HTTP under concurrent load, as users meet it.
 *
 * 1. Builds (or reuses, cached by input hash) a sqlite index of vbpl-central (lang=vi) + congbao-8chude
 *    through the normal ingest path, and copies it into a fresh DATA_DIR.
 * 2. Starts the server in a child process (`serve`: reads in the worker pool, SEARCH_WORKERS default
 *    = cores), rate limits lifted for the bench.
 * 3. Drives it with autocannon from this process at 10, 50 and 100 connections (--duration s each) over a
 *    rotating mix of real queries of every class: accented, unaccented, references, phrases, Telex,
 *    common words, widget prefix queries (prefix=true&limit=6), document pages; while a probe asks
 *    /api/health every 100 ms.
 * 4. Prints per level: req/s, latency p50/p95/p99/max, non-2xx, errors and timeouts, and the health
 *    probe's p50/p95/max; then single heavy requests (q=t&prefix=true&limit=50&passages=10) alone.
 * Options: --duration N (s, default 10), --connections 10,50,100, --timeout N (s, default 10).
 * Latencies depend on the machine's load: the script prints `uptime`'s load averages beside them.
 */
import autocannon from 'autocannon';
import { spawn, execSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ingest } from '../ingest/index.js';
import { pipelineFingerprint } from '../ingest/pipeline.js';
import { INDEX_VERSION, SqliteEngine } from '../src/engine/sqlite/index.js';
import { BENCH_SOURCES } from './lib/bench-corpus.js';
import { cachedIndex, corpusRoot, fmt, inputsHash, numArg, percentile, repoRoot, requireShared } from './lib/bench-util.js';

const DURATION = numArg('duration', 10);
const TIMEOUT = numArg('timeout', 10);
const connArg = process.argv.indexOf('--connections');
const LEVELS = connArg === -1 ? [10, 50, 100] : process.argv[connArg + 1].split(',').map(Number);
const SOURCES = BENCH_SOURCES.filter((s) => /vbpl-central|congbao-8chude/.test(s.file));

/** The query mix: [class, path]. Every class of query users send, the widget's prefix queries among them. */
const MIX: [string, string][] = [
  ...['đánh giá học sinh', 'giáo viên mầm non', 'thuế thu nhập cá nhân', 'bảo hiểm xã hội', 'xử phạt vi phạm hành chính', 'đất đai', 'phòng cháy chữa cháy', 'an toàn thực phẩm']
    .map((q): [string, string] => ['accented', `/api/search?q=${encodeURIComponent(q)}`]),
  ...['danh gia hoc sinh', 'thue thu nhap doanh nghiep', 'bao hiem y te', 'quy dinh chi tiet', 'giao duc nghe nghiep', 'ngan sach nha nuoc']
    .map((q): [string, string] => ['unaccented', `/api/search?q=${encodeURIComponent(q)}`]),
  ...['nd 71/2020', '152/2025/NĐ-CP', 'tt 26/2020', 'Luật Giáo dục 2019', 'Công văn 3414/BGDĐT-GDTrH', 'nghị định 15/2020']
    .map((q): [string, string] => ['reference', `/api/search?q=${encodeURIComponent(q)}`]),
  ...['"quy định chi tiết"', '"hiệu lực thi hành"', '"cơ quan nhà nước"']
    .map((q): [string, string] => ['phrase', `/api/search?q=${encodeURIComponent(q)}`]),
  ...['nghij ddinhj', 'giaos ducj', 'hocj sinh']
    .map((q): [string, string] => ['telex', `/api/search?q=${encodeURIComponent(q)}`]),
  ...['quy định', 'các', 'theo', 'điều']
    .map((q): [string, string] => ['common', `/api/search?q=${encodeURIComponent(q)}`]),
  ...['t', 'gi', 'giao d', 'thue', 'bao h', 'ng', 'hoc s', 'x']
    .map((q): [string, string] => ['widget', `/api/search?q=${encodeURIComponent(q)}&prefix=true&limit=6`]),
];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const a = s.address() as net.AddressInfo; s.close(() => resolve(a.port)); });
    s.on('error', reject);
  });
}

async function buildIndex(): Promise<string> {
  const hash = inputsHash(SOURCES.map((s) => s.file), [await pipelineFingerprint(), INDEX_VERSION, 'bench-http-1', JSON.stringify(SOURCES)]);
  const { file, built } = await cachedIndex('http', hash, async (tmp) => {
    const engine = new SqliteEngine({ file: tmp, checkpointMs: 0 });
    await engine.init();
    for (const s of SOURCES) {
      const rep = await ingest([s.file], engine, { fields: s.fields, where: s.where, concurrency: 1, progress: false, batchSize: 256 });
      console.log(`  ingested ${path.relative(corpusRoot, s.file)}: ${rep.ingested} documents, ${rep.passagesWritten} passages, ${rep.failed.length} failed`);
    }
    await engine.close();
  });
  console.log(built ? `built index ${file}` : `reusing cached index ${file}`);
  return file;
}

async function waitHealthy(base: string, ms = 120_000): Promise<void> {
  const t0 = Date.now();
  for (;;) {
    try { if ((await fetch(`${base}/api/health`)).ok) return; } catch { /* not yet */ }
    if (Date.now() - t0 > ms) throw new Error('bench:http: the server did not become healthy');
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** /api/health every 100 ms while `running()`; latencies in ms (a failed probe counts as its time, and is counted). */
async function probeHealth(base: string, running: () => boolean): Promise<{ ms: number[]; failed: number }> {
  const ms: number[] = [];
  let failed = 0;
  while (running()) {
    const t0 = performance.now();
    try { const r = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(10_000) }); await r.arrayBuffer(); if (!r.ok) failed++; } catch { failed++; }
    ms.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { ms, failed };
}

async function level(base: string, connections: number, docPaths: string[]) {
  const paths = [...MIX.map((m) => m[1]), ...docPaths];
  let next = 0;
  const latencies: number[] = [];
  let running = true;
  const probe = probeHealth(base, () => running);
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const inst = autocannon({
      url: base, connections, duration: DURATION, timeout: TIMEOUT,
      requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths[next++ % paths.length] }) }],
    }, (err, res) => (err ? reject(err) : resolve(res)));
    inst.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => { latencies.push(responseTime); });
  });
  running = false;
  const health = await probe;
  latencies.sort((a, b) => a - b);
  const h = [...health.ms].sort((a, b) => a - b);
  return {
    connections, reqPerSec: result.requests.average, requests: result.requests.total,
    p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), max: latencies[latencies.length - 1] ?? NaN,
    non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts,
    health: { n: h.length, p50: percentile(h, 50), p95: percentile(h, 95), max: h[h.length - 1] ?? NaN, failed: health.failed },
  };
}

async function main(): Promise<void> {
  requireShared('bench:http', SOURCES.map((s) => s.file));
  const file = await buildIndex();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bench-http-'));
  copyFileSync(file, path.join(dataDir, 'policy-search.sqlite'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'src/cli.ts'), 'serve'], {
    cwd: repoRoot,
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent', RATE_PER_MINUTE_IP: '100000000' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  try {
    await waitHealthy(base);
    const health = await (await fetch(`${base}/api/health`)).json() as { engine: { details?: Record<string, unknown> } };
    const stats = await (await fetch(`${base}/api/search?q=&limit=50&sort=date`)).json() as { total: number; hits: { document: { id: string } }[] };
    const docPaths = stats.hits.slice(0, 10).map((h) => `/api/documents/${encodeURIComponent(h.document.id)}`);
    console.log(`server: ${base}, ${stats.total} documents, workers ${health.engine.details?.workers ?? '-'} (queue ${health.engine.details?.maxQueue ?? '-'}); mix of ${MIX.length} queries (${[...new Set(MIX.map((m) => m[0]))].join(', ')}) + ${docPaths.length} document reads; ${DURATION} s per level`);
    // warm-up: every path once
    for (const p of [...MIX.map((m) => m[1]), ...docPaths]) await (await fetch(base + p)).arrayBuffer();
    console.log(`load before: ${execSync('uptime').toString().trim()}`);
    console.log('conns   req/s     p50 ms   p95 ms   p99 ms   max ms  non-2xx errors timeouts | health p50  p95   max ms (probes, failed)');
    for (const c of LEVELS) {
      const r = await level(base, c, docPaths);
      console.log(`${String(c).padStart(5)} ${fmt(r.reqPerSec, 1).padStart(8)} ${fmt(r.p50, 1).padStart(9)} ${fmt(r.p95, 1).padStart(8)} ${fmt(r.p99, 1).padStart(8)} ${fmt(r.max, 0).padStart(8)} ${String(r.non2xx).padStart(8)} ${String(r.errors).padStart(6)} ${String(r.timeouts).padStart(8)} | ${fmt(r.health.p50, 1).padStart(10)} ${fmt(r.health.p95, 1).padStart(5)} ${fmt(r.health.max, 0).padStart(5)} (${r.health.n}, ${r.health.failed})`);
    }
    console.log(`load after: ${execSync('uptime').toString().trim()}`);
    // Heavy single requests, alone (no other load): the widget's and the worst documented shapes.
    for (const p of ['/api/search?q=t&prefix=true&limit=50&passages=10', '/api/search?q=t&prefix=true&limit=6', '/api/search?q=c%C3%A1c&limit=50&passages=10']) {
      const ms: number[] = [];
      for (let i = 0; i < 10; i++) { const t0 = performance.now(); await (await fetch(base + p)).arrayBuffer(); ms.push(performance.now() - t0); }
      ms.sort((a, b) => a - b);
      console.log(`alone ${p}: p50 ${fmt(percentile(ms, 50), 1)} ms, max ${fmt(ms[ms.length - 1], 1)} ms (10 runs)`);
    }
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
