/**
 * The reference grammar, composed from small named pieces. Every piece matches FOLDED text
 * (lower case, no diacritics, đ→d: "Nghị định số 71/2020/NĐ-CP" → "nghi dinh so 71/2020/nd-cp"),
 * so case and diacritics never matter to matching; the resolver looks at the unfolded text for case.
 *
 * No piece can backtrack catastrophically: separators and code characters are disjoint classes,
 * every repetition is bounded, and the detailed patterns run sticky at candidate positions inside a window.
 */
import { fold } from '../text/fold.js';
import { KIND_WORDS, RELATION_CUES } from './tables.js';
import { LAWS, type LawEntry } from './laws.js';

const src = (r: RegExp) => r.source;
/** syllables separated by any (or no) spacing: "cong van" matches "công văn", "côngvăn", "công  văn" */
const spaced = (words: string) => words.split(' ').map(escape).join('[ \\t]*');
function escape(s: string): string { return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); }

// ── Pieces of a số ký hiệu ───────────────────────────────────────────────────────────────────────
/** NUM — the running number: "71" in 71/2020/NĐ-CP, "3414" in 3414/BGDĐT-GDTrH */
export const NUM = /(?<num>\d{1,5}[a-z]?)/;
/**
 * SEP — a separator with at most two stray spaces either side, or a PDF line break next to it: "/" , "/ " in "56/ 2015",
 * " - " in "NĐ - CP", "_" in "NĐ_CP", "-\n" in "TT-\nBLĐTBXH", "\n-" in "QĐ\n-TTg" (find.ts accepts a break before the
 * separator only right after a type code, so a list bullet "\n- " after a complete number is not swallowed)
 */
export const SEP = /(?:[ \t]{0,2}\r?\n)?[ \t]{0,2}[/\-_\u2013](?:[ \t]{0,2}\r?\n)?[ \t]{0,2}/;
/** SLASH — a slash separator: "/" in "72-QĐ/TW", "/ " in "56/ 2015/", "/ \n" at a PDF line end */
export const SLASH = /[ \t]{0,2}\/(?:[ \t]{0,2}\r?\n)?[ \t]{0,2}/;
/** DASH — a hyphen separator: "-" in "72-QĐ/TW", " - " in "21 - TC/TCT" */
export const DASH = /[ \t]{0,2}[-\u2013][ \t]{0,2}/;
/** YEAR — a four-digit year 1945–2099: "2020" in 71/2020/NĐ-CP */
export const YEAR = /(?<year>19[4-9]\d|20\d\d)/;
/** SEG — one code segment: "nd", "bgddt", "gd&dt", "qh14", "gdtrh&gdtx"; an optional second part after ONE space ("bgd dt"), checked later against the issuer table */
export const SEG = /[a-z0-9][a-z0-9&]{0,23}(?: [a-z][a-z&]{0,7})?/;
/** SEGS — segments joined by separators: "tt-bgddt", "ttlt-bgddt-btc-bldtbxh", "bgddt-gdtrh" */
export const SEGS = new RegExp(`${src(SEG)}(?:${src(SEP)}${src(SEG)}){0,9}`);

// ── Whole số ký hiệu (sticky, tried at a candidate number) ──────────────────────────────────────
/** QPPL — N/YYYY/CODE: "71/2020/nd-cp", "26/2020/tt-bgddt", "88/2019/qh14", "56/ 2015/ nd - cp", "09/2002/ttlt/btccbcp-bldtbxh" */
export const QPPL = new RegExp(`${src(NUM)}${src(SLASH)}${src(YEAR)}${src(SEP)}(?<code>${src(SEGS)})`, 'y');
/** PARTY — N-TYPE/ISSUER: "72-qd/tw", "10-ct/tu", "05-nq/tw", "82-tc/tct", "21-lct/hdnn8" */
export const PARTY = new RegExp(`${src(NUM)}${src(DASH)}(?<type>[a-z]{1,5})${src(SLASH)}(?<issuers>${src(SEGS)})`, 'y');
/** OLD_DECREE — N-CP / N/CP before 1996: "73-cp", "13/cp" */
export const OLD_DECREE = new RegExp(`${src(NUM)}(?:${src(SEP)})(?<issuers>cp)(?![a-z0-9&])`, 'y');
/** ADMIN — N/CODE(-CODE)*: "749/qd-ttg", "460/tb-sgddt", "3414/bgddt-gdtrh", "08/vbhn-bgddt", "1187/nq-ubtvqh14" */
export const ADMIN = new RegExp(`${src(NUM)}${src(SLASH)}(?<code>${src(SEGS)})`, 'y');
/** SPLIT_SEGS — splits a matched code into segments and separators: "tt-bgd dt" → [tt] [-] [bgd dt] */
export const SPLIT_SEGS = new RegExp(`(?<sep>${src(SEP)})?(?<seg>${src(SEG)})`, 'g');

