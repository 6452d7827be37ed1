/**
 * Stage 1 (find): spans of citations in the cleaned text, with the written pieces of each number.
 * What each span means (kind, canonical id, date, relation, pinpoint) is stage 2 (resolve.ts).
 *
 * Offsets here are into the CLEANED text (clean.ts); resolve maps them back to the input.
 */
import { fold } from '../text/fold.js';
import {
  ADMIN, BO_BEFORE, CANDIDATE, FILE_FORM, SHORT_FORM, HEADER_SO, kindBefore, LAW_BY_NAME_KEY, LAW_KEYWORD, LAW_KEYWORD_PL, LAW_NAME_MAX_WORDS, LAW_NAME_PREFIXES, LAW_PREFIX, LAW_WORD, LAW_YEAR, lawKey, OLD_DECREE, PARTY, QPPL, SO_BEFORE, SPLIT_SEGS,
} from './patterns.js';
import { codeKey, isKnownCode, ISSUER_CODES, TYPE_CODES } from './tables.js';
import { LAWS } from './laws.js';

export type Shape = 'qppl' | 'qh' | 'party' | 'old-decree' | 'admin-typed' | 'letter' | 'consolidated' | 'law-by-name' | 'short';

/** One code segment as written in the cleaned text. */
export interface Seg { text: string; start: number; end: number; strong: boolean }

export interface FoundSpan {
  shape: Shape;
  /** span of the number itself (cleaned text) */
  numStart: number;
  numEnd: number;
  num: string;
  year?: number;
  /** written type code ("TT", "QĐ", "nđ") or undefined */
  type?: Seg;
  /** written issuer / unit codes */
  issuers: Seg[];
  /** separator written between num and code for old decrees ("-" or "/") */
  sep?: string;
  /** short form ("Thông tư 22", "Nghị định 160/2006"): where the kind word starts and the kind word (folded) */
  short?: { kindStart: number; kindWord: string };
  /** law by name: the prefix (folded), the name's key in LAW_BY_NAME_KEY (none for the Constitution), the year written after it */
  law?: { prefix: string; name?: string; year?: number };
}

const WINDOW = 110;
/** "mẫu số", "biểu mẫu" before a number: a form template's code */
const FORM_BEFORE = /(?<![a-z])mau[ \t]*(?:so)?[ \t]*:?[ \t]*$/;
const LETTER = /\p{L}/u;
const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;
/** characters a code can contain in the cleaned text */
const CODE_CHAR = /[A-Za-z0-9&ĐđƯư]/;
/** Vietnamese onsets, longest first, to find where a glued syllable starts ("QH14ngày" → "ngày") */
const ONSETS = ['ngh', 'ng', 'nh', 'ch', 'kh', 'ph', 'th', 'tr', 'gi', 'qu', 'gh', 'b', 'c', 'd', 'đ', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'x'];
const GLUE_FOLDED = ['ngay', 'cong', 'cua', 've', 'nam', 'thang', 'quy', 'huong'];

/**
 * How many characters of a written segment form a code. 0 = not a code.
 * "QH14ngày" → 4, "SGDĐTCỘNG" → 5, "TTg" → 3, "GDTrH" → 5, "Ngày" → 1, "btttt" (lower-cased text) → 5 (weak).
 */
export function codeLength(seg: string): { len: number; strong: boolean } {
  let s = seg;
  // 1. a glued Vietnamese syllable: cut at the onset before the first diacritic vowel
  for (let i = 0; i < s.length; i++) {
    if (!CODE_CHAR.test(s[i])) {
      let k = i;
      const before = s.slice(0, i).toLowerCase();
      for (const on of ONSETS) {
        if (before.endsWith(on)) { k = i - on.length; break; }
      }
      s = s.slice(0, k);
      break;
    }
  }
  if (!s) return { len: 0, strong: false };
  const key = codeKey(s);
  if (isKnownCode(key)) return { len: s.length, strong: true };
  if (UPPER.test(s)) {
    // 2. upper-case code with single lower-case letters inside ("GDTrH", "QyĐ") or at the end if known ("TTg")
    let i = 0;
    while (i < s.length) {
      const c = s[i];
      if (!LOWER.test(c)) { i++; continue; }
      const next = s[i + 1];
      if (next !== undefined && !LOWER.test(next)) { i++; continue; }
      if (next === undefined && i > 0) { i++; continue; }
      // a lower-case run: keep one letter if that makes a known code ("TTgngay" → "TTg")
      if (i > 0 && isKnownCode(codeKey(s.slice(0, i + 1)))) i++;
      break;
    }
    if (i === 0) return { len: 0, strong: false };
    const head = s.slice(0, i);
    if (!UPPER.test(head[0]) && !/\d/.test(head[0])) return { len: 0, strong: false };
    return { len: i, strong: i >= 2 || isKnownCode(codeKey(head)) };
  }
  // 3. lower-cased text: strip a glued word after a known code ("qh14ngay")
  for (const g of GLUE_FOLDED) {
    if (key.length > g.length && key.endsWith(g) && isKnownCode(key.slice(0, -g.length))) {
      return { len: s.length - g.length, strong: true };
    }
  }
  return { len: s.length, strong: false };
}

