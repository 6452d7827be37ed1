/**
 * npm run bench:http — the service over HTTP under concurrent load, as users meet it.
 *
 * Setups (pick with --setups; default all of them, about 6 minutes at --duration 10):
 *   central-sqlite   index of vbpl-central (lang=vi) + congbao-8chude (~980 documents, ~79k passages),
 *                    sqlite served by the worker pool, run twice: response cache on, then off
 *                    (RESPONSE_CACHE_MB=0: every request computed, the uncached cost)
 *   central-meili    the same stored documents reindexed into Meilisearch (the pinned test binary,
 *                    or MEILI_HOST/MEILI_API_KEY when set), served with ENGINE=meilisearch (no
 *                    response cache there: the engine reports no data version)
 *   200k-sqlite      the 200k-passage bench index of `npm run bench:search` (vbpl-central + congbao +
 *                    phapdien), cache on, then off
 * For each: the server runs in a child process (`serve`), rate limits lifted; autocannon drives it from
 * this process at 10, 50 and 100 connections (--duration s each) over a rotating mix of real queries of
 * every class (accented, unaccented, references, phrases, Telex, common words, the widget's prefix
 * queries with limit=6, document reads) while a probe in a worker thread asks /api/health every 100 ms
 * (and a bare control server beside it: what the machine adds to any answer under that load).
 * Printed per level: req/s, p50/p95/p99/max, non-2xx, errors, timeouts, the response cache's hit ratio
 * (from /metrics), the health probe's p50/p95/max; then heavy single requests alone.
 * Options: --duration N (s, default 10), --connections 10,50,100, --timeout N (s, default 10),
 *   --setups central-sqlite,central-meili,200k-sqlite, --cache on,off (sqlite setups), --profile DIR
 *   (the server writes a V8 CPU profile there: node --cpu-prof).
 * Latencies depend on the machine's load: `uptime` is printed beside every level.
 */
import autocannon from 'autocannon';
import { spawn, execSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { ingest } from '../ingest/index.js';
import { pipelineFingerprint } from '../ingest/pipeline.js';
import { INDEX_VERSION, SqliteEngine } from '../src/engine/sqlite/index.js';
import { createMeiliEngine } from '../src/engine/meili/index.js';
import { reindex } from '../src/engine/reindex.js';
import { BENCH_SOURCES, benchIndex } from './lib/bench-corpus.js';
import { cachedIndex, corpusRoot, fmt, inputsHash, loadAvg, numArg, percentile, repoRoot, requireShared } from './lib/bench-util.js';
import { startMeiliBinary, type StartedMeili } from './lib/meili-binary.js';

const DURATION = numArg('duration', 10);
const TIMEOUT = numArg('timeout', 10);
function listArg(name: string, dflt: string[]): string[] {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? dflt : process.argv[i + 1].split(',').map((s) => s.trim()).filter(Boolean);
}
const LEVELS = listArg('connections', ['10', '50', '100']).map(Number);
const SETUPS = listArg('setups', ['central-sqlite', 'central-meili', '200k-sqlite']);
const CACHE_MODES = listArg('cache', ['on', 'off']);
const profileArg = process.argv.indexOf('--profile');
const PROFILE_DIR = profileArg === -1 ? undefined : path.resolve(process.argv[profileArg + 1]);
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

async function centralIndex(): Promise<string> {
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

async function waitHealthy(base: string, server: ChildProcess, ms = 180_000): Promise<void> {
  const t0 = Date.now();
  for (;;) {
    if (server.exitCode !== null) throw new Error(`bench:http: the server exited (${server.exitCode})`);
    try { if ((await fetch(`${base}/api/health`)).ok) return; } catch { /* not yet */ }
    if (Date.now() - t0 > ms) throw new Error('bench:http: the server did not become healthy');
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * /api/health every 100 ms in a worker thread (its own event loop: the latency measured is the
 * server's, not this process's, which is busy driving autocannon), a new connection each time as a
 * load balancer's or orchestrator's probe does. Each round also asks a control server (a bare
 * node:http server in its own process that answers at once, `startControl`) the same way: its
 * latency is what the machine adds (the probe thread's and the server's wake-ups on cores that the
 * load keeps busy), not the service. Latencies in ms; failures counted.
 */
function startHealthProbe(urls: string[]): { stop: () => Promise<{ ms: number[][]; failed: number[] }> } {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    const http = require('node:http');
    const agent = new http.Agent({ keepAlive: false });
    const ms = workerData.map(() => []); const failed = workerData.map(() => 0); let running = true;
    parentPort.on('message', () => { running = false; });
    const once = (i) => new Promise((resolve) => {
      const t0 = performance.now();
      const req = http.get(workerData[i], { agent, timeout: 10000 }, (res) => {
        res.resume(); res.on('end', () => { if (res.statusCode !== 200) failed[i]++; ms[i].push(performance.now() - t0); resolve(); });
      });
      req.on('error', () => { failed[i]++; ms[i].push(performance.now() - t0); resolve(); });
      req.on('timeout', () => req.destroy(new Error('timeout')));
    });
    (async () => {
      while (running) {
        for (let i = 0; i < workerData.length && running; i++) { await once(i); await new Promise((r) => setTimeout(r, 100 / workerData.length)); }
      }
      parentPort.postMessage({ ms, failed });
    })();`;
  const w = new Worker(code, { eval: true, workerData: urls });
  return {
    stop: () => new Promise((resolve, reject) => {
      w.once('message', (m) => { void w.terminate(); resolve(m); });
      w.once('error', reject);
      w.postMessage('stop');
    }),
  };
}

/** The control server of the health probe: node:http answering 200 "ok" at once, in its own process. */
async function startControl(): Promise<{ url: string; stop: () => void }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['-e', `require('node:http').createServer((q, s) => s.end('ok')).listen(${port}, '127.0.0.1', () => console.log('up'))`], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.once('data', () => resolve());
    child.once('exit', (c) => reject(new Error(`bench:http: the control server exited (${c})`)));
  });
  return { url: `http://127.0.0.1:${port}/`, stop: () => { child.kill(); } };
}

/**
 * CPU time (user + system, ms) a process has used, all its threads: from /proc/PID/stat (Linux), in
 * clock ticks of 10 ms. Per request it is the cost of serving, whatever the machine's load (which
 * inflates latencies, not much the CPU time). NaN where /proc is missing.
 */
function cpuMs(pid: number): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch { return NaN; }
}

/** Response cache lookups so far (hits, misses, bypass) from /metrics. */
async function cacheCounts(base: string): Promise<{ hit: number; miss: number; bypass: number }> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const out = { hit: 0, miss: 0, bypass: 0 };
  for (const m of text.matchAll(/^response_cache_requests_total\{[^}]*outcome="(hit|miss|bypass)"[^}]*\} (\S+)$/gm)) out[m[1] as 'hit'] += Number(m[2]);
  return out;
}

