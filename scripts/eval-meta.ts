/**
 * eval:meta — parsed metadata against a hand-judged set, then against the records of two real corpora.
 *
 *   npm run eval:meta [-- --show 15] [-- --no-refs] [-- --show-heldout] [-- --judged-only]
 *
 * First: number, date, kind, issuer, signer and place accuracy on tests/fixtures/meta-judged.jsonl (142 documents
 * judged by reading them; tune and held-out halves printed apart; see scripts/lib/meta-judged.ts).
 * Then the corpus-level checks below.
 *
 * vbpl-central (Vietnamese full-text records: lang "vi", has_text) and congbao-8chude. Their `*_guess` fields are
 * heuristics of the stager, so they are not taken as truth blindly. How the truth is judged (printed too):
 *   - number, vbpl: the number in the record's `title` (the vbpl.vn page heading, source metadata independent of the
 *     body text); when the title carries none, `so_ky_hieu_guess`.
 *   - number, congbao: the number in the gazette URL slug ("thong-tu-so-03-2022-tt-bldtbxh-36975" → 03/2022/TT-BLĐTBXH,
 *     compared folded, without punctuation); `so_ky_hieu_guess` is often the gazette issue ("151/Ng").
 *   - date, vbpl: `ngay_ban_hanh_guess`, except where the guessed date is invalid or is written in the text only as the
 *     date of a cited document ("Căn cứ Luật … ngày 29 tháng 6 năm 2006"): then the guess is judged wrong and the
 *     date written in the document's own date line ("Hà Nội, ngày …", "… thông qua ngày …") is the truth.
 *   - date, congbao: only the year is known (`nam`, 0 = unknown).
 *   - kind: `loai_van_ban_guess` (vbpl) / `loai` (congbao, mapped to the model's kinds).
 * A document whose body text does not contain its number at all (header table lost in the snapshot, or an unsigned
 * draft) is counted as a parser miss, and listed.
 */
import { readFileSync, existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from '../src/docs/parse.js';
import { parseHeader } from '../src/docs/header/index.js';
import { normalize } from '../src/text/normalize.js';
import { clean } from '../src/text/clean.js';
import { fold } from '../src/text/fold.js';
import { readJsonlGz as readJsonl, sharedRoot as shared } from './lib/bench-util.js';
import { evaluateJudged, formatJudged } from './lib/meta-judged.js';

const args = process.argv.slice(2);
const SHOW = Number(args[args.indexOf('--show') + 1]) || 12;
const withRefs = !args.includes('--no-refs');

if (!existsSync(path.join(shared, 'corpus'))) {
  console.error(`eval:meta: ${shared}/corpus is absent; nothing to evaluate.`);
  process.exit(0);
}

/** Compare numbers folded, without punctuation, and without leading zeros of the serial ("1/2026/TT-BNV" = "01/2026/TT-BNV"). */
const key = (s?: string | null) => (s ? fold(normalize(s)).replace(/^0+(?=\d)/, '').replace(/[^a-z0-9]/g, '') : '');
const pct = (a: number, n: number) => `${a}/${n} = ${n ? ((100 * a) / n).toFixed(1) : '0'}%`;
const dmyToIso = (s?: string | null) => {
  const m = s ? /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s) : null;
  return m ? `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}` : undefined;
};
const validIso = (iso?: string) => {
  if (!iso) return false;
  const [y, m, d] = iso.split('-').map(Number);
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
};
/** Where a date (ISO) is written in the text, as "ngày d tháng m năm y" or "d/m/y"; the line of each occurrence. */
function dateLines(text: string, iso: string): string[] {
  const [y, m, d] = iso.split('-').map(Number);
  const re = new RegExp(String.raw`ngày\s*0?${d}\s*tháng\s*0?${m}\s*năm\s*${y}|(?<!\d)0?${d}\/0?${m}\/${y}`, 'giu');
  const out: string[] = [];
  for (let mm = re.exec(text); mm; mm = re.exec(text)) {
    const s = text.lastIndexOf('\n', mm.index) + 1;
    let e = text.indexOf('\n', mm.index); if (e < 0) e = text.length;
    out.push(text.slice(s, e));
  }
  return out;
}
const citedOnly = (lines: string[]) => lines.length > 0 && lines.every((l) => /Căn cứ|(?<!\p{L})số(?!\p{L})|Nghị định|Thông tư|Luật|Quyết định|Nghị quyết|Tờ trình|Công văn|Văn bản/iu.test(l.split(/ngày\s*\d/iu)[0]) && !/^\s*[\p{Lu}][\p{L} .]*,\s*ngày/u.test(l));

