/**
 * Grammar tables for Vietnamese document references, as data. The patterns in patterns.ts and the
 * resolver in resolve.ts read these; nothing here is code.
 *
 * Keys written "folded" are fold()ed (lower case, no diacritics, đ→d) with "&" and spaces removed,
 * e.g. "BGD&ĐT" → "bgddt", "TTg" → "ttg".
 */
import { fold } from '../text/fold.js';
import { CASE_CODE_KINDS, KINDS, TYPE_CODE_KINDS } from '../kinds/kinds.js';
import { NUMBER_CODE_ALIASES, numberCodes } from '../kinds/issuers.js';

/**
 * Document type codes as written inside a số ký hiệu, with the kind they denote: from the kind registry
 * (src/kinds/kinds.ts). `display` is the standard written form (case and Đ restored), used when the text was
 * folded or lower-cased. English translations write codes without diacritics ("ND-CP", "QD-TTg"): same keys.
 */
export interface TypeCodeEntry { display: string; kind: string }

export const TYPE_CODES: Record<string, TypeCodeEntry> = Object.fromEntries(TYPE_CODE_KINDS);

/** Written with Đ, these folded keys mean another kind ("HĐ" hợp đồng vs "HD" hướng dẫn; "DA" dự án vs "ĐA" đề án). */
export const TYPE_CODE_CASE_VARIANTS: Record<string, TypeCodeEntry> = Object.fromEntries(CASE_CODE_KINDS);

/**
 * Issuer and unit codes (folded key → standard display). Used to restore the standard written form,
 * to accept codes in lower-cased text, and to re-join codes split by a stray space ("BGD ĐT").
 * The codes are facts of the issuer registry (src/kinds/issuers.ts: the authorities' codes, then the other codes
 * seen in numbers); this module only indexes them. Not exhaustive: an unknown upper-case code is still accepted
 * where the shape is clear.
 */
const NUMBER_CODES = numberCodes();

/** Folded key: drop diacritics (đ→d), lower-case, drop "&" and spaces. */
const CODE_KEY_CACHE = new Map<string, string>();
export function codeKey(s: string): string {
  let k = CODE_KEY_CACHE.get(s);
  if (k === undefined) {
    k = codeKeyUncached(s);
    if (CODE_KEY_CACHE.size > 50_000) CODE_KEY_CACHE.clear();
    CODE_KEY_CACHE.set(s, k);
  }
  return k;
}
function codeKeyUncached(s: string): string {
  return fold(s).replace(/[&\s]/g, '');
}

export const ISSUER_CODES: Map<string, string> = (() => {
  const m = new Map<string, string>();
  for (const { code } of NUMBER_CODES) {
    const k = codeKey(code);
    if (!m.has(k)) m.set(k, code);
  }
  for (const [alias, d] of Object.entries(NUMBER_CODE_ALIASES)) m.set(codeKey(alias), d);
  return m;
})();

/** Issuers of the Communist Party (folded): "N-TYPE/ISSUER" with these is family 'party'. */
export const PARTY_ISSUERS = new Set(NUMBER_CODES.filter((c) => c.party).map((c) => codeKey(c.code)));

/** All folded codes known to the grammar (types, issuers, units). */
export function isKnownCode(key: string): boolean {
  return key in TYPE_CODES || ISSUER_CODES.has(key) || /^(?:ubtv)?qh\d{1,3}$/.test(key) || /^hdnn\d{1,2}$/.test(key);
}

/** The type-code entry for a code as written: "HĐ" (hợp đồng) and "HD" (hướng dẫn), "ĐA" (đề án) and "DA" (dự án) differ only by Đ. */
export function typeCodeEntry(written: string): TypeCodeEntry | undefined {
  const key = codeKey(written);
  const hasD = /[ĐđÐ]/.test(written);
  if (key === 'hd' && hasD) return TYPE_CODE_CASE_VARIANTS['HĐ'];
  if (key === 'da' && !hasD) return TYPE_CODE_CASE_VARIANTS['DA'];
  return TYPE_CODES[key];
}

/** Standard display of one code as written: known codes get their standard case and Đ back ("nd" → "NĐ", "gdtrh" → "GDTrH"). */
export function displayCode(written: string, role: 'type' | 'issuer'): string {
  const key = codeKey(written);
  if (role === 'type') {
    const t = typeCodeEntry(written);
    if (t) return t.display;
  }
  const compact = written.replace(/\s+/g, '');
  // Party "TƯ" (Trung ương) is written TW in the standard form: "CT/TƯ" → CT/TW, "UBKTTƯ" → UBKTTW
  if (role === 'issuer' && /TƯ$/.test(compact) && compact === compact.toUpperCase()) return `${compact.slice(0, -2)}TW`;
  // written in capitals with its own diacritics ("TƯ", "BLĐTBXH"): keep it as written
  if (compact === compact.toUpperCase() && /[ĐƯƠÂĂÊÔ]/.test(compact) && !compact.includes('&')) return compact;
  const known = ISSUER_CODES.get(key);
  if (known) return known;
  const qh = /^(ubtv)?qh(\d{1,3})$/.exec(key);
  if (qh) return `${qh[1] ? 'UBTV' : ''}QH${qh[2]}`;
  if (role === 'issuer' && key in TYPE_CODES) return TYPE_CODES[key].display;
  return compact.toUpperCase();
}

/**
 * Kind words that introduce a citation ("Nghị định số", "Thông tư", "Công văn", English "Decree No."):
 * every kind of the registry by its folded name, plus its other words. `words` are folded; the patterns
 * allow any spacing between syllables (glued text: "Côngvăn3414"); their users sort longer phrases first.
 */
export interface KindWord { words: string; kind: string }
export const KIND_WORDS: KindWord[] = (() => {
  const out: KindWord[] = [];
  const seen = new Set<string>();
  for (const k of KINDS) {
    if (!k.codes?.length && !k.caseCodes?.length && !k.words?.length && !k.header) continue; // not cited by kind ("tin tức")
    for (const words of [fold(k.kind), ...(k.words ?? [])]) {
      if (!seen.has(words)) { seen.add(words); out.push({ words, kind: k.kind }); }
    }
  }
  return out;
})();

/** Relation cues (folded) in the words around a citation, in priority order for ties. */
export const RELATION_CUES: { cue: string; relation: 'can-cu' | 'sua-doi' | 'thay-the' | 'bai-bo' | 'huong-dan' | 'quy-dinh-chi-tiet' }[] = [
  { cue: 'can cu', relation: 'can-cu' },
  { cue: 'quy dinh chi tiet', relation: 'quy-dinh-chi-tiet' },
  { cue: 'sua doi', relation: 'sua-doi' },
  { cue: 'bo sung mot so', relation: 'sua-doi' },
  { cue: 'bo sung boi', relation: 'sua-doi' },
  { cue: 'thay the', relation: 'thay-the' },
  { cue: 'bai bo', relation: 'bai-bo' },
  { cue: 'huy bo', relation: 'bai-bo' },
  { cue: 'het hieu luc', relation: 'bai-bo' },
  { cue: 'huong dan', relation: 'huong-dan' },
  // English
  { cue: 'pursuant to', relation: 'can-cu' },
  { cue: 'amending', relation: 'sua-doi' },
  { cue: 'replac', relation: 'thay-the' },
  { cue: 'annul', relation: 'bai-bo' },
  { cue: 'repeal', relation: 'bai-bo' },
  { cue: 'guiding', relation: 'huong-dan' },
  { cue: 'elaborating', relation: 'quy-dinh-chi-tiet' },
];