/**
 * The load generator's own cost, kept small so that the latency measured is the server's (both
 * processes share the machine's cores; in a closed loop every millisecond autocannon spends is one
 * the answers wait in its socket buffers):
 * - autocannon 8 appends every body chunk to a string (`body += chunk`: a UTF-8 decode of every byte
 *   received, ~60% of its CPU on this mix of 10–480 KB answers) for `verifyBody`/`onResponse`, which
 *   this bench does not use. The bodies are still received and parsed up to their last byte (the
 *   'response' event needs the message complete); only that decode is skipped, per client.
 * - Requests are built once: each connection walks the whole mix, starting at its own offset (so the
 *   50 connections spread over the mix), instead of a `setupRequest` that rebuilds a request every time.
 */
let clientSeq = 0;
function setupClient(paths: string[]) {
  return (client: autocannon.Client) => {
    const queue = client.pipelinedRequests;
    if (typeof queue?.addBody !== 'function') throw new Error('bench:http: autocannon internals changed (pipelinedRequests.addBody); check scripts/lib/autocannon.d.ts');
    queue.addBody = () => undefined;
    const start = clientSeq++ % paths.length;
    client.setRequests([...paths.slice(start), ...paths.slice(0, start)].map((p) => ({ method: 'GET', path: p })));
  };
}

