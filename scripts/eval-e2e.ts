/**
 * npm run eval:e2e — end-to-end quality on the judged query set tests/e2e/queries.jsonl.
 *
 * The queries are written as teachers, office staff and portal visitors type them (accented and not,
 * abbreviations, Telex, references in every form, law names, long questions, misspellings, reference +
 * topic), judged with graded relevance (2 = the answer, 1 = relevant) by reading the documents
 * (tests/e2e/README.md). The index holds what a deployment would: the bundled corpus/, vbpl-central
 * (Vietnamese full texts), congbao-8chude and pdf-samples/files, ingested through the normal path
 * (ingest() → parseDocument → engine) and cached under the OS temp dir until the inputs or the
 * parsing code change.
 *
 * Compared: 'full' = what the service answers (createService(engine).search: reference detection,
 * abbreviations, Telex decoding, the full ranking) and 'plain' = the baseline (engine.search with
 * ranking 'plain': bm25 over the folded words of the body, no query understanding).
 * Printed per query class and per half (tune / heldout): nDCG@10 (gain 2^g − 1), MRR@10 (first hit of
 * grade ≥ 1), success@1 (the first hit has grade ≥ 1) and the zero-result rate.
 *
 * Options: --half tune|heldout|all (default all), --misses (list the queries whose first hit is not relevant),
 * --engine meilisearch: 'full' is the service on Meilisearch (the production engine) instead of sqlite: the
 * same stored documents reindexed (reindex()) into the pinned test binary (or MEILI_HOST/MEILI_API_KEY), the
 * same queries and judgments; 'plain' stays the sqlite baseline, and overlap@10 with the service on sqlite is
 * printed per class (how often the two engines give the same top-10 documents).
 */
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pipelineFingerprint } from '../ingest/pipeline.js';
import { fileDocId, ingest } from '../ingest/runner.js';
import { docIdFor } from '../src/docs/parse.js';
import { INDEX_VERSION, SqliteEngine } from '../src/engine/sqlite/index.js';
import { createMeiliEngine } from '../src/engine/meili/index.js';
import { reindex } from '../src/engine/reindex.js';
import type { SearchEngine } from '../src/engine/types.js';
import { createService } from '../src/service/index.js';
import { startMeiliBinary, type StartedMeili } from './lib/meili-binary.js';
import { cachedIndex, corpusRoot, fmt, inputsHash, repoRoot, requireShared } from './lib/bench-util.js';

const QUERIES = path.join(repoRoot, 'tests/e2e/queries.jsonl');
const SOURCES = [
  { key: 'corpus', path: path.join(repoRoot, 'corpus') },
  { key: 'vbpl', path: path.join(corpusRoot, 'vbpl-central/docs.jsonl.gz'), fields: 'number=so_ky_hieu_guess,issuedAt=ngay_ban_hanh_guess,kind=loai_van_ban_guess,issuer=co_quan_ban_hanh_guess,status=tinh_trang_hieu_luc', where: 'lang=vi' },
  { key: 'congbao', path: path.join(corpusRoot, 'congbao-8chude/docs.jsonl.gz'), fields: 'number=so_ky_hieu_guess,kind=loai' },
  { key: 'pdf', path: path.join(corpusRoot, 'pdf-samples/files') },
];
const BUILDER_VERSION = 'e2e-1';

interface Judged { id: string; class: string; half: 'tune' | 'heldout'; q: string; relevant: { doc: string; grade: number }[] }
interface Scores { ndcg: number; rr: number; s1: number; zero: number }

const arg = (name: string) => { const i = process.argv.indexOf(`--${name}`); return i === -1 ? undefined : process.argv[i + 1] ?? ''; };

