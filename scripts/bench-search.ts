/**
 * npm run bench:search — in-process search latency per query class at ≥ 100,000 passages, against
 * MiniSearch and FlexSearch over the same passages (folded text), with memory (RSS).
 *
 * Corpus: vbpl-central (lang=vi), congbao-8chude and phapdien from /work/shared/corpus, ingested
 * through ingest() into a sqlite index cached under the OS temp dir, keyed by a hash of the data
 * files and the parsing/engine-format sources (scripts/lib/bench-corpus.ts). The build time is
 * printed when it is built; reruns reuse it.
 *
 * Query classes (QUERIES_PER_CLASS each, drawn with a fixed seed from the index itself):
 * - common: one of the 120 words in most passages ("của", "quy", "định", …)
 * - phrase: 2–3 consecutive words of a random passage, in quotes, accented as written
 * - rare: a word found in 2–20 passages
 * - reference: a document number as written ("71/2020/NĐ-CP")
 * - unaccented: 2–3 consecutive words of a random passage, folded (no marks)
 * - accented: 2–3 consecutive words of a random passage, as written
 * - telex: 2 consecutive words typed in Telex ("nghij ddinhj"), passed raw
 * - long: a natural-language question or statement (the ALQAC 2023 training questions and statements,
 *   /work/shared/corpus/alqac2023: 6–75 words, median 27), every other one folded (typed without marks); from 8 syllables, matched
 *   with any word and re-ranked (src/engine/sqlite/rerank.ts)
 *
 * Each class runs one warm-up round and ROUNDS measured rounds; p50/p95 are over every measured call.
 * Options: --seed N, --per-class N, --rounds N, --no-others (skip MiniSearch/FlexSearch),
 * --class a,b (measure only these classes: quick A/B runs; the queries drawn are the same),
 * --cpu-prof FILE (a V8 CPU profile of our engine's measured rounds, written to FILE (open it in Chrome
 * DevTools), and the functions with the most self time printed; native calls such as better-sqlite3's
 * `all` count the SQLite work they run).
 */
import Database from 'better-sqlite3';
import FlexSearch from 'flexsearch';
import MiniSearch from 'minisearch';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { LONG_MIN_CLAUSES } from '../src/engine/common.js';
import { SqliteEngine } from '../src/engine/sqlite/index.js';
import { fold } from '../src/text/fold.js';
import { benchIndex, BENCH_SOURCES } from './lib/bench-corpus.js';
import { corpusRoot, fmt, loadAvg, mb, numArg, pick, requireShared, rng, stats } from './lib/bench-util.js';

const args = process.argv.slice(2);
const SEED = numArg('seed', 20260422);
const PER_CLASS = numArg('per-class', 50);
const ROUNDS = numArg('rounds', 3);
const OTHERS = !args.includes('--no-others');
const TARGET_MS = 10;
const profArg = args.indexOf('--cpu-prof');
const PROFILE = profArg === -1 ? null : args[profArg + 1];

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const rss = () => { gc(); gc(); return process.memoryUsage().rss; };
/** JS memory after GC: heap + external + array buffers (what a JS index library holds). */
const heap = () => { gc(); gc(); const m = process.memoryUsage(); return m.heapUsed + m.external; };

const WORD_RE = /[\p{L}\p{M}\p{N}]+/gu;
/** A question the engine matches with any word (LONG_MIN_CLAUSES syllables or more): the other libraries are asked the same way. */
const isLong = (q: string) => (q.match(WORD_RE) ?? []).length >= LONG_MIN_CLAUSES;
/** A query as printed: quoted, long ones cut. */
const show = (q: string) => JSON.stringify(q.length > 60 ? `${q.slice(0, 57)}…` : q);
const LETTERS = /^\p{L}+$/u;

/** Telex as typed: marks become letters (â→aa, ơ→ow, đ→dd), the tone a final letter (s f r x j). */
const TONE_KEYS: Record<string, string> = { '\u0301': 's', '\u0300': 'f', '\u0309': 'r', '\u0303': 'x', '\u0323': 'j' };
export function toTelex(word: string): string {
  let tone = '';
  let out = '';
  for (const ch of word.normalize('NFD')) {
    if (TONE_KEYS[ch]) tone = TONE_KEYS[ch];
    else if (ch === '\u0302') out += out.slice(-1); // circumflex: â ê ô → aa ee oo
    else if (ch === '\u0306' || ch === '\u031b') out += 'w'; // breve, horn: ă ơ ư → aw ow uw
    else if (ch === 'đ') out += 'dd';
    else out += ch;
  }
  return out + tone;
}

