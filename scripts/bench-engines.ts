/**
 * npm run bench:engines — the two engines side by side on the same real corpus.
 *
 * Corpus: vbpl-central (lang=vi) + congbao-8chude from /work/shared/corpus + the bundled seeds
 * (corpus/), ingested once through ingest() into a sqlite index cached under the OS temp dir.
 * From it, both engines are built the same way (reindex(): every stored document copied with
 * upsertMany), timed: a fresh sqlite file, and fresh indexes on a Meilisearch (MEILI_HOST/MEILI_API_KEY
 * when set, else the pinned test binary started for the run: Meilisearch 1.21).
 *
 * Query classes (--per-class N each, drawn with a fixed seed from the corpus):
 * - common: one of the 60 words found in most passages; - phrase: 2–3 consecutive words, quoted;
 * - rare: a word in 2–20 passages; - reference: a document number as written;
 * - unaccented: 2–3 consecutive words without marks; - accented: the same, as written;
 * - long: a natural-language sentence (10–14 consecutive words of a passage, as written).
 * For each: p50/p95 of engine.search (limit 10, 3 passages per document) on each engine; of raw
 * Meilisearch (one POST /indexes/…/search with the adapter's query string, limit 10, nothing else);
 * of GET /api/search end to end (the app over HTTP on 127.0.0.1) on each engine; and overlap@10 of
 * the two engines' top-10 documents; the Meilisearch requests the adapter makes per answer and its own CPU
 * (engine.search time less the time waiting for them). Also build time, size on disk and RSS.
 * One warm-up round, then --rounds N measured rounds. Options: --seed N, --per-class N, --rounds N.
 * Absolute figures are noisy on a shared machine: compare ratios from one run.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ingest } from '../ingest/runner.js';
import { pipelineFingerprint } from '../ingest/pipeline.js';
import { createApp } from '../src/server.js';
import { loadConfig } from '../src/config.js';
import { createMeiliEngine, type MeiliEngine } from '../src/engine/meili/index.js';
import { meiliQuery } from '../src/engine/meili/records.js';
import { nodeHttpClient } from '../src/engine/meili/http.js';
import { reindex } from '../src/engine/reindex.js';
import { INDEX_VERSION, SqliteEngine } from '../src/engine/sqlite/index.js';
import type { SearchEngine } from '../src/engine/types.js';
import { parseQuery } from '../src/query/query.js';
import { fold } from '../src/text/fold.js';
import { startMeiliBinary, type StartedMeili } from './lib/meili-binary.js';
import { cachedIndex, corpusRoot, fmt, inputsHash, loadAvg, mb, numArg, pick, repoRoot, requireShared, rng, stats } from './lib/bench-util.js';

const SEED = numArg('seed', 20261203);
const PER_CLASS = numArg('per-class', 20);
const ROUNDS = numArg('rounds', 3);

const SOURCES = [
  { file: path.join(corpusRoot, 'vbpl-central/docs.jsonl.gz'), fields: 'number=so_ky_hieu_guess,issuedAt=ngay_ban_hanh_guess,kind=loai_van_ban_guess,issuer=co_quan_ban_hanh_guess,status=tinh_trang_hieu_luc', where: 'lang=vi' },
  { file: path.join(corpusRoot, 'congbao-8chude/docs.jsonl.gz'), fields: 'number=so_ky_hieu_guess,kind=loai' },
  { file: path.join(repoRoot, 'corpus') },
];

const WORD_RE = /[\p{L}\p{M}\p{N}]+/gu;
const LETTERS = /^\p{L}+$/u;

function dirSize(p: string): number {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.size;
  return readdirSync(p).reduce((n, f) => n + dirSize(path.join(p, f)), 0);
}

function rssOfPid(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : NaN;
  } catch { return NaN; }
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const v = await fn();
  return [v, performance.now() - t0];
}

interface Query { cls: string; q: string }

async function drawQueries(engine: SearchEngine): Promise<Query[]> {
  const r = rng(SEED);
  const passages: string[] = [];
  const numbers: string[] = [];
  for await (const d of engine.allDocuments()) {
    if (d.document.number && /\d/.test(d.document.number) && /\//.test(d.document.number)) numbers.push(d.document.number);
    for (const p of d.passages) passages.push(p.text);
  }
  const df = new Map<string, number>();
  for (const t of passages) for (const w of new Set(fold(t.toLowerCase()).match(WORD_RE) ?? [])) df.set(w, (df.get(w) ?? 0) + 1);
  const byDf = [...df].filter(([w]) => LETTERS.test(w)).sort((a, b) => b[1] - a[1]);
  const common = byDf.slice(0, 60).map(([w]) => w);
  const rare = byDf.filter(([w, n]) => n >= 2 && n <= 20 && w.length >= 4).map(([w]) => w);
  const span = (n: number) => {
    for (;;) {
      const ws = pick(r, passages).match(WORD_RE) ?? [];
      if (ws.length < n + 2) continue;
      const i = Math.floor(r() * (ws.length - n));
      const s = ws.slice(i, i + n);
      if (s.every((w) => LETTERS.test(w))) return s;
    }
  };
  const out: Query[] = [];
  for (let i = 0; i < PER_CLASS; i++) {
    out.push({ cls: 'common', q: pick(r, common) });
    out.push({ cls: 'phrase', q: `"${span(2 + (i % 2)).join(' ')}"` });
    out.push({ cls: 'rare', q: pick(r, rare) });
    out.push({ cls: 'reference', q: pick(r, numbers) });
    const words = span(2 + (i % 2));
    out.push({ cls: 'unaccented', q: fold(words.join(' ').toLowerCase()) });
    out.push({ cls: 'accented', q: span(2 + (i % 2)).join(' ') });
    out.push({ cls: 'long', q: span(10 + (i % 5)).join(' ') });
  }
  return out;
}

async function serve(engine: SearchEngine): Promise<{ url: string; close(): Promise<void> }> {
  const config = loadConfig({ LOG_LEVEL: 'silent', RATE_PER_MINUTE_IP: '100000000' });
  const app = createApp(config, engine);
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r(undefined))) };
}

async function main(): Promise<void> {
  requireShared('bench:engines', SOURCES.slice(0, 2).map((s) => s.file));
  console.log(`bench:engines — ${os.cpus().length} cores, load ${loadAvg()}, seed ${SEED}, ${PER_CLASS} queries/class, ${ROUNDS} rounds`);

  // 1. the corpus, parsed once (cached sqlite file)
  const hash = inputsHash(SOURCES.slice(0, 2).map((s) => s.file), [await pipelineFingerprint(), INDEX_VERSION, 'bench-engines-1', JSON.stringify(SOURCES.map((s) => ({ ...s, file: path.basename(s.file) })))]);
  const { file: corpusFile } = await cachedIndex('engines', hash, async (tmp) => {
    const e = new SqliteEngine({ file: tmp, checkpointMs: 0 });
    await e.init();
    for (const s of SOURCES) await ingest([s.file], e, { fields: s.fields, where: s.where, concurrency: 1, progress: false, batchSize: 256 });
    await e.close();
  });
  const source = new SqliteEngine({ file: corpusFile, checkpointMs: 0 });
  await source.init();
  const st = await source.stats();
  console.log(`corpus: ${st.documents} documents, ${st.passages} passages, ${st.references} references (${corpusFile})`);

  // 2. Meilisearch
  let started: StartedMeili | undefined;
  let host = process.env.MEILI_HOST?.trim();
  let apiKey = process.env.MEILI_API_KEY?.trim() || undefined;
  if (!host) {
    const s = await startMeiliBinary({ indexingThreads: os.availableParallelism(), indexingMemory: '2 GiB' });
    if ('skip' in s) { console.log(`[bench:engines] no Meilisearch: ${s.skip}`); process.exit(1); }
    started = s;
    host = s.host;
    apiKey = s.apiKey;
  }
  const version = await fetch(`${host}/version`, { headers: apiKey ? { Authorization: `Bearer ${apiKey}` } : {} }).then((r) => r.json()).then((v: { pkgVersion?: string }) => v.pkgVersion).catch(() => '?');
  const prefix = `bench_${Date.now().toString(36)}`;
  const meili: MeiliEngine = createMeiliEngine({ host, apiKey, indexPrefix: prefix, timeoutMs: 60_000, taskTimeoutMs: 900_000, pollIntervalMs: 20 });
  const work = mkdtempSync(path.join(os.tmpdir(), 'bench-engines-'));
  const sqliteFile = path.join(work, 'index.sqlite');
  const sqlite = new SqliteEngine({ file: sqliteFile, checkpointMs: 0 });
  try {
    // 3. build both the same way
    const [, sqliteMs] = await timed(() => reindex(source, sqlite, { sources: false }));
    await meili.init();
    const [, meiliMs] = await timed(() => reindex(source, meili, { sources: false }));
    const sqliteBytes = dirSize(sqliteFile) + dirSize(`${sqliteFile}-wal`);
    const meiliStats = await fetch(`${host}/stats`, { headers: apiKey ? { Authorization: `Bearer ${apiKey}` } : {} }).then((r) => r.json()) as { databaseSize?: number; usedDatabaseSize?: number };
    const meiliDisk = started ? dirSize(path.join(started.dir, 'data.ms')) : meiliStats.databaseSize ?? NaN;

    // 4. queries
    const queries = await drawQueries(source);
    const classes = [...new Set(queries.map((q) => q.cls))];
    const passagesUid = meili.uid('passages');
    // raw: the same HTTP client as the adapter (node:http, kept alive; Node's fetch adds a ~40 ms stall
    // per request, src/engine/meili/http.ts), so the ratio measures the adapter, not the client
    const http = nodeHttpClient();
    const raw = async (q: string) => {
      await http(new URL(`${host}/indexes/${passagesUid}/search`), {
        method: 'POST', headers: { 'content-type': 'application/json', ...(apiKey ? { Authorization: `Bearer ${apiKey}` } : {}) },
        body: JSON.stringify({ q: meiliQuery(parseQuery(q), false), limit: 10 }),
      });
    };
    const servers = { sqlite: await serve(sqlite), meilisearch: await serve(meili) };
    const api = async (url: string, q: string) => {
      const res = await fetch(`${url}/api/search?${new URLSearchParams({ q })}`);
      if (!res.ok && res.status !== 300) throw new Error(`/api/search ${res.status} for ${q}: ${(await res.text()).slice(0, 200)}`);
      await res.text();
    };
    // Meilisearch requests made by the adapter per answer, and the time spent waiting for them (the rest of
    // engine.search is the adapter's own CPU): every multiSearch and index search/getStats is counted
    const reqs = { n: 0, ms: 0 };
    const timedCall = <A extends unknown[], R>(fn: (...a: A) => Promise<R>) => async (...a: A): Promise<R> => {
      const t0 = performance.now();
      try { return await fn(...a); } finally { reqs.n++; reqs.ms += performance.now() - t0; }
    };
    const client = meili.client as unknown as { multiSearch: (...a: unknown[]) => Promise<unknown>; index: (uid: string) => Record<string, unknown> };
    client.multiSearch = timedCall(client.multiSearch.bind(client));
    const indexOf = client.index.bind(client);
    client.index = (uid: string) => {
      const ix = indexOf(uid);
      for (const m of ['search', 'getStats']) ix[m] = timedCall((ix[m] as (...a: unknown[]) => Promise<unknown>).bind(ix));
      return ix;
    };
    type Series = Record<string, number[]>;
    const series: Record<string, Series> = {};
    const add = (k: string, cls: string, ms: number) => { ((series[k] ??= {})[cls] ??= []).push(ms); };
    const overlap: Record<string, number[]> = {};
    for (let round = 0; round <= ROUNDS; round++) {
      for (const { cls, q } of queries) {
        const req = { q, limit: 10, passagesPerDoc: 3 };
        const [a, ta] = await timed(() => sqlite.search(req));
        reqs.n = 0; reqs.ms = 0;
        const [b, tb] = await timed(() => meili.search(req));
        const [calls, callMs] = [reqs.n, reqs.ms];
        const [, tr] = await timed(() => raw(q));
        const [, tas] = await timed(() => api(servers.sqlite.url, q));
        const [, tam] = await timed(() => api(servers.meilisearch.url, q));
        if (round === 0) {
          const A = new Set(a.hits.map((h) => h.document.id));
          const B = b.hits.map((h) => h.document.id);
          const denom = Math.max(A.size, B.length);
          (overlap[cls] ??= []).push(denom ? B.filter((x) => A.has(x)).length / denom : 1);
          continue;
        }
        add('sqlite', cls, ta); add('meili', cls, tb); add('meiliCalls', cls, calls); add('meiliOwn', cls, tb - callMs); add('raw', cls, tr); add('apiSqlite', cls, tas); add('apiMeili', cls, tam);
      }
    }
    const nodeRss = process.memoryUsage().rss;
    const meiliRss = started ? rssOfPid(started.pid) : NaN;
    await servers.sqlite.close();
    await servers.meilisearch.close();

    // 5. report
    const pp = (xs: number[]) => { const s = stats(xs); return `${fmt(s.p50, 1)} / ${fmt(s.p95, 1)}`; };
    console.log(`\nload at the end of the queries: ${loadAvg()} (at the start: see the first line)`);
    console.log(`\nMeilisearch ${version} at ${started ? 'a private test binary' : host}; ${st.documents} documents, ${st.passages} passages`);
    console.log('\n| build (same stored documents, reindex()) | sqlite | meilisearch |');
    console.log('|---|---|---|');
    console.log(`| build time | ${fmt(sqliteMs / 1000, 1)} s (${fmt(st.documents / (sqliteMs / 1000), 0)} docs/s) | ${fmt(meiliMs / 1000, 1)} s (${fmt(st.documents / (meiliMs / 1000), 0)} docs/s) |`);
    console.log(`| size on disk | ${mb(sqliteBytes)} | ${mb(meiliDisk)}${started ? '' : ' (whole server)'} |`);
    console.log(`| RSS after the queries | ${mb(nodeRss)} (node process: service + both adapters + sqlite) | ${Number.isFinite(meiliRss) ? mb(meiliRss) : 'n/a (not started here)'} (meilisearch process) |`);
    console.log(`\nLatency, ms, p50 / p95 (${ROUNDS} rounds × ${PER_CLASS} queries per class); service = engine.search (limit 10, 3 passages/doc); raw = one POST /indexes/…/search, limit 10; /api = GET /api/search over HTTP`);
    console.log('\n| class | sqlite engine | meili engine | raw meili | meili engine ÷ raw (p50) | sqlite /api | meili /api | meili /api ÷ raw (p50) | overlap@10 | Meilisearch requests per answer (mean) | adapter CPU, ms (p50) |');
    console.log('|---|---|---|---|---|---|---|---|---|---|---|');
    for (const c of [...classes, 'all']) {
      const get = (k: string) => (c === 'all' ? Object.values(series[k]).flat() : series[k][c]);
      const ratio = (k: string) => fmt(stats(get(k)).p50 / stats(get('raw')).p50, 1);
      const ov = c === 'all' ? Object.values(overlap).flat() : overlap[c];
      const calls = get('meiliCalls');
      console.log(`| ${c} | ${pp(get('sqlite'))} | ${pp(get('meili'))} | ${pp(get('raw'))} | ${ratio('meili')}× | ${pp(get('apiSqlite'))} | ${pp(get('apiMeili'))} | ${ratio('apiMeili')}× | ${fmt(ov.reduce((x, y) => x + y, 0) / ov.length, 2)} | ${fmt(calls.reduce((x, y) => x + y, 0) / calls.length, 1)} | ${fmt(stats(get('meiliOwn')).p50, 1)} |`);
    }
  } finally {
    await meili.dropIndexes().catch(() => undefined);
    await sqlite.close();
    await source.close();
    rmSync(work, { recursive: true, force: true });
    await started?.stop();
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