async function buildIndex(): Promise<string> {
  const files = SOURCES.map((s) => s.path);
  const hash = inputsHash(files, [await pipelineFingerprint(), INDEX_VERSION, BUILDER_VERSION, JSON.stringify(SOURCES.map((s) => [s.key, s.fields, s.where]))]);
  const { file, built } = await cachedIndex('e2e', hash, async (tmp) => {
    const engine = new SqliteEngine({ file: tmp, checkpointMs: 0 });
    await engine.init();
    for (const s of SOURCES) {
      const t0 = performance.now();
      const rep = await ingest([s.path], engine, { fields: s.fields, where: s.where, concurrency: 1, progress: false, batchSize: 256 });
      console.log(`  ingested ${s.key}: ${rep.ingested} documents, ${rep.passagesWritten} passages, ${rep.failed.length} failed in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
    await engine.close();
  });
  console.log(`${built ? 'built' : 'reusing cached'} index ${file}`);
  return file;
}

/**
 * A judged document key → the engine's document ids. "vbpl:<record id>" and "congbao:<record id>" are
 * JSONL records (id = slug of the record id); "corpus:<file>" and "pdf:<file>" are files (id = the
 * runner's file id, with a suffix when a file holds several documents). A Công báo record and the
 * same gazette PDF in pdf-samples ("congbao__<slug>.pdf") are the same document: both ids count.
 */
/**
 * Judged keys → document ids. A file merged into another rendering's document (ingest/merge.ts: Hiến pháp
 * 2013 .doc + .pdf) is found through the document's sources: both keys name that one document.
 */
function keyMapper(ids: string[], sourceIds: Map<string, string>): (key: string) => string[] {
  const fileIds = (rel: string) => {
    const base = fileDocId(rel);
    const merged = sourceIds.get(path.basename(rel));
    return [...new Set([...ids.filter((id) => id === base || id.startsWith(`${base}-`)), ...(merged ? [merged] : [])])];
  };
  return (key) => {
    const [src, ...rest] = key.split(':');
    const name = rest.join(':');
    if (src === 'vbpl') return [docIdFor({ id: name })];
    if (src === 'congbao') return [docIdFor({ id: name }), ...fileIds(`files/congbao__${name.replace(/^congbao-/, '')}.pdf`)];
    if (src === 'corpus') return fileIds(`corpus/${name}`);
    if (src === 'pdf') return fileIds(`files/${name}`);
    throw new Error(`eval:e2e: unknown document key "${key}" (expected corpus:, vbpl:, congbao: or pdf:)`);
  };
}

function score(ranked: string[], grades: Map<string, number>, total: number): Scores {
  const top = ranked.slice(0, 10);
  const dcg = top.reduce((s, id, i) => s + (2 ** (grades.get(id) ?? 0) - 1) / Math.log2(i + 2), 0);
  const ideal = [...grades.values()].sort((a, b) => b - a).slice(0, 10).reduce((s, g, i) => s + (2 ** g - 1) / Math.log2(i + 2), 0);
  const first = top.findIndex((id) => (grades.get(id) ?? 0) > 0);
  return { ndcg: ideal ? dcg / ideal : 0, rr: first === -1 ? 0 : 1 / (first + 1), s1: first === 0 ? 1 : 0, zero: total === 0 ? 1 : 0 };
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);

async function main(): Promise<void> {
  requireShared('eval:e2e', SOURCES.map((s) => s.path));
  const queries = readFileSync(QUERIES, 'utf8').split('\n').filter(Boolean).map((l, i) => {
    try { return JSON.parse(l) as Judged; } catch (e) { throw new Error(`${QUERIES}:${i + 1}: ${(e as Error).message}`); }
  });
  const half = arg('half') ?? 'all';
  const file = await buildIndex();
  const db = new Database(file, { readonly: true });
  const rowsDb = db.prepare('SELECT id, json FROM documents').all() as { id: string; json: string }[];
  db.close();
  const ids = rowsDb.map((r) => r.id);
  const sourceIds = new Map<string, string>();
  for (const r of rowsDb) {
    const sources = (JSON.parse(r.json) as { sources?: { path?: string }[] }).sources ?? [];
    for (const src of sources) if (src.path) sourceIds.set(path.basename(src.path), r.id);
  }
  const known = new Set(ids);
  const toIds = keyMapper(ids, sourceIds);
  const engine = new SqliteEngine({ file, checkpointMs: 0 });
  await engine.init();
  const onMeili = arg('engine') === 'meilisearch';
  if (arg('engine') !== undefined && !onMeili && arg('engine') !== 'sqlite') throw new Error(`eval:e2e: --engine "${arg('engine')}": expected sqlite or meilisearch`);
  const meili = onMeili ? await meiliCopy(engine) : undefined;
  const sqliteService = createService(engine);
  const service = meili ? createService(meili.engine) : sqliteService;
  const rows: { q: Judged; full: Scores; plain: Scores; top: string; overlap?: number }[] = [];
  let unknown = 0;
  for (const q of queries) {
    if (half !== 'all' && q.half !== half) continue;
    const grades = new Map<string, number>();
    for (const r of q.relevant) {
      const mapped = toIds(r.doc).filter((id) => known.has(id));
      if (!mapped.length) { unknown++; console.log(`  ${q.id}: judged document ${r.doc} is not in the index`); }
      for (const id of mapped) grades.set(id, Math.max(grades.get(id) ?? 0, r.grade));
    }
    const full = await service.search({ q: q.q, limit: 10, passages: 1 });
    const plain = await engine.search({ q: q.q, limit: 10, passagesPerDoc: 1, ranking: 'plain' });
    const onSqlite = meili ? await sqliteService.search({ q: q.q, limit: 10, passages: 1 }) : undefined;
    rows.push({
      q,
      full: score(full.hits.map((h) => h.document.id), grades, full.total),
      plain: score(plain.hits.map((h) => h.document.id), grades, plain.total),
      top: full.hits[0]?.document.id ?? '(none)',
      ...(onSqlite ? { overlap: overlap(full.hits.map((h) => h.document.id), onSqlite.hits.map((h) => h.document.id)) } : {}),
    });
  }
  await engine.close();
  await meili?.stop();
  if (unknown) console.log(`${unknown} judged documents missing from the index`);

  const classes = [...new Set(rows.map((r) => r.q.class))];
  const line = (label: string, xs: typeof rows) => {
    const f = (k: keyof Scores, which: 'full' | 'plain') => fmt(mean(xs.map((r) => r[which][k])), 3);
    const row = `| ${label.padEnd(12)} | ${String(xs.length).padStart(3)} | ${f('ndcg', 'full')} / ${f('ndcg', 'plain')} | ${f('rr', 'full')} / ${f('rr', 'plain')} | ${f('s1', 'full')} / ${f('s1', 'plain')} | ${f('zero', 'full')} / ${f('zero', 'plain')} |`;
    return meili ? `${row} ${fmt(mean(xs.map((r) => r.overlap ?? NaN)), 2)} |` : row;
  };
  console.log(`\nfull ranking${meili ? ` on Meilisearch ${meili.version}` : ''} / plain baseline (sqlite), ${half === 'all' ? 'all queries' : `${half} half`}:`);
  console.log(`| class        |   n | nDCG@10       | MRR@10        | success@1     | zero results  |${meili ? ' overlap@10 with sqlite |' : ''}`);
  console.log(`|---|---|---|---|---|---|${meili ? '---|' : ''}`);
  for (const c of classes) console.log(line(c, rows.filter((r) => r.q.class === c)));
  for (const h of ['tune', 'heldout'] as const) if (half === 'all') console.log(line(`(${h})`, rows.filter((r) => r.q.half === h)));
  console.log(line('all', rows));
  if (process.argv.includes('--misses')) {
    console.log('\nqueries whose first hit is not relevant (full ranking):');
    for (const r of rows.filter((x) => !x.full.s1)) console.log(`  ${r.q.id} [${r.q.class}] "${r.q.q}" → ${r.top} (MRR ${fmt(r.full.rr, 2)})`);
  }
}

/** Shared documents of two top-10 lists, over the longer list's length (1 when both are empty). */
function overlap(a: string[], b: string[]): number {
  const n = Math.max(a.length, b.length);
  if (!n) return 1;
  const set = new Set(b);
  return a.filter((id) => set.has(id)).length / n;
}

/** The index's stored documents reindexed into Meilisearch (the pinned test binary unless MEILI_HOST is set). */
async function meiliCopy(source: SearchEngine): Promise<{ engine: SearchEngine; version: string; stop: () => Promise<void> }> {
  let started: StartedMeili | undefined;
  let host = process.env.MEILI_HOST?.trim();
  let apiKey = process.env.MEILI_API_KEY?.trim() || undefined;
  if (!host) {
    const s = await startMeiliBinary({ indexingThreads: 2, indexingMemory: '2 GiB' });
    if ('skip' in s) throw new Error(`eval:e2e --engine meilisearch: no Meilisearch: ${s.skip}`);
    started = s; host = s.host; apiKey = s.apiKey;
  }
  const engine = createMeiliEngine({ host, apiKey, indexPrefix: `eval_e2e_${process.pid}_`, timeoutMs: 120_000, taskTimeoutMs: 1_800_000, pollIntervalMs: 50 });
  const t0 = performance.now();
  const copied = await reindex(source, engine, { sources: false, concurrency: 2 });
  console.log(`reindexed ${copied.documents} documents (${copied.passages} passages) into Meilisearch ${started?.version ?? host} in ${fmt((performance.now() - t0) / 1000, 1)} s`);
  return {
    engine,
    version: started?.version ?? host,
    stop: async () => {
      if (!started) await engine.dropIndexes(); // a server of someone else's: leave it as found
      await engine.close();
      if (started) await started.stop();
    },
  };
}

await main();
