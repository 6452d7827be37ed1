/**
 * eval:refs — reference tagging against Pháp điển source citations.
 * Each article of /work/shared/corpus/phapdien carries `source_citation` ("Điều 1 Luật số 43/2019/QH14 …")
 * and `source_doc_so_ky_hieu` (the cited document's số ký hiệu, parsed by the corpus stager). The first
 * reference the tagger finds in the citation must have the canonical id of that số ký hiệu.
 *
 *   npm run eval:refs [-- --limit N] [-- --examples N]
 *
 * precision = correct / citations where the tagger predicted a reference
 * recall    = correct / citations with a gold số ký hiệu
 * Misses are grouped by cause; "gold truncated" means the gold value is a prefix of what the tagger read
 * (the stager's parser stopped at a stray space, "/" or "_"), i.e. the gold is wrong, not the tagger.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { canonicalId, findReferences } from '../src/refs/index.js';
import { corpusRoot, numArg } from './lib/bench-util.js';

const file = path.join(corpusRoot, 'phapdien/articles.jsonl.gz');
if (!existsSync(file)) {
  console.error(`eval:refs: ${file} not found (the shared corpus is absent); nothing to evaluate.`);
  process.exit(2);
}
const limit = numArg('limit', Infinity);
const nExamples = numArg('examples', 6);

interface Rec { id: string; source_citation: string; source_doc_so_ky_hieu: string | null }
const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n').filter(Boolean);
const byCitation = new Map<string, Rec>();
for (const l of lines) {
  const r = JSON.parse(l) as Rec;
  if (!r.source_citation) continue;
  if (!byCitation.has(r.source_citation)) byCitation.set(r.source_citation, r);
  if (byCitation.size >= limit) break;
}
const recs = [...lines.keys()].length ? [...byCitation.values()] : [];

type Cause = 'no reference found' | 'gold truncated (stager parser stopped at a space, "/", "_" or "&")' | 'gold names another reference in the citation' | 'different id';
const misses = new Map<Cause, { citation: string; gold: string; got: string }[]>();
let gold = 0, predicted = 0, correct = 0, goldNull = 0, goldNullTagged = 0, truncated = 0, otherRef = 0, refsTotal = 0;
const goldNullExamples: string[] = [];
const t0 = performance.now();
for (const r of recs) {
  const refs = findReferences(r.source_citation).filter((x) => !x.self);
  refsTotal += refs.length;
  const first = refs[0];
  if (!r.source_doc_so_ky_hieu) {
    goldNull++;
    if (first) {
      goldNullTagged++;
      if (goldNullExamples.length < nExamples) goldNullExamples.push(`${r.source_citation.slice(0, 90)}  →  ${first.canonical}`);
    }
    continue;
  }
  gold++;
  const want = canonicalId(r.source_doc_so_ky_hieu);
  if (first) predicted++;
  if (first && first.canonical === want) { correct++; continue; }
  let cause: Cause;
  if (!first) cause = 'no reference found';
  else if (first.canonical.startsWith(want) && first.canonical.length > want.length) { cause = 'gold truncated (stager parser stopped at a space, "/", "_" or "&")'; truncated++; }
  else if (refs.some((x) => x.canonical === want)) { cause = 'gold names another reference in the citation'; otherRef++; }
  else cause = 'different id';
  const list = misses.get(cause) ?? [];
  list.push({ citation: r.source_citation, gold: r.source_doc_so_ky_hieu, got: first?.canonical ?? '—' });
  misses.set(cause, list);
}
const ms = performance.now() - t0;
const pct = (x: number) => x.toFixed(4);
console.log(`phapdien source citations: ${recs.length} distinct (${lines.length} articles); with gold số ký hiệu: ${gold}; gold missing: ${goldNull}`);
console.log(`tagged ${refsTotal} references in ${ms.toFixed(0)} ms`);
console.log(`precision ${pct(correct / predicted)}  recall ${pct(correct / gold)}  (correct ${correct}, predicted ${predicted}, gold ${gold})`);
console.log(`counting "gold truncated" as correct: precision ${pct((correct + truncated) / predicted)}  recall ${pct((correct + truncated) / gold)}`);
console.log(`gold id among any reference of the citation ("yields"): recall ${pct((correct + otherRef) / gold)}`);
console.log(`gold missing but tagged: ${goldNullTagged}/${goldNull}`);
for (const e of goldNullExamples) console.log(`    ${e}`);
console.log('\nmisses by cause:');
for (const [cause, list] of [...misses.entries()].sort((a, b) => b[1].length - a[1].length)) {
  console.log(`  ${list.length}  ${cause}`);
  for (const m of list.slice(0, nExamples)) console.log(`      gold ${m.gold}  got ${m.got}  ← ${m.citation.slice(0, 110)}`);
}
