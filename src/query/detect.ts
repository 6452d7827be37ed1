/**
 * Reference detection by evidence (pure): is the query, or a part of it, a document reference?
 *
 * A query names a document only when it carries evidence of it, never because of its shape alone:
 *   1. a number with a document-number shape: "71/2020", "71/2020/NĐ-CP", "3414/BGDĐT-GDTrH", "72-QĐ/TW"
 *      (not a date "04/9/2020", not a school year "2021-2022");
 *   2. a kind word or abbreviation right before a number: "nd 71", "thông tư 29/2023", "cv 3414",
 *      "nghị định 71 năm 2020", "tt 26 2020 bgd" (a bare year after a kind word is a topic: "kế hoạch 2022");
 *   3. a law by its name: "Luật Giáo dục 2019", "luật giáo dục", "Bộ luật Lao động", "hiến pháp".
 * Everything else is topic words: "tuyển sinh lớp 10", "chương trình giáo dục phổ thông 2018", "năm 2018",
 * "2021-2022", "Điều 5", "khoản 2".
 *
 * detectReference('nghị định 71/2020 nâng chuẩn giáo viên')
 *   → {parsed: {kind: 'nghị định', number: '71', year: 2020, …}, text: 'nghị định 71/2020', rest: 'nâng chuẩn giáo viên', evidence: 'kind-number'}
 * detectReference('tuyển sinh lớp 10') → null
 */
import { KINDS } from '../kinds/kinds.js';
import { codeKey, ISSUER_CODES, KIND_WORDS, lawByName, parsePartialReference, TYPE_CODES, type PartialReference } from '../refs/index.js';
import { fold } from '../text/fold.js';
import { normalize } from '../text/normalize.js';

export type ReferenceEvidence = 'number-shape' | 'kind-number' | 'law-name';

export interface DetectedReference {
  /** What the reference part was understood as (refs/query.ts). */
  parsed: PartialReference;
  /** The part of the query that names the document, as typed (normalized). */
  text: string;
  start: number;
  end: number;
  /** The other words of the query (topic words searched as text); '' when the query is only the reference. */
  rest: string;
  evidence: ReferenceEvidence;
  /** The whole query with a glued kind abbreviation split from its number ("tt06/2026" → "tt 06/2026"), when one was. */
  split?: string;
}

interface Tok { t: string; start: number; end: number }

/** Chunks of the folded query: words, numbers and number-like runs joined by / - . ("3414/bgddt-gdtrh"). */
const CHUNK_RE = /[a-z0-9&]+(?:[/.\-][a-z0-9&]+)*/g;

/** A year as written in numbers and queries. */
const isYear = (s: string) => /^(19|20)\d\d$/.test(s);

/**
 * Evidence 1: a document-number shape.
 * "71/2020", "71/2020/nd-cp", "248/2025/qh15" (number/year[/codes]); "3414/bgddt-gdtrh", "460/tb-sgddt" (number/codes);
 * "72-qd/tw" (Party: number-type/issuer). Not "04/9/2020" (a date), "2021-2022" (a school year), "1.2" (a heading).
 */
function numberShape(t: string): boolean {
  const m = /^(\d{1,5})\/(\d{4})(?:\/[a-z&][a-z0-9&\-.]*)?$/.exec(t);
  if (m) return isYear(m[2]);
  if (/^\d{1,5}\/[a-z&][a-z0-9&\-.]*$/.test(t)) return true;
  return /^\d{1,5}-[a-z&]+\/[a-z]+$/.test(t);
}

/** Kind words (folded, split in words, longest first) and abbreviations typed before a number (kinds/kinds.ts). */
const KIND_SEQS: string[][] = [...new Set([...KIND_WORDS.map((k) => k.words), ...KINDS.flatMap((k) => [...(k.abbrev ?? []), ...(k.refAbbrev ?? [])])])]
  .map((w) => w.split(' ')).sort((a, b) => b.length - a.length);

function kindBefore(toks: Tok[], i: number): number {
  for (const seq of KIND_SEQS) {
    const s = i - seq.length;
    if (s >= 0 && seq.every((w, k) => toks[s + k].t === w)) return s;
  }
  return -1;
}

const CODE_KEYS = new Set([...ISSUER_CODES.keys(), ...Object.keys(TYPE_CODES)]);
/** A type or issuer code typed after the number ("bgddt", "cp", "qh14"), or the start of a known issuer code ("bgd"). */
function codeToken(t: string): boolean {
  if (!/^[a-z&]+\d{0,2}$/.test(t)) return false;
  const k = codeKey(t);
  if (CODE_KEYS.has(k) || /^(ubtv)?qh\d+$/.test(k)) return true;
  if (k.length < 3) return false;
  for (const c of ISSUER_CODES.keys()) if (c.length > k.length && c.startsWith(k)) return true;
  return false;
}

/** One-word kind abbreviations that may be typed glued to the number ("tt06/2026", "nd71/2020", "cv3414"). */
const GLUED_KINDS = new Set(KINDS.flatMap((k) => [...(k.abbrev ?? []), ...(k.refAbbrev ?? [])]).filter((a) => /^[a-z]{2,4}$/.test(a)));

/** Small words around a reference that are not topic words ("số", "ngày", "của"). */
const GLUE = new Set(['so', 'ngay', 'cua', 've', 'theo', 'tai', 'nam', 'va', 'no']);

