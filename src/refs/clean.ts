/**
 * Stage 0 (clean): a normalized copy of the input for matching, with a map back to the original
 * UTF-16 offsets. Normalization here is what matters for references:
 * - NFC (NFD input: "Nghi\u0323 đi\u0323nh" → "Nghị định"), one cluster (base + combining marks) at a time,
 *   so every normalized character maps back to the cluster it came from;
 * - Ð (U+00D0) / ð / Ɖ → Đ / đ; ƣ/Ƣ → ư/Ư;
 * - Cyrillic look-alikes next to a Latin letter or digit → Latin ("TT-BTС" with Cyrillic С → "TT-BTC");
 * - zero-width characters and soft hyphens dropped; NBSP and other spaces → " ".
 * When the input is already clean (NFC, none of the above), the copy is the input and the map is the identity.
 */

export interface Cleaned {
  /** normalized text */
  text: string;
  /** original offset of a span [start, end) in `text` */
  toOriginal(start: number, end: number): [number, number];
}

const LOOKALIKES: Record<string, string> = {
  '\u00D0': 'Đ', '\u00F0': 'đ', '\u0189': 'Đ', '\u01A2': 'Ư', '\u01A3': 'ư',
};
const CYRILLIC_TO_LATIN: Record<string, string> = {
  'А': 'A', 'В': 'B', 'С': 'C', 'Е': 'E', 'Н': 'H', 'І': 'I', 'Ј': 'J', 'К': 'K', 'М': 'M', 'О': 'O',
  'Р': 'P', 'Ѕ': 'S', 'Т': 'T', 'Х': 'X', 'У': 'Y',
  'а': 'a', 'с': 'c', 'е': 'e', 'і': 'i', 'ј': 'j', 'о': 'o', 'р': 'p', 'ѕ': 's', 'х': 'x', 'у': 'y',
};
const SPACE_LIKE = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/;
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF\u00AD]/;
/** Anything that needs the slow path. */
const NEEDS_WORK = /[\u0300-\u036F\u00D0\u00F0\u0189\u01A2\u01A3\u0400-\u04FF\u00A0\u1680\u2000-\u200D\u202F\u205F\u3000\u2060\uFEFF\u00AD]/;
const IDENTITY = (s: number, e: number): [number, number] => [s, e];

function isLatinOrDigit(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z0-9\u00C0-\u024F\u1E00-\u1EFF]/.test(c);
}

export function clean(input: string): Cleaned {
  if (!NEEDS_WORK.test(input)) return { text: input, toOriginal: IDENTITY };
  const out: string[] = [];
  // starts[i] / ends[i]: original span of normalized char i
  const starts: number[] = [];
  const ends: number[] = [];
  let i = 0;
  const n = input.length;
  while (i < n) {
    let j = i + 1;
    const c0 = input.charCodeAt(i);
    if (c0 >= 0xd800 && c0 <= 0xdbff && j < n) j++; // surrogate pair
    while (j < n) {
      const c = input.charCodeAt(j);
      if (c >= 0x300 && c <= 0x36f) j++;
      else break;
    }
    const cluster = input.slice(i, j);
    let norm: string;
    if (ZERO_WIDTH.test(cluster)) norm = '';
    else if (j - i > 1) norm = cluster.normalize('NFC');
    else norm = cluster;
    for (let k = 0; k < norm.length; k++) {
      out.push(norm[k]);
      starts.push(i);
      ends.push(j);
    }
    i = j;
  }
  // one-to-one replacements
  for (let k = 0; k < out.length; k++) {
    const ch = out[k];
    const code = ch.charCodeAt(0);
    if (code < 0xa0) continue;
    if (LOOKALIKES[ch]) out[k] = LOOKALIKES[ch];
    else if (SPACE_LIKE.test(ch)) out[k] = ' ';
    else if (code >= 0x400 && code <= 0x4ff && CYRILLIC_TO_LATIN[ch]) {
      const prev = out[k - 1];
      const next = out[k + 1];
      const nearLatin = (isLatinOrDigit(prev) && !/[\u0400-\u04FF]/.test(prev ?? '')) || (isLatinOrDigit(next) && !/[\u0400-\u04FF]/.test(next ?? ''))
        || prev === '-' || prev === '/';
      if (nearLatin) out[k] = CYRILLIC_TO_LATIN[ch];
    }
  }
  const text = out.join('');
  return {
    text,
    toOriginal(s: number, e: number): [number, number] {
      const os = s < starts.length ? starts[s] : n;
      const oe = e > 0 ? (e - 1 < ends.length ? ends[e - 1] : n) : 0;
      return [os, Math.max(os, oe)];
    },
  };
}