type Klass = 'common' | 'phrase' | 'rare' | 'reference' | 'unaccented' | 'accented' | 'telex' | 'long';
const ALL_CLASSES: Klass[] = ['common', 'phrase', 'rare', 'reference', 'unaccented', 'accented', 'telex', 'long'];

/** The long questions: ALQAC 2023's training questions (v1) and statements (v2), as written by its authors. */
const ALQAC_FILES = [path.join(corpusRoot, 'alqac2023/v1/train.json'), path.join(corpusRoot, 'alqac2023/v2-2023-10/train.json')];
function alqacQuestions(): string[] {
  const v1 = JSON.parse(readFileSync(ALQAC_FILES[0], 'utf8')) as { text: string }[];
  const v2 = JSON.parse(readFileSync(ALQAC_FILES[1], 'utf8')) as { statement: string }[];
  return [...v1.map((q) => q.text), ...v2.map((q) => q.statement)];
}
const classArg = args.indexOf('--class');
const CLASSES: Klass[] = classArg === -1 ? ALL_CLASSES : args[classArg + 1].split(',').map((k) => {
  if (!ALL_CLASSES.includes(k as Klass)) throw new Error(`bench:search: --class ${k}: not one of ${ALL_CLASSES.join(', ')}`);
  return k as Klass;
});

function drawQueries(db: Database.Database): Record<Klass, string[]> {
  const r = rng(SEED);
  const maxRow = (db.prepare(`SELECT max(rowid) AS m FROM passages`).get() as { m: number }).m;
  const textAt = db.prepare(`SELECT text FROM passages WHERE rowid >= ? ORDER BY rowid LIMIT 1`).pluck();
  const randomWords = (n: number, accentedOnly: boolean): string[] => {
    for (;;) {
      const words = ((textAt.get(1 + Math.floor(r() * maxRow)) as string).toLowerCase().match(WORD_RE) ?? []).filter((w) => LETTERS.test(w));
      if (words.length < n + 2) continue;
      const i = Math.floor(r() * (words.length - n));
      const pickd = words.slice(i, i + n);
      if (accentedOnly && !pickd.some((w) => fold(w) !== w)) continue;
      return pickd;
    }
  };
  db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.bench_vocab USING fts5vocab(main, passages_fts, 'row')`);
  const vocab = db.prepare(`SELECT term, doc FROM temp.bench_vocab`).raw().all() as [string, number][];
  const common = vocab.filter(([t]) => LETTERS.test(t) && t.length >= 2).sort((a, b) => b[1] - a[1]).slice(0, 120).map(([t]) => t);
  const rareAll = vocab.filter(([t, n]) => LETTERS.test(t) && t.length >= 4 && n >= 2 && n <= 20 && fold(t) === t).map(([t]) => t);
  const numbers = (db.prepare(`SELECT DISTINCT number FROM documents WHERE number LIKE '%/%/%' ORDER BY number`).pluck().all() as string[]);
  const q: Record<Klass, string[]> = { common: [], phrase: [], rare: [], reference: [], unaccented: [], accented: [], telex: [], long: [] };
  for (let i = 0; i < PER_CLASS; i++) {
    q.common.push(pick(r, common));
    q.phrase.push(`"${randomWords(2 + Math.floor(r() * 2), false).join(' ')}"`);
    q.rare.push(pick(r, rareAll));
    q.reference.push(pick(r, numbers));
    q.unaccented.push(fold(randomWords(2 + Math.floor(r() * 2), false).join(' ')));
    q.accented.push(randomWords(2 + Math.floor(r() * 2), true).join(' '));
    q.telex.push(randomWords(2, true).map(toTelex).join(' '));
  }
  // drawn from their own generator, so adding the class left the other classes' queries as they were
  const rl = rng(SEED + 1);
  const questions = alqacQuestions();
  for (let i = 0; i < PER_CLASS; i++) {
    const text = pick(rl, questions);
    q.long.push(i % 2 ? fold(text) : text);
  }
  return q;
}

const coldTimes: number[][] = [];
const slowest: string[] = [];
const hitCounts: number[] = [];
async function time(fn: (q: string) => unknown, queries: string[]): Promise<number[]> {
  const cold: number[] = [];
  let hits = 0;
  for (const q of queries) {
    const t0 = performance.now();
    const r = await fn(q);
    cold.push(performance.now() - t0);
    hits += Array.isArray(r) ? r.length : ((r as { hits?: unknown[] } | undefined)?.hits?.length ?? 0);
  }
  coldTimes.push(cold);
  hitCounts.push(hits / queries.length);
  const ms: number[] = [];
  const perQuery = queries.map(() => [] as number[]);
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 0; i < queries.length; i++) {
      const t0 = performance.now();
      await fn(queries[i]);
      const t = performance.now() - t0;
      ms.push(t);
      perQuery[i].push(t);
    }
  }
  const med = perQuery.map((x, i) => [stats(x).p50, i] as [number, number]).sort((a, b) => b[0] - a[0]).slice(0, 3);
  slowest.push(med.map(([t, i]) => `${show(queries[i])} ${fmt(t, 1)} ms`).join(', '));
  return ms;
}

/** How far the flagged estimates are from the exact counts (the exhaustive path: every word "rare"). */
async function checkEstimates(engine: SqliteEngine, file: string, queries: Record<Klass, string[]>): Promise<void>{
  const exact = new SqliteEngine({ file, checkpointMs: 0, commonRows: Number.MAX_SAFE_INTEGER });
  await exact.init();
  const errs: { total: number; passages: number; ms: number }[] = [];
  const checked = [...new Set([...queries.common, ...queries.unaccented, ...queries.accented])].slice(0, 12);
  for (const q of checked) {
    const est = await engine.search({ q, limit: 10 });
    if (!est.totalIsEstimate) continue;
    const t0 = performance.now();
    const ex = await exact.search({ q, limit: 10 });
    errs.push({ total: Math.abs(est.total - ex.total) / Math.max(1, ex.total), passages: Math.abs(est.totalPassages - ex.totalPassages) / Math.max(1, ex.totalPassages), ms: performance.now() - t0 });
  }
  await exact.close();
  if (errs.length) {
    const t = stats(errs.map((e) => e.total * 100));
    const pz = stats(errs.map((e) => e.passages * 100));
    const xm = stats(errs.map((e) => e.ms));
    console.log(`  estimated totals vs exact (${errs.length} queries of common/unaccented/accented): documents error p50 ${fmt(t.p50, 0)}% max ${fmt(t.max, 0)}%, passages error p50 ${fmt(pz.p50, 0)}% max ${fmt(pz.max, 0)}%; the exhaustive bm25 path takes p50 ${fmt(xm.p50, 0)} ms (max ${fmt(xm.max, 0)}) on those queries`);
  }
}

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }

/** Start V8's sampling profiler; stop() writes the profile and prints the functions with the most self time. */
async function startProfile(): Promise<{ stop: (file: string) => Promise<void> }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    async stop(file: string) {
      const { profile } = await session.post('Profiler.stop') as unknown as { profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] } };
      session.disconnect();
      writeFileSync(file, JSON.stringify(profile));
      const byId = new Map(profile.nodes.map((n) => [n.id, n]));
      const self = new Map<string, number>();
      profile.samples.forEach((id, i) => {
        const f = byId.get(id)!.callFrame;
        const key = `${f.functionName || '(anonymous)'} ${f.url ? `${path.basename(f.url)}:${f.lineNumber + 1}` : ''}`.trim();
        self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
      });
      const total = [...self.values()].reduce((a, b) => a + b, 0);
      console.log(`\nCPU profile of the measured rounds written to ${file}; self time, top 25 of ${fmt(total, 0)} ms:`);
      for (const [k, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${fmt(ms, 1).padStart(9)} ms  ${fmt((100 * ms) / total, 1).padStart(5)}%  ${k}`);
    },
  };
}