/**
 * CANDIDATE — the cheap prefilter on the folded text: a number not preceded by a digit, followed by a
 * separator and (after an optional year) a letter. "26/2020/TT", "3414/BGDĐT", "72-QĐ/TW" are candidates;
 * "04/9/2020", "2020-2021", "7/10" are not.
 */
export const CANDIDATE = /(?<!\d)\d{1,5}(?:[a-z](?=[ \t]{0,2}\/[ \t]{0,2}\d{4}))?(?=[ \t]{0,2}[/\-_\u2013](?:[ \t]{0,2}\r?\n)?[ \t]{0,2}(?:\d{4}[ \t]{0,2}[/\-_\u2013](?:[ \t]{0,2}\r?\n)?[ \t]{0,2})?[a-z]|\.(?:19|20)\d\d\.[a-z])/g;
/**
 * FILE_FORM (sticky) — a number written as a file name, one separator ("_" or ".") throughout:
 * "111_2016_nd_cp", "24.2015.tt.nhnn", "09_2016_ttlt_bgddt_btc" (type and issuers checked against the tables in find.ts)
 */
export const FILE_FORM = /(?<num>\d{1,5})(?<sep>[._])(?<year>(?:19|20)\d\d)\k<sep>(?<type>[a-z]{1,5})(?<issuers>(?:\k<sep>[a-z][a-z0-9]{0,11}){1,4})(?![a-z0-9])/y;
/**
 * SHORT_FORM — a kind word and a bare number, the rest of the number left to the context: "thong tu 22",
 * "nghi dinh 160/2006", "nghi quyet so 30a", "thong tu so 24 nam 2015". Quyết định / chỉ thị / công văn only after "số"
 * ("công văn số 4612"). The scan is led by the digit, the kind word read by a look-behind (3x faster than a scan
 * led by the kind words, which are everywhere); the match starts at the number, the kind word's start is in `indices`.
 */
export const SHORT_FORM = /(?<num>\d(?<=(?<![a-z])(?<kind>nghi[ \t]*dinh|thong[ \t]*tu(?:[ \t]*lien[ \t]*tich)?|nghi[ \t]*quyet|(?:quyet[ \t]*dinh|chi[ \t]*thi|cong[ \t]*van)(?=[ \t]+so))[ \t]+(?:so[ \t]*:?[ \t]*)?\d)\d{0,4}[a-z]?)(?:[ \t]*\/[ \t]*(?<year>(?:19|20)\d\d)|[ \t]+nam[ \t]+(?<year2>(?:19|20)\d\d))?(?![\d/\-_&a-z]|\.\d|[ \t]*[/\-_][ \t]*[a-z\d])/gd;

// ── Words around a number ───────────────────────────────────────────────────────────────────────
/** SO — the word "số" / "No." / "number" before a number, with an optional colon: "số ", "so:", "no. " */
export const SO = /(?:so|no\.?|number)[ \t]*:?[ \t]*/;
/** SO_BEFORE — "số" alone right before the number: "số 25", "số25", "so: " */
export const SO_BEFORE = new RegExp(`(?<![a-z])${src(SO)}$`);
/** HEADER_SO — the document's own number line: "Số: 460/TB-SGDĐT", "Số:460", "Luật số: 41/2024/QH15", "\nSố 06/2026/TT-BTС" (checked on the unfolded text) */
export const HEADER_SO = /(?:(?:^|[^\p{L}]|\p{Lu})(?:Số|SỐ|số|So|SO)[ \t]*:|(?:^|\n)[ \t]*(?:Số|SỐ))[ \t]*$/u;
/** LIST_GAP — between two numbers sharing one kind word: ", ", " và ", "; ", " ngày 20/5/2020, " */
export const LIST_GAP = /^(?:[ \t]*(?:ngay|ban hanh ngay)[ \t]*[\d/.\-]{6,10}(?:[ \t]*cua[^;,\n]{0,40})?)?[ \t]*(?:,|;|va|hoac)[ \t]*(?:cac[ \t]+)?(?:so[ \t]*)?$/;

/**
 * DATE_AFTER — the issue date right after a citation: " ngày 04/9/2020", "ngay 14 thang 6 nam 2025",
 * ", ngày 8-8-1994", "ngày04/9/2020", " dated 14/6/2019"
 */