async function level(base: string, pid: number, connections: number, paths: string[]) {
  const cpu0 = cpuMs(pid);
  const own0 = process.cpuUsage();
  const latencies: number[] = [];
  const before = await cacheCounts(base);
  const control = await startControl();
  const probe = startHealthProbe([`${base}/api/health`, control.url]);
  const loadBefore = loadAvg();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const inst = autocannon({
      url: base, connections, duration: DURATION, timeout: TIMEOUT,
      setupClient: setupClient(paths),
    }, (err, res) => (err ? reject(err) : resolve(res)));
    inst.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => { latencies.push(responseTime); });
  });
  const serverCpu = cpuMs(pid) - cpu0;
  const own = process.cpuUsage(own0);
  const probed = await probe.stop();
  control.stop();
  const after = await cacheCounts(base);
  latencies.sort((a, b) => a - b);
  const h = [...probed.ms[0]].sort((a, b) => a - b);
  const c = [...probed.ms[1]].sort((a, b) => a - b);
  const hits = after.hit - before.hit;
  const lookups = hits + after.miss - before.miss;
  return {
    connections, reqPerSec: result.requests.average, requests: result.requests.total,
    p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), max: latencies[latencies.length - 1] ?? NaN,
    non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts,
    hitRatio: lookups ? hits / lookups : NaN,
    /** server CPU ms per request (all its threads), and this process's (autocannon) */
    cpuPerReq: serverCpu / Math.max(1, result.requests.total),
    benchCpuPerReq: (own.user + own.system) / 1000 / Math.max(1, result.requests.total),
    health: { n: h.length, p50: percentile(h, 50), p95: percentile(h, 95), max: h[h.length - 1] ?? NaN, failed: probed.failed[0] },
    control: { p50: percentile(c, 50), p95: percentile(c, 95), failed: probed.failed[1] },
    load: `${loadBefore} → ${loadAvg()}`,
  };
}

interface Served { base: string; pid: number; stop: () => Promise<void> }