async function main(): Promise<void> {
  requireShared('bench:search', [...BENCH_SOURCES.map((s) => s.file), ...ALQAC_FILES]);
  const rss0 = rss();
  const { file } = await benchIndex();
  const db = new Database(file, { readonly: true });
  const nPassages = (db.prepare(`SELECT count(*) FROM passages`).pluck().get() as number);
  const nDocs = (db.prepare(`SELECT count(*) FROM documents`).pluck().get() as number);
  const queries = drawQueries(db);
  console.log(`machine load average (1/5/15 min): ${loadAvg(' / ')} on 2 cores shared with other work`);
  console.log(`index: ${nDocs} documents, ${nPassages} passages; ${PER_CLASS} queries per class (seed ${SEED}), ${ROUNDS} measured rounds after a warm-up`);
  for (const k of CLASSES) console.log(`  ${k.padEnd(10)} e.g. ${queries[k].slice(0, k === 'long' ? 2 : 4).map(show).join(', ')}`);

  const rssBefore = rss();
  const heapBefore = heap();
  console.log(`RSS before opening the engine: ${mb(rssBefore)} (at start ${mb(rss0)})`);
  const tOpen = performance.now();
  const engine = new SqliteEngine({ file, checkpointMs: 0 });
  await engine.init();
  await engine.search({ q: 'a' });
  console.log(`open + first search (builds in-memory row/document maps): ${fmt(performance.now() - tOpen, 0)} ms`);
  const ours: Record<string, ReturnType<typeof stats>> = {};
  const oursCold: Record<string, ReturnType<typeof stats>> = {};
  const estimates: Record<string, number> = {};
  const profiler = PROFILE ? await startProfile() : null;
  for (const k of CLASSES) {
    let est = 0;
    ours[k] = stats(await time(async (q) => { const r = await engine.search({ q, limit: 10 }); if (r.totalIsEstimate) est++; return r; }, queries[k]));
    oursCold[k] = stats(coldTimes[coldTimes.length - 1]);
    estimates[k] = est / (ROUNDS + 1);
  }
  if (profiler && PROFILE) await profiler.stop(PROFILE);
  const rssOurs = rss() - rssBefore;
  const heapOurs = heap() - heapBefore;
  const oursSlow = slowest.splice(0);
  const oursHits = hitCounts.splice(0);

  console.log(`\npolicy-search sqlite (${nPassages} passages): JS heap +${mb(heapOurs)} (row/document maps) + sqlite page cache (≤ 64 MB); process RSS ${mb(rss())} after opening and querying (RSS delta ${mb(rssOurs)}: unreliable, the query drawing freed memory meanwhile); the index is a ${mb(statSync(file).size)} file`);
  for (const k of CLASSES) {
    const s = ours[k];
    console.log(`  ${k.padEnd(10)} p50 ${fmt(s.p50).padStart(7)} ms  p95 ${fmt(s.p95).padStart(7)} ms  max ${fmt(s.max).padStart(7)} ms  ${s.p95 <= TARGET_MS ? 'ok  ' : 'MISS'}`
      + `  | first call (cold): p50 ${fmt(oursCold[k].p50)} p95 ${fmt(oursCold[k].p95)} ms  | ${fmt(oursHits[CLASSES.indexOf(k)], 1)} hits/query${estimates[k] ? `  | ${estimates[k]} of ${PER_CLASS} with estimated totals` : ''}`);
  }
  console.log('  slowest (median of rounds):');
  CLASSES.forEach((k, i) => console.log(`    ${k.padEnd(10)} ${oursSlow[i]}`));

  // How far the flagged estimates are from the exact counts (exhaustive path: every word "rare"); skipped with --class.
  if (classArg === -1) await checkEstimates(engine, file, queries);

  if (OTHERS) {
    const rows = db.prepare(`SELECT rowid, doc_title, heading, text FROM passages`).raw().all() as [number, string, string, string][];
    db.close();
    const others: [string, () => (q: string) => unknown][] = [
      ['MiniSearch', () => {
        const ms = new MiniSearch<{ id: number; title: string; heading: string; text: string }>({ fields: ['title', 'heading', 'text'], idField: 'id' });
        for (const [id, title, heading, text] of rows) ms.add({ id, title: fold(title), heading: fold(heading), text: fold(text) });
        // a long question matches any of its words, as in our engine
        return (q) => ms.search(fold(q.replace(/"/g, '')), { combineWith: isLong(q) ? 'OR' : 'AND' }).slice(0, 10);
      }],
      ['FlexSearch', () => {
        const ix = new FlexSearch.Index({ tokenize: 'strict' });
        for (const [id, title, heading, text] of rows) ix.add(id, fold(`${title} ${heading} ${text}`));
        return (q) => ix.search(fold(q.replace(/"/g, '')), { limit: 10, suggest: isLong(q) });
      }],
    ];
    for (const [name, build] of others) {
      const before = heap();
      const t0 = performance.now();
      let search: ((q: string) => unknown) | null = build();
      const buildMs = performance.now() - t0;
      const used = heap() - before;
      console.log(`\n${name} (same ${rows.length} passages, folded text of title + heading + body; built in ${fmt(buildMs / 1000, 1)} s; JS heap +${mb(used)}; process RSS ${mb(rss())}); ratio = ours / theirs`);
      for (const k of CLASSES) {
        const s = stats(await time(search, queries[k]));
        console.log(`  ${k.padEnd(10)} p50 ${fmt(s.p50).padStart(7)} ms  p95 ${fmt(s.p95).padStart(7)} ms   ratio p50 ${fmt(ours[k].p50 / s.p50).padStart(7)}  p95 ${fmt(ours[k].p95 / s.p95).padStart(7)}  | ${fmt(hitCounts[hitCounts.length - 1], 1)} hits/query`);
      }
      slowest.length = 0;
      console.log(`  memory: ours (JS heap + sqlite page cache ≤ 64 MB) ${mb(heapOurs)} + ≤ 64 MB vs theirs ${mb(used)} (JS heap)`);
      search = null;
    }
  } else db.close();
  await engine.close();
  console.log(`machine load average at the end: ${loadAvg(' / ')}`);
}

await main();
