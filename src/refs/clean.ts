/**
 * Stage 0 (clean): a normalized copy of the input for matching, with a map back to the original
 * UTF-16 offsets. Normalization here is what matters for references:
 * - NFC (NFD input: "Nghi\u0323 đi\u0323nh" → "Nghị định"), one cluster (base + combining marks) at a time,
 *   so every normalized character maps back to the cluster it came from;
 * - Ð (U+00D0) / ð / Ɖ → Đ / đ; ƣ/Ƣ → ư/Ư;
 * - Cyrillic look-alikes next to a Latin letter or digit → Latin ("TT-BTС" with Cyrillic С → "TT-BTC");
 * - zero-width characters and soft hyphens dropped; NBSP and other spaces → " ".
 * When the input needs no length change, the map is the identity.
 */
import { CYRILLIC_TO_LATIN, LOOKALIKES } from '../text/normalize.js';
import { fold, foldUnless } from '../text/fold.js';

export interface Cleaned {
  /** normalized text */
  text: string;
  /** original offsets of a span [start, end) of `text` */
  toOriginal(start: number, end: number): [number, number];
}

const SPACE_LIKE = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/;
/** Anything that needs work at all. */
const NEEDS_WORK = /[\u0300-\u036F\u00D0\u00F0\u0189\u01A2\u01A3\u0400-\u04FF\u00A0\u1680\u2000-\u200D\u202F\u205F\u3000\u2060\uFEFF\u00AD]/;
/** Length-changing work: a base letter with combining marks (NFD), or a zero-width character. */
const LENGTH_WORK = /[^\u0300-\u036F]?[\u0300-\u036F]+|[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
const ONE_TO_ONE = /[\u00D0\u00F0\u0189\u01A2\u01A3\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000\u0400-\u04FF]/g;
const IDENTITY = (s: number, e: number): [number, number] => [s, e];
/** NEEDS_WORK as a table over UTF-16 units, for the one-pass check inside fold (cleanAndFold). */
const NEEDS_WORK_UNITS = new Uint8Array(0x10000);
for (let c = 0; c < 0x10000; c++) if (NEEDS_WORK.test(String.fromCharCode(c))) NEEDS_WORK_UNITS[c] = 1;
const LATIN_OR_DIGIT = /[A-Za-z0-9\u00C0-\u024F\u1E00-\u1EFF]/;

/** A Cyrillic letter, and a character of a word around it (letters, digits, & / -): "TT-BTС", "NĐ-СР". */
const CYRILLIC = /[\u0400-\u04FF]/g;
const WORD_CHAR = /[\p{L}\p{N}&/\-]/u;

function oneToOne(s: string): string {
  const out = s.replace(ONE_TO_ONE, (ch: string) => {
    const look = LOOKALIKES[ch];
    if (look) return look;
    if (SPACE_LIKE.test(ch)) return ' ';
    return ch;
  });
  CYRILLIC.lastIndex = 0;
  if (!CYRILLIC.test(out)) return out;
  // Cyrillic look-alikes inside a word that also has Latin letters or digits → Latin; genuine Cyrillic words stay.
  // Words are grown around each Cyrillic letter (a regex over every word of the text backtracks on long words).
  let res = '';
  let last = 0;
  CYRILLIC.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CYRILLIC.exec(out)) !== null) {
    let a = m.index;
    let b = m.index + 1;
    while (a > last && WORD_CHAR.test(out[a - 1])) a--;
    while (b < out.length && WORD_CHAR.test(out[b])) b++;
    const word = out.slice(a, b);
    res += out.slice(last, a) + (LATIN_OR_DIGIT.test(word) ? word.replace(/[\u0400-\u04FF]/g, (c) => CYRILLIC_TO_LATIN[c] ?? c) : word);
    last = b;
    CYRILLIC.lastIndex = b;
  }
  return res + out.slice(last);
}

interface Piece { normStart: number; normLen: number; origStart: number; origLen: number }

/** clean(input) and the folded cleaned text, in one pass over text that needs no cleaning (most text). */
export function cleanAndFold(input: string): { cleaned: Cleaned; folded: string } {
  const folded = foldUnless(input, NEEDS_WORK_UNITS);
  if (folded !== null) return { cleaned: { text: input, toOriginal: IDENTITY }, folded };
  const cleaned = clean(input);
  return { cleaned, folded: fold(cleaned.text) };
}

export function clean(input: string): Cleaned {
  if (!NEEDS_WORK.test(input)) return { text: input, toOriginal: IDENTITY };
  LENGTH_WORK.lastIndex = 0;
  if (!LENGTH_WORK.test(input)) return { text: oneToOne(input), toOriginal: IDENTITY };
  // pieces whose length changed; text between pieces is copied unchanged
  const pieces: Piece[] = [];
  let out = '';
  let last = 0;
  LENGTH_WORK.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = LENGTH_WORK.exec(input)) !== null) {
    const cluster = m[0];
    const repl = /[\u200B-\u200D\u2060\uFEFF\u00AD]/.test(cluster) ? '' : cluster.normalize('NFC');
    out += input.slice(last, m.index);
    if (repl.length !== cluster.length || repl !== cluster) {
      pieces.push({ normStart: out.length, normLen: repl.length, origStart: m.index, origLen: cluster.length });
    }
    out += repl;
    last = m.index + cluster.length;
  }
  out += input.slice(last);
  const text = oneToOne(out);
  const n = input.length;
  /** the last piece with normStart <= x (or < x when strict) */
  const find = (x: number, strict: boolean): Piece | undefined => {
    let lo = 0, hi = pieces.length - 1, ans = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const ok = strict ? pieces[mid].normStart < x : pieces[mid].normStart <= x;
      if (ok) { ans = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return ans >= 0 ? pieces[ans] : undefined;
  };
  return {
    text,
    toOriginal(s: number, e: number): [number, number] {
      let os: number;
      const ps = find(s, false);
      if (!ps) os = s;
      else if (s < ps.normStart + ps.normLen) os = ps.origStart;
      else os = ps.origStart + ps.origLen + (s - ps.normStart - ps.normLen);
      let oe: number;
      const pe = find(e, true);
      if (!pe) oe = e;
      else if (e <= pe.normStart + pe.normLen) oe = pe.origStart + pe.origLen;
      else oe = pe.origStart + pe.origLen + (e - pe.normStart - pe.normLen);
      os = Math.min(Math.max(os, 0), n);
      oe = Math.min(Math.max(oe, os), n);
      return [os, oe];
    },
  };
}