interface SplitResult { segs: Seg[]; end: number }

/** Split a matched code (folded, at offset `base` of the cleaned text) into validated segments. */
function splitCode(code: string, base: number, clean: string, maxSegs = 10): SplitResult {
  const segs: Seg[] = [];
  SPLIT_SEGS.lastIndex = 0;
  let m: RegExpExecArray | null;
  let end = base;
  while ((m = SPLIT_SEGS.exec(code)) !== null && segs.length < maxSegs) {
    if (m.index === SPLIT_SEGS.lastIndex) SPLIT_SEGS.lastIndex++;
    const segFold = m.groups!.seg;
    const segStart = base + m.index + (m.groups!.sep?.length ?? 0);
    let written = clean.slice(segStart, segStart + segFold.length);
    const sep = m.groups!.sep ?? '';
    let cutAtSpace = false;
    if (/\n[ \t]*[/\-_\u2013]/.test(sep) && !(segs.length === 1 && codeKey(segs[0].text) in TYPE_CODES)) break;
    if (segs.length > 0 && /\s/.test(sep) && !isKnownCode(codeKey(written.split(' ')[0])) && !/^[A-ZĐ]{2,}/.test(written)) break; // "BTNMT - Quyết": a spaced dash before a non-code
    if (written.includes(' ')) {
      // "BGD ĐT": one code split by a stray space, only if the joined code is a known issuer
      if (!ISSUER_CODES.has(codeKey(written))) {
        const [a, b] = written.split(' ');
        // "TT BTC": a type code and an issuer separated by a space instead of "-"
        if (segs.length === 0 && codeKey(a) in TYPE_CODES && ISSUER_CODES.has(codeKey(b)) && maxSegs > 1) {
          segs.push({ text: a, start: segStart, end: segStart + a.length, strong: true });
          const bs = segStart + a.length + 1;
          segs.push({ text: b, start: bs, end: bs + b.length, strong: true });
          end = bs + b.length;
          break;
        }
        written = a;
        cutAtSpace = true;
      }
    }
    const { len, strong } = written.includes(' ') ? { len: written.length, strong: true } : codeLength(written);
    if (len === 0) break;
    segs.push({ text: written.slice(0, len), start: segStart, end: segStart + len, strong });
    end = segStart + len;
    if (len < written.length || cutAtSpace) break;
  }
  return { segs, end };
}

function isLetterSeg(s: Seg): boolean { return /[A-Za-zĐđ]/.test(s.text); }

/** Is the text right before a number a glued kind word or "số" (so the number may follow a letter: "Côngvăn3414", "số25")? */
function gluedPrefixOk(before: string, orig: string): boolean {
  return kindBefore(before, orig) !== null || SO_BEFORE.test(before);
}

const squash = (s: string) => s.toLowerCase().replace(/[\s,]+/g, ' ').trim();
/** folded law name as written ("luat giao duc") → its spellings with diacritics ("luật giáo dục") */
const LAW_WRITTEN = new Map<string, string[]>();
const addWritten = (written: string) => {
  const key = fold(written);
  LAW_WRITTEN.set(key, [...(LAW_WRITTEN.get(key) ?? []), written]);
};
for (const l of LAWS) {
  for (const n of l.names) {
    addWritten(squash(`${l.prefix} ${n}`));
    // "Luật X" for a code and "Bộ luật X" for a law are both written in practice
    if (l.prefix === 'luật' || l.prefix === 'bộ luật') addWritten(squash(`${l.prefix === 'luật' ? 'bộ luật' : 'luật'} ${n}`));
  }
}

