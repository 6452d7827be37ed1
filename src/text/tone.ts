/**
 * toneNormalize: one canonical tone placement, for accent-aware matching.
 *
 * Vietnamese writes the tone of the open rimes oa, oe, uy in two ways: "hòa, khỏe, thúy" (mark on the
 * first vowel) and "hoà, khoẻ, thuý" (mark on the second). Both are correct and both occur in the same
 * corpus ("CỘNG HÒA" and "CỘNG HOÀ" in vbpl.vn headers). The canonical form chosen here is
 * **"hòa, khỏe, thúy, ủy"**: the form of the templates in Nghị định 30/2020/NĐ-CP and of most current
 * official text. (Names for the two styles vary: the brief calls "hoà" old-style, some grammars call it new.)
 * When the rime has a final consonant the mark belongs on the second vowel ("hoàn", "huỳnh"); the
 * misplaced forms "hòan", "hùynh" are mapped there too. "qu" + y keeps its mark on y ("quý").
 *
 * Input should be NFC (normalize() first). One UTF-16 unit in, one out: offsets survive.
 *
 * toneNormalize("Cộng hoà, khoẻ, thuỷ, uỷ ban, hòan thành") === "Cộng hòa, khỏe, thúy, ủy ban, hoàn thành"
 */
import { charInfo, VOWEL_BASES, withTone, type Tone } from './syllable.js';

const CONS = 'bcdđghklmnprstvxBCDĐGHKLMNPRSTVX';
// open oa / oe with the mark on a / e: "hoà", "khoẻ" (q never precedes o)
const OPEN_OA = new RegExp(`(?<=^|[^\\p{L}\\p{M}]|[${CONS}])([oO])([àáảãạèéẻẽẹÀÁẢÃẠÈÉẺẼẸ])(?![\\p{L}\\p{M}])`, 'gu');
// open uy with the mark on y: "thuỷ", "uỷ" (not "quý")
const OPEN_UY = new RegExp(`(?<=^|[^\\p{L}\\p{M}]|[${CONS.replace(/[qQ]/g, '')}])([uU])([ỳýỷỹỵỲÝỶỸỴ])(?![\\p{L}\\p{M}])`, 'gu');
// closed oa / oe / oă / uy with the mark on the glide: "hòan", "hùynh"
const CLOSED_GLIDE = new RegExp(
  `(?<=^|[^\\p{L}\\p{M}]|[${CONS}])(?:([òóỏõọÒÓỎÕỌ])([aăeAĂE])|([ùúủũụÙÚỦŨỤ])([yY]))(?=(?:ng|nh|ch|[mnptc]|NG|NH|CH|[MNPTC])(?![\\p{L}\\p{M}]))`,
  'gu',
);
const QUICK = /[oOuU][àáảãạèéẻẽẹÀÁẢÃẠÈÉẺẼẸỳýỷỹỵỲÝỶỸỴ]|[òóỏõọÒÓỎÕỌùúủũụÙÚỦŨỤ][aăeyAĂEY]/;

function isUpper(c: string): boolean {
  return c !== c.toLowerCase();
}

function recase(c: string, like: string): string {
  return isUpper(like) ? c.toUpperCase() : c;
}

/** Moves the tone mark from `second` to `first`, keeping each letter's case. */
function moveToFirst(first: string, second: string): string {
  const [b2, t] = charInfo(second) as [string, Tone];
  const [b1] = charInfo(first) as [string, Tone];
  return recase(withTone(b1, t), first) + recase(b2, second);
}

export function toneNormalize(text: string): string {
  if (!QUICK.test(text)) return text;
  let s = text.replace(OPEN_OA, (_m, o: string, v: string) => moveToFirst(o, v));
  s = s.replace(OPEN_UY, (_m, u: string, y: string) => moveToFirst(u, y));
  s = s.replace(CLOSED_GLIDE, (_m, o?: string, a?: string, u?: string, y?: string) => {
    const first = (o ?? u) as string;
    const second = (a ?? y) as string;
    const [b1, t] = charInfo(first) as [string, Tone];
    const [b2] = charInfo(second) as [string, Tone];
    return recase(b1, first) + recase(withTone(b2, t), second);
  });
  return s;
}

const SHAPED = new Set(['ă', 'â', 'ê', 'ô', 'ơ', 'ư']);
const VOWELS = new Set(VOWEL_BASES);

/**
 * Index (in the lower-case toneless syllable) of the vowel that carries the tone, in the canonical
 * placement: a shaped vowel (ă â ê ô ơ ư; the last one, so "ươ" → ơ); else the last vowel when a
 * consonant follows ("oan" → a); else the middle of three vowels ("oai" → a); else the first of two
 * ("hòa", "thúy", "mái", "mùa"). "qu" and "gi" are onsets ("quá", "giá"; "gì" → i).
 */
export function toneIndex(toneless: string): number {
  let start = 0;
  if (toneless.startsWith('qu')) start = 2;
  else if (toneless.startsWith('gi') && toneless.length > 2 && VOWELS.has(toneless[2])) start = 2;
  while (start < toneless.length && !VOWELS.has(toneless[start])) start++;
  if (start >= toneless.length) {
    return toneless.startsWith('gi') ? 1 : -1; // "gì", "gìn"
  }
  let end = start;
  while (end < toneless.length && VOWELS.has(toneless[end])) end++;
  for (let i = end - 1; i >= start; i--) if (SHAPED.has(toneless[i])) return i;
  const len = end - start;
  if (end < toneless.length) return end - 1;
  if (len >= 3) return start + 1;
  return start;
}

/** Puts `tone` on the canonical vowel of a lower-case toneless syllable ("hoa", 1 → "hòa"). */
export function placeTone(toneless: string, tone: Tone): string {
  if (tone === 0) return toneless;
  const i = toneIndex(toneless);
  if (i < 0) return toneless;
  return toneless.slice(0, i) + withTone(toneless[i], tone) + toneless.slice(i + 1);
}
