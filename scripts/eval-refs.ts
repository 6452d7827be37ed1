/**
 * eval:refs — reference tagging against Pháp điển source citations.
 * Each article of /work/shared/corpus/phapdien carries `source_citation` ("Điều 1 Luật số 43/2019/QH14 …")
 * and `source_doc_so_ky_hieu` (the cited document's số ký hiệu, parsed by the corpus stager). The first
 * reference the tagger finds in the citation must have the canonical id of that số ký hiệu.
 *
 *   npm run eval:refs [-- --limit N] [-- --examples N]
 *
 * Then the hand-labelled passages of tests/fixtures/refs-labels.jsonl (guide: tests/fixtures/refs-labelling-guide.md),
 * per half (tune / heldout): precision and recall of canonical ids per passage, with the misses of the tune half
 * only (the held-out half is never inspected to change the tagger).
 *
 * precision = correct / citations where the tagger predicted a reference
 * recall    = correct / citations with a gold số ký hiệu
 * Misses are grouped by cause; "gold truncated" means the gold value is a prefix of what the tagger read
 * (the stager's parser stopped at a stray space, "/" or "_"), i.e. the gold is wrong, not the tagger.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { canonicalId, canonicalize, findReferences, isoDate } from '../src/refs/index.js';
import { corpusRoot, numArg, repoRoot, sharedRoot } from './lib/bench-util.js';

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

// ── hand-labelled passages ──────────────────────────────────────────────────────────────────────
interface Label { n: number; half: 'tune' | 'heldout'; file: string; doc: string; start: number; end: number; head: string; date?: string; ids: string[] }
const labelFile = path.join(repoRoot, 'tests/fixtures/refs-labels.jsonl');
const labels = readFileSync(labelFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Label);
interface Rec2 { text: string; date?: string; own: string[] }
const HEADER_NO = /Số:\s*([^\s,;]+)/u;
const textCache = new Map<string, Map<string, Rec2>>();
const HEADER_DATE = /ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/u;
/**
 * A labelled passage's document as ingest would see it: its text, its date (vbpl-central's record field; for
 * Công báo the first "ngày … tháng … năm …" of the header) and its own number (the record's số ký hiệu).
 */
function docOf(file: string, doc: string): Rec2 | undefined {
  const full = path.join(sharedRoot, file);
  if (!existsSync(full)) return undefined;
  if (!file.endsWith('.jsonl.gz')) return { text: readFileSync(full, 'utf8'), own: [] };
  let m = textCache.get(file);
  if (!m) {
    m = new Map();
    for (const l of gunzipSync(readFileSync(full)).toString('utf8').split('\n')) {
      if (!l) continue;
      const r = JSON.parse(l) as { id: string; text?: string; ngay_ban_hanh_guess?: string; so_ky_hieu_guess?: string; trich_yeu?: string; ngay_ban_hanh?: string; so_ky_hieu?: string; loai?: string };
      // Bình Dương records have no body: their trích yếu is the text, with the record's date and số ký hiệu
      const text = r.text ?? r.trich_yeu;
      if (!text) continue;
      const hd = r.text ? HEADER_DATE.exec(text.normalize('NFC').slice(0, 1500)) : null;
      const date = isoDate(r.ngay_ban_hanh_guess ?? r.ngay_ban_hanh) ?? (hd ? isoDate(`${hd[1]}/${hd[2]}/${hd[3]}`) : undefined);
      const hn = r.text ? HEADER_NO.exec(text.normalize('NFC').slice(0, 1500)) : null;
      const own: string[] = [];
      // a consolidated text (Công báo "VB HN") has no "Số:" line: the stager's guess is the number of the document it
      // consolidates (or "321/Ng" from the "CÔNG BÁO/Số 321/Ngày" running head); its own number is in the slug
      const vbhn = r.loai && /^(?:VB HN|Văn bản hợp nhất)$/.test(r.loai) ? /van-ban-hop-nhat-so-(\d+)-vbhn-([a-z]+)/.exec(r.id) : null;
      if (vbhn) own.push(`${vbhn[1]}-vbhn-${vbhn[2]}`);
      for (const n of vbhn ? [] : [r.so_ky_hieu_guess ?? r.so_ky_hieu, hn?.[1]]) {
        const id = n ? canonicalize(date ? `Số: ${n} ngày ${date.split('-').reverse().join('/')}` : n) : null;
        if (id) own.push(id);
      }
      m.set(r.id, { text, date, own });
    }
    textCache.set(file, m);
  }
  return m.get(doc);
}
const halves = { tune: { gold: 0, predicted: 0, correct: 0, passages: 0 }, heldout: { gold: 0, predicted: 0, correct: 0, passages: 0 } };
/** the same figures per labelling round (1: passages 1–197, the first sample; 2: 198–309 and 3: 310 on, new material added later), per half */
const ROUNDS = [198, 310];
const rounds = new Map<string, { gold: number; predicted: number; correct: number; passages: number }>();
const tuneMisses: string[] = [];
let misaligned = 0;
for (const lab of labels) {
  const doc = docOf(lab.file, lab.doc);
  const text = doc?.text.slice(lab.start, lab.end);
  if (!doc || !text || !text.startsWith(lab.head)) { misaligned++; continue; }
  const got = findReferences(text, { headerZone: 0, date: doc.date, own: doc.own }).filter((r) => !r.self).map((r) => r.canonical);
  const rk = `${lab.half} round ${1 + ROUNDS.filter((r) => lab.n >= r).length}`;
  if (!rounds.has(rk)) rounds.set(rk, { gold: 0, predicted: 0, correct: 0, passages: 0 });
  const left = [...lab.ids];
  const extra: string[] = [];
  let ok = 0;
  for (const g of got) {
    const i = left.indexOf(g);
    if (i >= 0) { left.splice(i, 1); ok++; } else extra.push(g);
  }
  for (const h of [halves[lab.half], rounds.get(rk)!]) {
    h.passages++;
    h.gold += lab.ids.length;
    h.predicted += got.length;
    h.correct += ok;
  }
  if (lab.half === 'tune' && (left.length || extra.length)) tuneMisses.push(`#${lab.n} missed [${left.join(', ')}] extra [${extra.join(', ')}] ← ${text.slice(0, 110)}`);
}
console.log(`\nhand-labelled passages (${path.relative(repoRoot, labelFile)}; guide tests/fixtures/refs-labelling-guide.md)${misaligned ? `; ${misaligned} not found or misaligned` : ''}:`);
for (const [name, h] of Object.entries(halves)) {
  console.log(`  ${name.padEnd(8)} ${h.passages} passages, ${h.gold} labelled references: precision ${pct(h.correct / h.predicted)}  recall ${pct(h.correct / h.gold)}  (correct ${h.correct}, predicted ${h.predicted})`);
}
const all = { gold: halves.tune.gold + halves.heldout.gold, predicted: halves.tune.predicted + halves.heldout.predicted, correct: halves.tune.correct + halves.heldout.correct };
console.log(`  both     precision ${pct(all.correct / all.predicted)}  recall ${pct(all.correct / all.gold)}`);
for (const [name, h] of [...rounds.entries()].sort()) {
  console.log(`    ${name.padEnd(16)} ${h.passages} passages, ${h.gold} references: precision ${pct(h.correct / h.predicted)}  recall ${pct(h.correct / h.gold)}`);
}
if (tuneMisses.length) {
  console.log('  misses (tune half only):');
  for (const m of tuneMisses.slice(0, nExamples * 4)) console.log(`    ${m}`);
}