/** Law names: "luật …", "bộ luật …", "hiến pháp …", matched against the laws table (refs/tables.ts). */
function lawSpan(toks: Tok[], text: string): { s: number; e: number; parsed: PartialReference } | null {
  for (let i = 0; i < toks.length; i++) {
    const head = toks[i].t === 'luat' ? 1 : toks[i].t === 'bo' && toks[i + 1]?.t === 'luat' ? 2 : toks[i].t === 'hien' && toks[i + 1]?.t === 'phap' ? 2 : 0;
    if (!head) continue;
    for (let j = Math.min(toks.length, i + 12); j >= i + (toks[i].t === 'hien' ? head : head + 1); j--) {
      const law = lawByName(text.slice(toks[i].start, toks[j - 1].end));
      if (!law) continue;
      const parsed: PartialReference = { kind: law.kind, year: law.year, canonical: law.canonical, canonicalPrefix: law.canonical };
      if (law.number) parsed.number = law.number;
      return { s: i, e: j, parsed };
    }
  }
  return null;
}

export function detectReference(query: string): DetectedReference | null {
  if (typeof query !== 'string' || !query.trim() || query.length > 500) return null;
  const text = normalize(query);
  const folded = fold(text).toLowerCase();
  const toks: Tok[] = [];
  const splits: number[] = [];
  for (const m of folded.matchAll(CHUNK_RE)) {
    // a trailing "." or "-" is punctuation, not part of the number
    const t = m[0].replace(/[.\-]+$/, '');
    // a kind abbreviation glued to its number ("tt06/2026", "nd71", "cv3414"): two tokens
    const glued = /^([a-z]{2,4})(\d{1,5}(?:[/.\-].*)?)$/.exec(t);
    if (glued && GLUED_KINDS.has(glued[1])) {
      splits.push(m.index! + glued[1].length);
      toks.push({ t: glued[1], start: m.index!, end: m.index! + glued[1].length });
      toks.push({ t: glued[2], start: m.index! + glued[1].length, end: m.index! + t.length });
    } else toks.push({ t, start: m.index!, end: m.index! + t.length });
  }
  let span: { s: number; e: number; evidence: ReferenceEvidence; parsed?: PartialReference } | null = null;
  for (let i = 0; i < toks.length && !span; i++) {
    const t = toks[i].t;
    const shaped = numberShape(t);
    let s = -1;
    if (shaped || /^\d{1,5}$/.test(t)) {
      const k = kindBefore(toks, i) >= 0 ? kindBefore(toks, i) : toks[i - 1]?.t === 'so' ? kindBefore(toks, i - 1) : -1;
      if (k >= 0) s = k;
      else if (shaped) s = i;
      // a bare year after a kind word is a topic ("kế hoạch 2022"), unless more of a number follows
      if (!shaped && isYear(t) && !/^\d/.test(toks[i + 1]?.t ?? '') && !codeToken(toks[i + 1]?.t ?? '')) s = -1;
    }
    if (s < 0) continue;
    // a law named right before its number ("Bộ luật Lao động 45/2019/QH14") belongs to the reference
    const law = lawSpan(toks.slice(0, s), text);
    if (law && law.e === s) s = law.s;
    let e = i + 1;
    // forward: "năm 2020", a year, type/issuer codes, "ngày 04/9/2020"
    for (;;) {
      const n = toks[e]?.t;
      if (n === undefined) break;
      if (n === 'nam' && isYear(toks[e + 1]?.t ?? '')) { e += 2; continue; }
      if (isYear(n) && !shaped) { e++; continue; }
      if (codeToken(n)) { e++; continue; }
      if (n === 'ngay' && /^\d{1,2}[/.\-]\d{1,2}[/.\-]\d{4}$/.test(toks[e + 1]?.t ?? '')) { e += 2; continue; }
      break;
    }
    span = { s, e, evidence: s === i ? 'number-shape' : 'kind-number' };
  }
  if (!span) {
    const law = lawSpan(toks, text);
    if (law) span = { s: law.s, e: law.e, evidence: 'law-name', parsed: law.parsed };
  }
  if (!span) return null;
  const start = toks[span.s].start;
  const end = toks[span.e - 1].end;
  const refText = text.slice(start, end);
  // parsed with a space where a glued abbreviation was split ("tt06/2026" → "tt 06/2026")
  const parsed = span.parsed ?? parsePartialReference(withSpaces(refText, splits, start));
  if (!parsed || !(parsed.number || parsed.canonical)) return null;
  const restToks = toks.filter((_, k) => k < span!.s || k >= span!.e);
  const rest = restToks.every((x) => GLUE.has(x.t)) ? '' : `${text.slice(0, start)} ${text.slice(end)}`.replace(/\s+/g, ' ').trim();
  const out: DetectedReference = { parsed, text: refText, start, end, rest, evidence: span.evidence };
  if (splits.length) out.split = withSpaces(text, splits);
  return out;
}

/** `s` (the text from offset `from` on) with a space inserted at each of these offsets that falls inside it. */
function withSpaces(s: string, at: number[], from = 0): string {
  return at.filter((x) => x > from && x < from + s.length).reduceRight((q, x) => `${q.slice(0, x - from)} ${q.slice(x - from)}`, s);
}