/** A law name as written agrees with the table: same letters once folded, and the same diacritics unless the text has none. */
function accentsAgree(written: string): boolean {
  const w = squash(written);
  const f = fold(w);
  if (f === w) return true; // written without diacritics: nothing to compare
  return (LAW_WRITTEN.get(f) ?? []).includes(w);
}

/** Find citation numbers and laws cited by name. */
export function findSpans(clean: string, folded: string = fold(clean)): FoundSpan[] {
  const out: FoundSpan[] = [];
  let lastEnd = -1;
  CANDIDATE.lastIndex = 0;
  let c: RegExpExecArray | null;
  while ((c = CANDIDATE.exec(folded)) !== null) {
    const p = c.index;
    if (p < lastEnd) continue;
    const prev = p > 0 ? clean[p - 1] : '';
    if (prev === '/') continue; // "…/2025/NĐ-CP" (a blank to fill in) or the middle of a number
    if (prev && /[\-_\u2013&.,]/.test(prev) && p > 1 && /[\p{L}\d]/u.test(clean[p - 2])) continue; // inside a code or a number
    if (FORM_BEFORE.test(folded.slice(Math.max(0, p - 16), p))) continue; // "Mẫu số 01-TTTK/KBNN" is a form, not a document
    if (prev && LETTER.test(prev)) {
      const before = folded.slice(Math.max(0, p - 40), p);
      if (!gluedPrefixOk(before, clean.slice(Math.max(0, p - 40), p))) continue;
    }
    const span = matchAt(clean, folded, p);
    if (span) {
      out.push(span);
      lastEnd = span.numEnd;
      CANDIDATE.lastIndex = Math.max(CANDIDATE.lastIndex, span.numEnd);
    }
  }
  // laws by name: keyword, then the longest run of following words that names a law in the table
  const keywords: number[] = [];
  for (const re of [LAW_KEYWORD, LAW_KEYWORD_PL]) {
    re.lastIndex = 0;
    let k: RegExpExecArray | null;
    while ((k = re.exec(folded)) !== null) {
      let p = k.index;
      if (re === LAW_KEYWORD && p > 0 && BO_BEFORE.test(folded.slice(Math.max(0, p - 6), p))) p = folded.lastIndexOf('bo', p - 1);
      keywords.push(p);
    }
  }
  keywords.sort((a, b) => a - b);
  let lawEnd = -1;
  for (const p of keywords) {
    if (p < lawEnd) continue;
    if (/(?<![a-z])phap[ \t]*$/.test(folded.slice(Math.max(0, p - 8), p))) continue; // "pháp luật giá cả": law in general
    LAW_PREFIX.lastIndex = p;
    const pm = LAW_PREFIX.exec(folded);
    if (!pm) continue;
    const prefix = pm.groups!.prefix.replace(/[ \t]+/g, ' ').replace('boluat', 'bo luat').replace('hienphap', 'hien phap').replace('phaplenh', 'phap lenh');
    let pos = LAW_PREFIX.lastIndex;
    const words: string[] = [];
    let name: string | undefined;
    let nameEnd = pos;
    for (let n = 0; n < LAW_NAME_MAX_WORDS; n++) {
      LAW_WORD.lastIndex = pos;
      const wm = LAW_WORD.exec(folded);
      if (!wm) break;
      words.push(wm.groups!.word);
      pos = LAW_WORD.lastIndex;
      const key = lawKey(prefix, words.join(' '));
      if (!LAW_NAME_PREFIXES.has(key)) break;
      if (LAW_BY_NAME_KEY.has(key)) { name = key; nameEnd = pos; }
    }
    const isConstitution = prefix === 'hien phap';
    if (!name && !isConstitution) continue;
    if (name && isConstitution) { name = undefined; nameEnd = LAW_PREFIX.lastIndex; }
    // with diacritics in the text, they must be the law's own: "Luật Dược" yes, "luật được" no
    if (!accentsAgree(clean.slice(p, nameEnd))) continue;
    LAW_YEAR.lastIndex = nameEnd;
    const ym = LAW_YEAR.exec(folded);
    const end = ym ? LAW_YEAR.lastIndex : nameEnd;
    out.push({
      shape: 'law-by-name', numStart: p, numEnd: end, num: '', issuers: [],
      law: { prefix, name, year: ym ? Number(ym.groups!.year ?? ym.groups!.pyear) : undefined },
    });
    lawEnd = end;
  }
  // short forms the context completes: "Thông tư 22", "Nghị định 160/2006", "Nghị quyết 30a"
  {
    const taken = out.filter((o) => o.shape !== 'law-by-name').map((o) => [o.numStart, o.numEnd] as const);
    SHORT_FORM.lastIndex = 0;
    let sm: RegExpExecArray | null;
    while ((sm = SHORT_FORM.exec(folded)) !== null) {
      const g = sm.groups!;
      const numEnd = sm.index + sm[0].length;
      const idx = (sm as RegExpExecArray & { indices: { groups: Record<string, [number, number]> } }).indices.groups;
      const numStart = idx.num[0];
      if (taken.some(([a, b]) => numStart < b && numEnd > a)) continue;
      const year = g.year ?? g.year2;
      out.push({
        shape: 'short', numStart, numEnd, num: g.num, year: year ? Number(year) : undefined, issuers: [],
        short: { kindStart: idx.kind[0], kindWord: g.kind.replace(/[ \t]+/g, ' ') },
      });
    }
  }
  return out;
}