export const DATE_AFTER = new RegExp(
  '[ \\t\\r\\n]*,?[ \\t\\r\\n]*\\(?(?:ban hanh |ky )?(?:ngay|dated|of)[ \\t\\r\\n]*(?<d>\\d{1,2})[ \\t\\r\\n]*(?:[/.\\-][ \\t\\r\\n]*(?<m>\\d{1,2})[ \\t\\r\\n]*[/.\\-][ \\t\\r\\n]*(?<y>\\d{4})|thang[ \\t\\r\\n]*(?<m2>\\d{1,2})[ \\t\\r\\n]*,?[ \\t\\r\\n]*nam[ \\t\\r\\n]*(?<y2>\\d{4}))', 'y');

/**
 * PINPOINT_BEFORE — the provision written before a citation, anchored at the window end:
 * "điểm a khoản 2 Điều 5 " → diem a, khoan 2, dieu 5; "Phụ lục II ban hành kèm theo "; "Điều 1 "; "khoản 3 Điều 12 của "
 */
export const PINPOINT_BEFORE = new RegExp(
  '(?<![a-z])(?:diem[ \\t]+(?<diem>[a-z]\\d?)[ \\t]*,?[ \\t]*)?(?:khoan[ \\t]+(?<khoan>\\d{1,3}[a-z]?)[ \\t]*,?[ \\t]*)?'
  + '(?:dieu[ \\t]+(?<dieu>\\d{1,4}[a-z]?)[ \\t]*,?[ \\t]*)?(?:muc[ \\t]+(?<muc>[\\divxlc]{1,6})[ \\t]*,?[ \\t]*)?'
  + '(?:chuong[ \\t]+(?<chuong>[\\divxlc]{1,6})[ \\t]*,?[ \\t]*)?(?:phan[ \\t]+(?<phan>[\\divxlc]{1,6})[ \\t]*,?[ \\t]*)?'
  + '(?:phu[ \\t]*luc[ \\t]+(?<phuLuc>[\\divxlc]{1,6}[a-z]?)[ \\t]*,?[ \\t]*(?:(?:ban hanh[ \\t]+)?kem[ \\t]+theo[ \\t]+)?)?'
  + '(?:cua[ \\t]+|tai[ \\t]+)?$', 'd');

/** RELATION_CUE — any relation cue word: "can cu", "sua doi", "bai bo", "het hieu luc", "huong dan" */
export const RELATION_CUE = new RegExp(`(?<![a-z])(?<cue>${RELATION_CUES.map((c) => spaced(c.cue)).join('|')})`, 'g');

// ── Laws cited by name ──────────────────────────────────────────────────────────────────────────
/** A law name's lookup key (NFC input): folded, commas dropped, single spaces ("Cán bộ, công chức" → "can bo cong chuc"). */
export function lawNameKey(name: string): string {
  return fold(name).replace(/[\s,]+/g, ' ').trim();
}
/** The key of a name in LAW_BY_NAME_KEY: ordinances (Pháp lệnh) have their own names ("pl:ngoai hoi"). */
export const lawKey = (prefix: string, nameKey: string) => (prefix.startsWith('ph') ? `pl:${nameKey}` : nameKey);
/** Laws by name key, and the longest name in words (names are matched word by word against this table). */
export const LAW_BY_NAME_KEY = new Map<string, LawEntry>();
for (const l of LAWS) for (const n of l.names) if (n) LAW_BY_NAME_KEY.set(lawKey(l.prefix === 'pháp lệnh' ? 'phap lenh' : 'luat', lawNameKey(n)), l);
export const LAW_NAME_MAX_WORDS = Math.max(...[...LAW_BY_NAME_KEY.keys()].map((k) => k.split(' ').length));
/** Every word prefix of a name key ("giao", "giao duc", "pl:ngoai"): the word-by-word match stops as soon as no name goes on. */
export const LAW_NAME_PREFIXES = new Set<string>();
for (const k of LAW_BY_NAME_KEY.keys()) {
  const w = k.split(' ');
  for (let i = 1; i <= w.length; i++) LAW_NAME_PREFIXES.add(w.slice(0, i).join(' '));
}
/** LAW_PREFIX (sticky) — "luat", "bo luat", "boluat", "hien phap", "phap lenh" at a keyword */
export const LAW_PREFIX = /(?<prefix>bo[ \t]*luat|luat|hien[ \t]*phap|phap[ \t]*lenh)/y;
/** LAW_WORD (sticky) — the next word of a law name, an optional comma before it: " giao", ", cong" */
export const LAW_WORD = /(?:[ \t]*,)?[ \t]+(?<word>[a-z]+)(?![a-z0-9])/y;
/** LAW_YEAR (sticky) — "2019", " năm 2019", ", 2019", " (2019)", " (năm 2019)" after a name */
export const LAW_YEAR = /[ \t]*,?[ \t]*(?:\([ \t]*(?:nam[ \t]+)?(?<pyear>(?:19|20)\d\d)[ \t]*\)|(?:nam[ \t]+)?(?<year>(?:19|20)\d\d)(?![\d/]))/y;
/**
 * LAW_KEYWORD — prefilter for laws by name on the folded text: "luat" (also in "bo luat", "boluat"), in a pass
 * of its own; LAW_KEYWORD_PL — "hien phap", "phap lenh". Two literal-led scans run about twice as fast as one
 * alternation led by a look-behind (find.ts merges them and steps back over "bo" to the prefix).
 */
