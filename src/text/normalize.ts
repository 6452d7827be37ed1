/**
 * normalize: canonical Unicode for Vietnamese text.
 * - NFC
 * - look-alikes: Ð (U+00D0, Icelandic Eth) → Đ; ð → đ; "ƣ/Ƣ" (U+01A3/U+01A2, used by some fonts for ư/Ư) → ư/Ư;
 *   Cyrillic letters that look Latin → Latin, inside words that also contain Latin letters ("TT-BTС" with Cyrillic С)
 * - zero-width characters and soft hyphens removed; NBSP and other space separators → " "
 *
 * normalize("26/2020/TT-BGDÐT") === "26/2020/TT-BGDĐT"
 */

/** Look-alike letters → the Vietnamese letter meant (also used by the reference tagger's clean, src/refs/clean.ts). */
export const LOOKALIKES: Readonly<Record<string, string>> = {
  '\u00D0': 'Đ', '\u00F0': 'đ', '\u0189': 'Đ',
  '\u01A2': 'Ư', '\u01A3': 'ư',
};

/** Cyrillic letters that render like Latin ones (upper and lower case). */
export const CYRILLIC_TO_LATIN: Readonly<Record<string, string>> = {
  'А': 'A', 'В': 'B', 'С': 'C', 'Е': 'E', 'Н': 'H', 'І': 'I', 'Ј': 'J', 'К': 'K', 'М': 'M', 'О': 'O',
  'Р': 'P', 'Ѕ': 'S', 'Т': 'T', 'Х': 'X', 'У': 'Y',
  'а': 'a', 'с': 'c', 'е': 'e', 'і': 'i', 'ј': 'j', 'о': 'o', 'р': 'p', 'ѕ': 's', 'х': 'x', 'у': 'y',
};

// Zero-width characters, soft hyphens and C0 controls other than tab/newline (the engines use \u0001/\u0002 as highlight sentinels).
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF\u00AD\u0000-\u0008\u000B\u000E-\u001F\u007F]/g;
const SPACES = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;
const LOOKALIKE_RE = /[\u00D0\u00F0\u0189\u01A2\u01A3]/g;
// A word (letters, digits, & / -) that mixes Cyrillic look-alikes with Latin letters.
const MIXED_WORD = /[\p{L}\p{N}&/-]*[\u0400-\u04FF][\p{L}\p{N}&/-]*/gu;

function fixMixedScript(word: string): string {
  if (!/[A-Za-z\u00C0-\u024F\u1E00-\u1EFF]/.test(word)) return word; // a genuinely Cyrillic word: leave it
  return word.replace(/[\u0400-\u04FF]/g, (c) => CYRILLIC_TO_LATIN[c] ?? c);
}

export function normalize(text: string): string {
  let s = text.normalize('NFC');
  s = s.replace(ZERO_WIDTH, '').replace(SPACES, ' ');
  s = s.replace(LOOKALIKE_RE, (c) => LOOKALIKES[c] ?? c);
  if (/[\u0400-\u04FF]/.test(s)) s = s.replace(MIXED_WORD, fixMixedScript);
  return s.normalize('NFC');
}