const KIND_MAP: Record<string, string> = {
  'thông tư': 'thông tư', 'nghị định': 'nghị định', 'nghị quyết': 'nghị quyết', 'nq': 'nghị quyết', 'luật': 'luật',
  'bộ luật': 'bộ luật', 'quyết định': 'quyết định', 'qđ': 'quyết định', 'pháp lệnh': 'pháp lệnh',
  'thông tư liên tịch': 'thông tư liên tịch', 'tt liên tịch': 'thông tư liên tịch', 'vb hn': 'văn bản hợp nhất',
  'văn bản hợp nhất': 'văn bản hợp nhất',
};

interface Row { id: string; what: string; parsed?: string; truth?: string; note: string }

function report(title: string, rows: Row[], n: number, counts: Record<string, number>) {
  console.log(`\n== ${title} (${n} documents)`);
  for (const [k, v] of Object.entries(counts)) console.log(`  ${k.padEnd(44)} ${pct(v, n)}`);
  const groups = new Map<string, Row[]>();
  for (const r of rows) { const g = groups.get(r.what) ?? []; g.push(r); groups.set(r.what, g); }
  for (const [what, rs] of groups) {
    console.log(`  -- ${what}: ${rs.length} disagreement(s)${rs.length > SHOW ? `, first ${SHOW}` : ''}`);
    for (const r of rs.slice(0, SHOW)) console.log(`     ${r.id}: parsed ${JSON.stringify(r.parsed)} / truth ${JSON.stringify(r.truth)} — ${r.note}`);
  }
}

console.log('== hand-judged set (tests/fixtures/meta-judged.jsonl): accuracy per field, tune and held-out halves');
console.log(formatJudged(await evaluateJudged(), { showHeldout: args.includes('--show-heldout'), show: SHOW * 8 }));
if (args.includes('--judged-only')) process.exit(0);

// ------------------------------------------------------------------------------------------------------------
console.log('\nHow truth is judged: number = vbpl page title (else so_ky_hieu_guess) / congbao URL slug; date = ngay_ban_hanh_guess unless it is invalid or written only as a cited document\'s date (then the document\'s own date line); congbao date = year only (nam); kind = loai(_van_ban_guess).');