/** "NĐCP", "QĐTTg", "TTBGDĐT": a type code glued to a known issuer code → the two segments. */
function splitGlued(seg: Seg): Seg[] | null {
  const k = codeKey(seg.text);
  if (k in TYPE_CODES || isKnownCode(k)) return null;
  for (const t of GLUED_TYPES) {
    if (k.length > t.length && k.startsWith(t) && ISSUER_CODES.has(k.slice(t.length))) {
      const cut = seg.start + t.length;
      return [{ text: seg.text.slice(0, t.length), start: seg.start, end: cut, strong: true }, { text: seg.text.slice(t.length), start: cut, end: seg.end, strong: true }];
    }
  }
  return null;
}
const GLUED_TYPES = ['nd', 'tt', 'ttlt', 'qd', 'nq', 'ct'].sort((a, b) => b.length - a.length);

/** Try the number grammars at one candidate position. */
function matchAt(clean: string, folded: string, p: number): FoundSpan | null {
  const w = folded.slice(p, p + WINDOW);
  // N_YYYY_TYPE_ISSUER / N.YYYY.TYPE.ISSUER (file names)
  FILE_FORM.lastIndex = 0;
  let m = FILE_FORM.exec(w);
  if (m) {
    const g = m.groups!;
    const at = (off: number, len: number): Seg => ({ text: clean.slice(p + off, p + off + len), start: p + off, end: p + off + len, strong: true });
    const typeOff = g.num.length + 1 + 4 + 1;
    const parts = g.issuers.split(g.sep).slice(1);
    const known = parts.findIndex((x) => !isKnownCode(x)); // ".doc", "_signed" after the code are not part of it
    const kept = known === -1 ? parts : parts.slice(0, known);
    if (g.type in TYPE_CODES && kept.length) {
      const issuers: Seg[] = [];
      let off = typeOff + g.type.length + 1;
      for (const x of kept) { issuers.push(at(off, x.length)); off += x.length + 1; }
      return { shape: 'qppl', numStart: p, numEnd: issuers[issuers.length - 1].end, num: g.num, year: Number(g.year), type: at(typeOff, g.type.length), issuers };
    }
  }
  // N/YYYY/CODE
  QPPL.lastIndex = 0;
  m = QPPL.exec(w);
  if (m) {
    const g = m.groups!;
    const codeOff = m[0].length - g.code.length;
    const split = splitCode(g.code, p + codeOff, clean);
    const glued = split.segs.length === 1 ? splitGlued(split.segs[0]) : null;
    const segs = glued ?? split.segs;
    const end = split.end;
    if (segs.length && isLetterSeg(segs[0])) {
      const k0 = codeKey(segs[0].text);
      const num = g.num;
      const year = Number(g.year);
      if (/^(?:ubtv)?qh\d{1,3}$|^hdnn\d{1,2}$/.test(k0)) {
        return { shape: 'qh', numStart: p, numEnd: segs[0].end, num, year, issuers: [segs[0]] };
      }
      const upperType = segs[0].strong && /^[A-ZĐ]/.test(segs[0].text) && !ISSUER_CODES.has(k0) && segs.length >= 2;
      if (k0 in TYPE_CODES || upperType) {
        const issuers = segs.slice(1).filter((s) => isLetterSeg(s));
        const cut = issuers.length < segs.length - 1 ? segs[issuers.length].end : end;
        return { shape: 'qppl', numStart: p, numEnd: cut, num, year, type: segs[0], issuers };
      }
    }
  }
  // N-TYPE/ISSUER (Party, and pre-1996 forms like 82-TC/TCT)
  PARTY.lastIndex = 0;
  m = PARTY.exec(w);
  if (m) {
    const g = m.groups!;
    const dashLen = /^[ \t]{0,2}[-\u2013][ \t]{0,2}/.exec(w.slice(g.num.length))![0].length;
    const typeStart = p + g.num.length + dashLen;
    const typeWritten = clean.slice(typeStart, typeStart + g.type.length);
    const tl = codeLength(typeWritten);
    const typeOk = g.type in TYPE_CODES || kindBefore(folded.slice(Math.max(0, p - 40), p), clean.slice(Math.max(0, p - 40), p)) !== null;
    if (tl.len === typeWritten.length && tl.strong && typeOk) {
      const issOff = m[0].length - g.issuers.length;
      const { segs, end } = splitCode(g.issuers, p + issOff, clean);
      if (segs.length && isLetterSeg(segs[0]) && (segs[0].strong || isKnownCode(codeKey(segs[0].text)))) {
        return {
          shape: 'party', numStart: p, numEnd: end, num: g.num,
          type: { text: typeWritten, start: typeStart, end: typeStart + typeWritten.length, strong: true }, issuers: segs,
        };
      }
    }
  }
  // N-CP / N/CP
  OLD_DECREE.lastIndex = 0;
  m = OLD_DECREE.exec(w);
  if (m) {
    const s = p + m[0].length - 2;
    const written = clean.slice(s, s + 2);
    if (written === 'CP' || !UPPER.test(written)) {
      return {
        shape: 'old-decree', numStart: p, numEnd: s + 2, num: m.groups!.num, sep: w.slice(m.groups!.num.length, m[0].length - 2).trim() || '-',
        issuers: [{ text: written, start: s, end: s + 2, strong: true }],
      };
    }
  }
  // N/CODE(-CODE)*
  ADMIN.lastIndex = 0;
  m = ADMIN.exec(w);
  if (m) {
    const g = m.groups!;
    const codeOff = m[0].length - g.code.length;
    const { segs, end } = splitCode(g.code, p + codeOff, clean);
    if (!segs.length || !isLetterSeg(segs[0]) || segs[0].text.length < 2) return null;
    const k0 = codeKey(segs[0].text);
    // an unknown lower-case first code ("81/gp-ubnd" in lower-cased text) only before a known issuer, after "số" or a kind word
    if (!segs[0].strong && !isKnownCode(k0) && !(segs.length >= 2 && ISSUER_CODES.has(codeKey(segs[1].text))
      && (SO_BEFORE.test(folded.slice(Math.max(0, p - 12), p)) || kindBefore(folded.slice(Math.max(0, p - 40), p), clean.slice(Math.max(0, p - 40), p))))) return null;
    // stop at the first digits-only segment ("3414/BGDĐT-GDTrH-2020" keeps the code)
    let n = segs.findIndex((s) => !isLetterSeg(s));
    if (n === -1) n = segs.length;
    const kept = segs.slice(0, n);
    // weak (lower-case, unknown) segments after the first are kept only after a known first code
    const numEnd = n < segs.length ? kept[kept.length - 1].end : end;
    if (k0 === 'vbhn') {
      if (kept.length < 2) return null;
      return { shape: 'consolidated', numStart: p, numEnd, num: g.num, type: kept[0], issuers: kept.slice(1) };
    }
    if (k0 in TYPE_CODES && kept.length >= 2) {
      return { shape: 'admin-typed', numStart: p, numEnd, num: g.num, type: kept[0], issuers: kept.slice(1) };
    }
    if (kept.length >= 2 || ISSUER_CODES.has(k0)) {
      if (kept.length === 1 || !ISSUER_CODES.has(k0)) {
        // "số 123/UBND", "Công văn 22/TP-TTTM": a lone or unknown issuer code only with a kind word or "số" before it
        // ("phòng 3/TN-MT" is not a citation)
        const before = folded.slice(Math.max(0, p - 40), p);
        if (!kindBefore(before, clean.slice(Math.max(0, p - 40), p)) && !SO_BEFORE.test(before) && !HEADER_SO.test(clean.slice(Math.max(0, p - 12), p))) return null;
      }
      if (k0 in TYPE_CODES && kept.length === 1) return null;
      return { shape: 'letter', numStart: p, numEnd, num: g.num, issuers: kept };
    }
  }
  return null;
}