export const LAW_KEYWORD = /lu(?<=(?:^|[^a-z]|(?<![a-z])bo[ \t]*)lu)at(?![a-z])/g;
export const LAW_KEYWORD_PL = /h(?<![a-z]h)ien[ \t]*phap(?![a-z])|p(?<![a-z]p)hap[ \t]*lenh(?![a-z])/g;
/** BO_BEFORE — "bo " before "luat" ("Bộ luật", "Bộluật"), anchored at the window end */
export const BO_BEFORE = /(?<![a-z])bo[ \t]*$/;

// ── Kind word before a number, without a $-anchored scan ────────────────────────────────────────
/** kind words with spaces removed, longest first, grouped by their last letter (most windows end in no kind word's last letter) */
const KIND_COLLAPSED = KIND_WORDS.map((k) => ({ word: k.words.replace(/ /g, ''), kind: k.kind }))
  .sort((a, b) => b.word.length - a.word.length);
const KIND_BY_LAST = new Map<string, { word: string; kind: string }[]>();
for (const k of KIND_COLLAPSED) KIND_BY_LAST.set(k.word[k.word.length - 1], [...(KIND_BY_LAST.get(k.word[k.word.length - 1]) ?? []), k]);
const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r';
/** trailing "lien tich" (after an optional "so"): "thong tu so lien tich" */
const TRAILING_LT = /(?:so[ \t\r\n]*)?lien[ \t\r\n]*tich$/;

/**
 * The kind word (optionally + "số"/"liên tịch") ending a folded window, found by comparing the tail with
 * each kind word with spaces removed: "… can cu nghi dinh so " → {kind:'nghị định', index: 10};
 * "congvan" → công văn; "thong tu so lien tich " → thông tư liên tịch (lt).
 * Trailing "số", "số:", "No.", "number" (also glued: "Chỉthịsố") are skipped first.
 */
export function kindBefore(w: string, orig?: string): { kind: string; index: number; lt: boolean } | null {
  let end = w.length;
  while (end > 0 && isSpace(w[end - 1])) end--;
  // "so", "no", "no.", "number", then blanks, an optional colon, blanks
  let e = end;
  if (e > 0 && w[e - 1] === ':') { e--; while (e > 0 && isSpace(w[e - 1])) e--; }
  if (w.endsWith('number', e)) end = e - 6;
  else if (w.endsWith('no.', e)) end = e - 3;
  else if (w.endsWith('so', e) || w.endsWith('no', e)) end = e - 2;
  while (end > 0 && isSpace(w[end - 1])) end--;
  let lt = false;
  if (w.endsWith('tich', end)) {
    const l = TRAILING_LT.exec(w.slice(Math.max(0, end - 24), end));
    if (l) {
      end -= l[0].length;
      lt = true;
      while (end > 0 && isSpace(w[end - 1])) end--;
    }
  }
  if (end === 0) return null;
  const list = KIND_BY_LAST.get(w[end - 1]);
  if (!list) return null;
  for (const k of list) {
    // compare the kind word backwards, skipping blanks in the text
    let i = end - 1;
    let j = k.word.length - 1;
    while (j >= 0 && i >= 0) {
      const c = w[i];
      if (isSpace(c)) { i--; continue; }
      if (c !== k.word[j]) break;
      i--; j--;
    }
    if (j >= 0) continue;
    const startIdx = i + 1;
    const before = startIdx > 0 ? w[startIdx - 1] : '';
    // a letter right before the kind word: only a case change marks a word boundary ("củaNghịquyết")
    if (before && /[a-z]/.test(before)) {
      const o = orig?.[startIdx];
      const ob = orig?.[startIdx - 1];
      if (!(o && ob && o !== o.toLowerCase() && ob !== ob.toUpperCase())) continue;
    }
    return { kind: k.kind, index: startIdx, lt };
  }
  return null;
}