{
  const recs = readJsonl(path.join(shared, 'corpus/vbpl-central/docs.jsonl.gz')).filter((r) => r.lang === 'vi' && r.has_text && r.text);
  const rows: Row[] = [];
  const c = { 'number = truth': 0, 'number = so_ky_hieu_guess': 0, 'number present in text (upper bound)': 0, 'date = judged truth': 0, 'date = ngay_ban_hanh_guess': 0, 'kind = loai_van_ban_guess': 0, 'number and date both right': 0, 'issuer found (not checked against truth)': 0, 'signer found (not checked against truth)': 0 };
  let guessDateWrong = 0, titleVsGuess = 0;
  for (const r of recs) {
    // the same text parseDocument parses: clean() (default steps), then the header parser
    const text = normalize(clean(r.text).text);
    const h = parseHeader(text);
    // Law titles put their own number last ("Luật sửa đổi … Luật Giáo dục số 43/2019/QH14 số 123/2025/QH15"); others first ("Thông tư số 53/2025/TT-BYT sửa đổi Thông tư 43/…").
    const titleNums = [...normalize(r.title ?? '').matchAll(/số\s*:?\s*(\d+(?:\s*[\/\-–]\s*[\p{L}\d&]+(?:\.[\p{L}\d&]+)*)+)/giu)].map((m) => m[1]);
    const titleNum = /^(?:Luật|Bộ luật|Pháp lệnh)/iu.test(r.title ?? '') ? titleNums[titleNums.length - 1] : titleNums[0];
    const guessNum = r.so_ky_hieu_guess as string | undefined;
    const truthNum = titleNum ?? guessNum;
    if (titleNum && guessNum && key(titleNum) !== key(guessNum)) titleVsGuess++;
    const inText = truthNum ? key(text).includes(key(truthNum)) : false;
    if (inText) c['number present in text (upper bound)']++;
    const numOk = !!truthNum && key(h.number) === key(truthNum);
    if (numOk) c['number = truth']++; else rows.push({ id: r.id, what: 'number', parsed: h.number, truth: truthNum, note: !inText ? 'truth number not in the body text (header lost / draft / typo in text)' : `guess ${JSON.stringify(guessNum)}` });
    if (key(h.number) === key(guessNum)) c['number = so_ky_hieu_guess']++;

    const gIso = dmyToIso(r.ngay_ban_hanh_guess);
    // The year inside a normative number is the year of issue ("86/2025/TT-BNNMT" was issued in 2025).
    const numYear = truthNum ? /\/(\d{4})\//.exec(truthNum)?.[1] : undefined;
    let truthDate = gIso;
    let note = '';
    if (r.ngay_ban_hanh_guess && !validIso(gIso)) { truthDate = undefined; note = `guess ${r.ngay_ban_hanh_guess} is not a valid date (the text says so too)`; guessDateWrong++; }
    else if (gIso && !h.issuedAt && numYear && gIso.slice(0, 4) !== numYear) {
      // no date cell in the text (header lost): a guess from another year is a cited document's date
      truthDate = h.issuedAt?.slice(0, 4) === numYear ? h.issuedAt : undefined; guessDateWrong++;
      const gl = dateLines(text, gIso);
      note = `guess year ≠ year of the number ${truthNum}${gl.length ? `; guess written at "${gl[0].trim().slice(0, 80)}"` : ''}`;
    } else if (gIso && gIso !== h.issuedAt) {
      const gl = dateLines(text, gIso);
      if (gl.length === 0 || citedOnly(gl)) { truthDate = h.issuedAt; guessDateWrong++; note = gl.length ? `guess is a cited document's date: "${gl[0].trim().slice(0, 90)}"` : 'guess date not written in the text'; }
      else note = `guess written at: "${gl[0].trim().slice(0, 90)}"`;
    } else if (!gIso && h.issuedAt) { truthDate = h.issuedAt; note = 'no guess; parsed from ' + h.dateSource; }
    const dateOk = (truthDate ?? null) === (h.issuedAt ?? null);
    if (dateOk) c['date = judged truth']++; else rows.push({ id: r.id, what: 'date', parsed: h.issuedAt, truth: truthDate, note: note || `guess ${r.ngay_ban_hanh_guess}` });
    if (gIso === h.issuedAt) c['date = ngay_ban_hanh_guess']++;
    if (numOk && dateOk) c['number and date both right']++;
    if (h.issuer) c['issuer found (not checked against truth)']++;
    if (h.signer) c['signer found (not checked against truth)']++;
    const gk = (r.loai_van_ban_guess ?? '').toLowerCase();
    if (h.kind === gk) c['kind = loai_van_ban_guess']++; else rows.push({ id: r.id, what: 'kind', parsed: h.kind, truth: gk, note: `kind from ${h.kindSource}` });
  }
  report('vbpl-central, Vietnamese full text', rows, recs.length, c);
  console.log(`  (title number ≠ so_ky_hieu_guess on ${titleVsGuess} records; ngay_ban_hanh_guess judged wrong on ${guessDateWrong})`);

  // throughput: the whole parseDocument (clean → header → structure → passages → refs), then without refs, then clean alone
  const chars = recs.reduce((a, r) => a + r.text.length, 0);
  const time = (f: () => number): [number, number] => { const t0 = performance.now(); const n = f(); return [performance.now() - t0, n]; };
  const [msAll, passages] = time(() => { let p = 0; for (const r of recs) p += parseDocument({ text: r.text, format: 'jsonl', id: r.id }, { refs: withRefs }).passages.length; return p; });
  const [msNoRefs] = time(() => { for (const r of recs) parseDocument({ text: r.text, format: 'jsonl', id: r.id }, { refs: false }); return 0; });
  const [msClean] = time(() => { for (const r of recs) clean(r.text); return 0; });
  const rate = (ms: number) => `${(recs.length / (ms / 1000)).toFixed(1)} docs/s`;
  console.log(`\n== throughput on vbpl-central: ${recs.length} docs, ${(chars / 1e6).toFixed(1)} M chars, ${passages} passages`);
  console.log(`  parseDocument${withRefs ? ' (with reference tagging)' : ''}: ${(msAll / 1000).toFixed(2)} s → ${rate(msAll)}, ${(passages / (msAll / 1000)).toFixed(0)} passages/s`);
  console.log(`  parseDocument without refs: ${(msNoRefs / 1000).toFixed(2)} s → ${rate(msNoRefs)}; of which clean() alone ${(msClean / 1000).toFixed(2)} s, header+structure+passages ≈ ${((msNoRefs - msClean) / 1000).toFixed(2)} s`);
}

