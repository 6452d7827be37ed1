/**
 * npm run eval:search — article-level retrieval quality on ALQAC 2023 (labelled training queries).
 *
 * Corpus: /work/shared/corpus/alqac2023 (see its PROVENANCE.md). Each labelled set is evaluated
 * against its own law corpus: v1/train.json (100 questions) over v1/law.json (16 laws, 2,131
 * articles), and v2-2023-10/train.json (76 statements) over v2-2023-10/legal_passages.json (18 laws).
 *
 * Granularity: one document per article (id "<law>#<article>"), document title = the law's name,
 * one passage with headingPath "Điều N. <article title>" and the article body. This indexes exactly
 * the FTS row a "one document per law, one passage per article" layout would (doc_title = law,
 * heading = article, text = body), but makes the engine's hits (documents) the unit being judged,
 * so Recall@10/MRR@10 read the first ten hits directly. Documents are written with engine.upsert
 * directly (not ingest()/parseDocument): the corpus is already split into articles with the ids the
 * labels use, and re-parsing flat text could split or merge articles and lose those ids.
 *
 * Rankings compared: 'bm25 words+pairs' (the issue's baseline, bm25Baseline below), 'plain' (bm25 over folded words on the body only) and 'full' (the default:
 * abbreviations, title/heading fields, accent-aware and adjacent-pair boosts). Both relax a long
 * query to "any word" when no article holds every word (SearchResult.relaxed), so the comparison is
 * about ranking, not about the matching policy.
 *
 * Held-out split: queries are split in two halves by a hash of their id (A = tuning, B = held out);
 * figures are printed for A, B and all.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import type { DocumentRecord, PassageRecord } from '../src/docs/model.js';
import { SqliteEngine } from '../src/engine/sqlite/index.js';
import { RERANK_WEIGHTS } from '../src/engine/sqlite/rerank.js';
import type { SearchRequest } from '../src/engine/types.js';
import { fold } from '../src/text/fold.js';
import { exactKey } from '../src/engine/sqlite/schema.js';
import { corpusRoot, fmt, numArg, requireShared } from './lib/bench-util.js';

// --coverage W --proximity W: re-ranking weights to try (tune on half A only); --half A|B: run one half.
// --rw name=value (repeatable): any other weight of RerankWeights (fts, bm25, k1, b, heading, title, pairs, topic).
const RW = Object.fromEntries(process.argv.flatMap((a, i) => (a === '--rw' ? [process.argv[i + 1].split('=')] : [])).map(([k, v]) => [k, Number(v)]));
const WEIGHTS = process.argv.includes('--coverage') || process.argv.includes('--proximity') || Object.keys(RW).length
  ? { ...RERANK_WEIGHTS, ...(process.argv.includes('--coverage') ? { coverage: numArg('coverage', 1) } : {}), ...(process.argv.includes('--proximity') ? { proximity: numArg('proximity', 0.3) } : {}), ...RW } : undefined;
const ONLY = (() => { const i = process.argv.indexOf('--half'); return i === -1 ? undefined : process.argv[i + 1]; })();

const ROOT = path.join(corpusRoot, 'alqac2023');
interface Law { id: string; articles: { id: string; text: string }[] }
interface Query { id: string; text: string; relevant: string[] }
interface Set { name: string; laws: string; queries: Query[] }

const key = (law: string, article: string) => `${law}#${article}`;

function loadSets(): Set[] {
  const v1 = JSON.parse(readFileSync(path.join(ROOT, 'v1/train.json'), 'utf8')) as { question_id: string; text: string; relevant_articles: { law_id: string; article_id: string }[] }[];
  const v2 = JSON.parse(readFileSync(path.join(ROOT, 'v2-2023-10/train.json'), 'utf8')) as { example_id: string; statement: string; legal_passages: { law_id: string; article_id: string }[] }[];
  return [
    { name: 'v1 train (100 questions, v1 laws)', laws: path.join(ROOT, 'v1/law.json'), queries: v1.map((q) => ({ id: q.question_id, text: q.text, relevant: q.relevant_articles.map((r) => key(r.law_id, r.article_id)) })) },
    { name: 'v2 train (76 statements, v2 laws)', laws: path.join(ROOT, 'v2-2023-10/legal_passages.json'), queries: v2.map((q) => ({ id: q.example_id, text: q.statement, relevant: q.legal_passages.map((r) => key(r.law_id, r.article_id)) })) },
  ];
}

/** "title\n\nbody" → heading "Điều N. title", body. */
export function articleRecords(law: Law): { document: DocumentRecord; passages: PassageRecord[] }[] {
  return law.articles.map((a) => {
    const id = key(law.id, a.id);
    const cut = a.text.indexOf('\n');
    const title = (cut === -1 ? a.text : a.text.slice(0, cut)).trim();
    const body = (cut === -1 ? '' : a.text.slice(cut + 1)).trim() || title;
    const document: DocumentRecord = { id, kind: /^bộ luật/i.test(law.id) ? 'bộ luật' : law.id.startsWith('Hiến pháp') ? 'khác' : 'luật', title: law.id, source: { format: 'json' }, language: 'vi', refs: [] };
    const passages: PassageRecord[] = [{ id: `${id}:dieu-${a.id}`, docId: id, ordinal: 0, anchor: `dieu-${a.id}`, headingPath: `Điều ${a.id}. ${title}`, text: body, refs: [] }];
    return { document, passages };
  });
}