async function serve(env: Record<string, string>, label: string): Promise<Served> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  // one profile per thread (main, search workers), named CPU.<date>.<pid>.<thread>.… by node
  const nodeArgs = ['--import', 'tsx', ...(PROFILE_DIR ? ['--cpu-prof', '--cpu-prof-dir', path.join(PROFILE_DIR, label)] : [])];
  const server = spawn(process.execPath, [...nodeArgs, path.join(repoRoot, 'src/cli.ts'), 'serve'], {
    cwd: repoRoot,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent', RATE_PER_MINUTE_IP: '100000000', SEARCH_COST_PER_MINUTE_IP: '100000000', ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  await waitHealthy(base, server);
  return {
    base,
    pid: server.pid!,
    stop: async () => {
      // SIGINT: the CLI closes the engine and exits, so --cpu-prof writes its profile
      server.kill('SIGINT');
      await new Promise((r) => (server.exitCode !== null ? r(null) : server.once('exit', r)));
    },
  };
}

async function runSetup(title: string, { base, pid }: Served, noteCache: string): Promise<void> {
  const health = await (await fetch(`${base}/api/health`)).json() as { engine: { engine: string; details?: Record<string, unknown> } };
  const listing = await (await fetch(`${base}/api/search?q=&limit=50&sort=date`)).json() as { total: number; hits: { document: { id: string } }[] };
  const docPaths = listing.hits.slice(0, 10).map((h) => `/api/documents/${encodeURIComponent(h.document.id)}`);
  const paths = [...MIX.map((m) => m[1]), ...docPaths];
  const d = health.engine.details ?? {};
  console.log(`\n## ${title}: ${listing.total} documents, engine ${health.engine.engine}${d.workers ? `, ${d.workers} workers (queue ${d.maxQueue})` : ''}; ${noteCache}`);
  console.log(`mix: ${MIX.length} queries (${[...new Set(MIX.map((m) => m[0]))].map((c) => `${c} ${MIX.filter((m) => m[0] === c).length}`).join(', ')}) + ${docPaths.length} document reads, rotating; ${DURATION} s per level`);
  // warm-up: every path once (fills the cache when it is on; loads the engines' views)
  for (const p of paths) await (await fetch(base + p)).arrayBuffer();
  console.log('conns   req/s   p50 ms  p95 ms  p99 ms  max ms  non-2xx errors timeouts  cache-hit  cpu ms/req (server, bench) | health p50   p95   max ms (probes, failed) | control p50  p95 | load 1-min avg (before → after), 5, 15');
  for (const c of LEVELS) {
    const r = await level(base, pid, c, paths);
    console.log(`${String(c).padStart(5)} ${fmt(r.reqPerSec, 1).padStart(7)} ${fmt(r.p50, 1).padStart(8)} ${fmt(r.p95, 1).padStart(7)} ${fmt(r.p99, 1).padStart(7)} ${fmt(r.max, 0).padStart(7)} ${String(r.non2xx).padStart(8)} ${String(r.errors).padStart(6)} ${String(r.timeouts).padStart(8)} ${(Number.isFinite(r.hitRatio) ? `${fmt(r.hitRatio * 100, 1)}%` : '-').padStart(10)}  ${fmt(r.cpuPerReq, 2).padStart(10)} ${fmt(r.benchCpuPerReq, 2).padStart(6)}     | ${fmt(r.health.p50, 1).padStart(10)} ${fmt(r.health.p95, 1).padStart(5)} ${fmt(r.health.max, 0).padStart(5)} (${r.health.n}, ${r.health.failed}) | ${fmt(r.control.p50, 1).padStart(11)} ${fmt(r.control.p95, 1).padStart(4)}${r.control.failed ? ` (${r.control.failed} failed)` : ''} | ${r.load}`);
  }
  // Heavy single requests, alone (no other load): the widget's and the worst documented shapes;
  // with the cache on, the first of the 10 runs is computed and the others are hits.
  for (const p of ['/api/search?q=t&prefix=true&limit=50&passages=10', '/api/search?q=t&prefix=true&limit=6', '/api/search?q=c%C3%A1c&limit=50&passages=10']) {
    const ms: number[] = [];
    for (let i = 0; i < 10; i++) { const t0 = performance.now(); await (await fetch(base + p)).arrayBuffer(); ms.push(performance.now() - t0); }
    const first = ms[0];
    ms.sort((a, b) => a - b);
    console.log(`alone ${p}: first ${fmt(first, 1)} ms, p50 ${fmt(percentile(ms, 50), 1)} ms, max ${fmt(ms[ms.length - 1], 1)} ms (10 runs, load ${loadAvg()})`);
  }
}

async function sqliteSetup(name: string, file: string): Promise<void> {
  for (const mode of CACHE_MODES) {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bench-http-'));
    copyFileSync(file, path.join(dataDir, 'policy-search.sqlite'));
    const served = await serve({ DATA_DIR: dataDir, RESPONSE_CACHE_MB: mode === 'on' ? '64' : '0' }, `${name}-cache-${mode}`);
    try {
      await runSetup(`${name}, response cache ${mode}`, served, mode === 'on' ? 'cache on (64 MB): repeated requests are answered from it' : 'cache OFF: every request computed (the uncached cost)');
    } finally {
      await served.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
}

async function meiliSetup(file: string): Promise<void> {
  let started: StartedMeili | undefined;
  let host = process.env.MEILI_HOST?.trim();
  let apiKey = process.env.MEILI_API_KEY?.trim() || undefined;
  if (!host) {
    const s = await startMeiliBinary({ indexingThreads: os.availableParallelism(), indexingMemory: '2 GiB' });
    if ('skip' in s) { console.log(`\n## central-meili: skipped, no Meilisearch: ${s.skip}`); return; }
    started = s; host = s.host; apiKey = s.apiKey;
  }
  const prefix = `bench_http_${process.pid}_`;
  const meili = createMeiliEngine({ host, apiKey, indexPrefix: prefix, timeoutMs: 600_000, taskTimeoutMs: 1_800_000, pollIntervalMs: 50 });
  const source = new SqliteEngine({ file, checkpointMs: 0, readonly: true });
  try {
    const t0 = performance.now();
    const copied = await reindex(source, meili, { sources: false, concurrency: 2 });
    console.log(`\nreindexed ${copied.documents} documents (${copied.passages} passages) into Meilisearch ${started?.version ?? host} in ${fmt((performance.now() - t0) / 1000, 1)} s (load ${loadAvg()})`);
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bench-http-'));
    const served = await serve({ DATA_DIR: dataDir, ENGINE: 'meilisearch', MEILI_HOST: host, ...(apiKey ? { MEILI_API_KEY: apiKey } : {}), MEILI_INDEX_PREFIX: prefix }, 'central-meili');
    try {
      await runSetup('central-meili', served, 'no response cache (Meilisearch reports no data version): every request goes to Meilisearch');
    } finally {
      await served.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  } finally {
    await source.close();
    await meili.dropIndexes().catch(() => undefined);
    await meili.close();
    await started?.stop();
  }
}

async function main(): Promise<void> {
  requireShared('bench:http', SOURCES.map((s) => s.file));
  console.log(`bench:http — ${os.availableParallelism()} cores; ${execSync('uptime').toString().trim()}; setups ${SETUPS.join(', ')}; connections ${LEVELS.join(', ')}`);
  let central: string | undefined;
  for (const setup of SETUPS) {
    if (setup === 'central-sqlite') await sqliteSetup('central-sqlite', (central ??= await centralIndex()));
    else if (setup === 'central-meili') await meiliSetup((central ??= await centralIndex()));
    else if (setup === '200k-sqlite') await sqliteSetup('200k-sqlite', (await benchIndex()).file);
    else throw new Error(`bench:http: unknown setup "${setup}" (central-sqlite, central-meili, 200k-sqlite)`);
  }
  console.log(`\nend: ${execSync('uptime').toString().trim()}`);
}

main().catch((e) => { console.error(e); process.exit(1); });