{
  const recs = readJsonl(path.join(shared, 'corpus/congbao-8chude/docs.jsonl.gz')).filter((r) => r.text && r.text.trim().length > 200);
  const rows: Row[] = [];
  const c = { 'number = slug number': 0, 'number = so_ky_hieu_guess': 0, 'year = nam (nam known)': 0, 'kind = loai (mapped)': 0 };
  let namKnown = 0, kindKnown = 0;
  for (const r of recs) {
    const text = normalize(clean(r.text).text);
    const h = parseHeader(text);
    const sm = /-so-(.+)-\d+$/.exec(r.slug ?? '');
    const slugKey = sm ? sm[1].replace(/^0+(?=\d)/, '').replace(/[^a-z0-9]/g, '') : '';
    if (slugKey && key(h.number) === slugKey) c['number = slug number']++;
    else rows.push({ id: r.id, what: 'number', parsed: h.number, truth: sm?.[1], note: key(text).includes(slugKey) ? `guess ${JSON.stringify(r.so_ky_hieu_guess)}` : 'slug number not in the text' });
    if (key(h.number) === key(r.so_ky_hieu_guess)) c['number = so_ky_hieu_guess']++;
    // `nam` is sometimes a slug number (6616), not a year; on consolidated texts (VBHN) it is the slug number or the
    // original law's year, not the consolidation's: those records are left out of the year check.
    if (r.nam >= 1945 && r.nam <= 2100 && !/^van-ban-hop-nhat/.test(r.slug ?? '')) {
      namKnown++;
      if (h.issuedAt?.slice(0, 4) === String(r.nam)) c['year = nam (nam known)']++;
      else rows.push({ id: r.id, what: 'year', parsed: h.issuedAt, truth: String(r.nam), note: `date from ${h.dateSource}` });
    }
    const lk = KIND_MAP[(r.loai ?? '').toLowerCase()];
    if (lk) {
      kindKnown++;
      if (h.kind === lk) c['kind = loai (mapped)']++; else rows.push({ id: r.id, what: 'kind', parsed: h.kind, truth: lk, note: `kind from ${h.kindSource}` });
    }
  }
  report('congbao-8chude (texts > 200 chars)', rows, recs.length, c);
  console.log(`  year on the records whose nam is a year: ${pct(c['year = nam (nam known)'], namKnown)}; kind on the records whose loai maps to a model kind: ${pct(c['kind = loai (mapped)'], kindKnown)}`);
}

{
  // pdf-samples/reference-text: the source repo's own text of 24 Công báo PDFs; truth = the number in the file's slug
  const dir = path.join(shared, 'corpus/pdf-samples/reference-text');
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.txt')) : [];
  let ok = 0, n = 0;
  const misses: string[] = [];
  for (const f of files) {
    const sm = /-so-(.+)-\d+\.txt$/.exec(f);
    if (!sm) continue;
    n++;
    const h = parseHeader(normalize(clean(readFileSync(path.join(dir, f), 'utf8')).text));
    if (key(h.number) === sm[1].replace(/^0+(?=\d)/, '').replace(/[^a-z0-9]/g, '')) ok++; else misses.push(`${f}: parsed ${JSON.stringify(h.number)} / slug ${sm[1]}`);
  }
  console.log(`\n== pdf-samples reference texts (${n} files)\n  number = slug number                         ${pct(ok, n)}`);
  for (const m of misses.slice(0, SHOW)) console.log(`     ${m}`);
}