const half = (id: string) => (createHash('sha1').update(id).digest()[0] & 1 ? 'B' : 'A');

interface Scores { recall: number; rr: number; relaxed: boolean; ms: number }

async function run(engine: SqliteEngine, q: Query, ranking: SearchRequest['ranking'], unaccented: boolean): Promise<Scores> {
  const t0 = performance.now();
  const r = await engine.search({ q: unaccented ? fold(q.text) : q.text, limit: 10, passagesPerDoc: 1, ranking });
  const ms = performance.now() - t0;
  const ids = r.hits.map((h) => h.document.id);
  const rel = new Set(q.relevant);
  const found = ids.filter((id) => rel.has(id)).length;
  const first = ids.findIndex((id) => rel.has(id));
  return { recall: found / rel.size, rr: first === -1 ? 0 : 1 / (first + 1), relaxed: !!r.relaxed, ms };
}

function summarise(label: string, rows: (Scores & { half: string })[]): void {
  const line = (name: string, xs: Scores[]) => xs.length
    ? `${name} n=${String(xs.length).padStart(3)}  Recall@10 ${fmt(xs.reduce((s, x) => s + x.recall, 0) / xs.length, 3)}  MRR@10 ${fmt(xs.reduce((s, x) => s + x.rr, 0) / xs.length, 3)}`
    : `${name} n=0`;
  console.log(`  ${label.padEnd(27)} ${line('A(tune)', rows.filter((r) => r.half === 'A'))} | ${line('B(held-out)', rows.filter((r) => r.half === 'B'))} | ${line('all', rows)}  (relaxed ${rows.filter((r) => r.relaxed).length}, mean ${fmt(rows.reduce((s, r) => s + r.ms, 0) / rows.length, 1)} ms/query)`);
}

/**
 * The issue's baseline ('bm25 words+pairs'): a plain BM25 (k1 1.2, b 0.75) computed here over every article,
 * terms = folded syllables + accented syllables + folded syllable bigrams of heading (×2) and body; no
 * candidate set, no query understanding. The full ranking must not fall below it.
 */
const BASE_WORD = /[\p{L}\p{M}\p{N}]+/gu;
function baseTerms(text: string, unaccented: boolean): string[] {
  const a = exactKey(text).match(BASE_WORD) ?? [];
  const f = a.map(fold);
  const out: string[] = [];
  for (let i = 0; i < f.length; i++) { out.push(`f:${f[i]}`); if (!unaccented) out.push(`a:${a[i]}`); }
  for (let i = 0; i + 1 < f.length; i++) out.push(`b:${f[i]}_${f[i + 1]}`);
  return out;
}
function bm25Baseline(records: { document: DocumentRecord; passages: PassageRecord[] }[]): (q: string, unaccented: boolean) => string[] {
  const docs = records.map((r) => {
    const tf = new Map<string, number>();
    let len = 0;
    for (const [text, w] of [[r.passages[0].text, 1], [r.passages[0].headingPath.replace(/^Điều \S+\s*/, ''), 2]] as const) {
      for (const t of [...baseTerms(text, false)]) tf.set(t, (tf.get(t) ?? 0) + w);
      if (w === 1) len = baseTerms(text, true).length;
    }
    return { id: r.document.id, tf, len };
  });
  const df = new Map<string, number>();
  for (const d of docs) for (const t of d.tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const avg = docs.reduce((s, d) => s + d.len, 0) / docs.length;
  const N = docs.length;
  return (q, unaccented) => {
    const qt = [...new Set(baseTerms(q, unaccented))];
    return docs.map((d) => {
      let s = 0;
      for (const t of qt) {
        const x = d.tf.get(t);
        if (!x) continue;
        const n = df.get(t)!;
        s += Math.log(1 + (N - n + 0.5) / (n + 0.5)) * (x * 2.2) / (x + 1.2 * (0.25 + 0.75 * d.len / avg));
      }
      return [s, d.id] as const;
    }).sort((a, b) => b[0] - a[0]).slice(0, 10).map((x) => x[1]);
  };
}

function scoreIds(ids: string[], q: Query): Scores {
  const rel = new Set(q.relevant);
  const first = ids.findIndex((id) => rel.has(id));
  return { recall: ids.filter((id) => rel.has(id)).length / rel.size, rr: first === -1 ? 0 : 1 / (first + 1), relaxed: false, ms: 0 };
}

async function main(): Promise<void> {
  requireShared('eval:search', [path.join(ROOT, 'v1/law.json'), path.join(ROOT, 'v1/train.json'), path.join(ROOT, 'v2-2023-10/legal_passages.json'), path.join(ROOT, 'v2-2023-10/train.json')]);
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'eval-search-'));
  const RUNS = ['bm25 words+pairs', 'plain', 'full', 'bm25 words+pairs unaccented', 'plain unaccented', 'full unaccented'] as const;
  const all: Record<string, (Scores & { half: string })[]> = Object.fromEntries(RUNS.map((r) => [r, []]));
  try {
    for (const set of loadSets()) {
      const laws = JSON.parse(readFileSync(set.laws, 'utf8')) as Law[];
      const engine = new SqliteEngine({ file: path.join(tmp, `${path.basename(path.dirname(set.laws))}.sqlite`), checkpointMs: 0, rerank: WEIGHTS });
      await engine.init();
      const t0 = performance.now();
      const records = laws.flatMap(articleRecords);
      await engine.upsertMany(records);
      const known = new Set(records.map((r) => r.document.id));
      const missing = set.queries.flatMap((q) => q.relevant).filter((k) => !known.has(k));
      console.log(`${set.name}: ${laws.length} laws, ${records.length} articles indexed in ${fmt(performance.now() - t0, 0)} ms; ${missing.length} labelled articles not in this corpus${missing.length ? ` (${[...new Set(missing)].slice(0, 5).join('; ')})` : ''}`);
      const baseline = bm25Baseline(records);
      for (const name of RUNS) {
        const rows = [];
        if (name.startsWith('bm25')) {
          for (const q of set.queries) if (!ONLY || half(q.id) === ONLY) { const un = name.endsWith('unaccented'); rows.push({ ...scoreIds(baseline(un ? fold(q.text) : q.text, un), q), half: half(q.id) }); }
          summarise(name, rows);
          all[name].push(...rows);
          continue;
        }
        const [ranking, accents] = name.split(' ') as ['plain' | 'full', string | undefined];
        for (const q of set.queries) if (!ONLY || half(q.id) === ONLY) rows.push({ ...(await run(engine, q, ranking, accents === 'unaccented')), half: half(q.id) });
        summarise(name, rows);
        all[name].push(...rows);
      }
      await engine.close();
    }
    console.log('both sets:');
    for (const name of RUNS) summarise(name, all[name]);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
