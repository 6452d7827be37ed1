/**
 * foldWindow: the same result as fold() from src/text/fold.ts (lower case, no diacritics, đ→d, one
 * UTF-16 unit in, one out) through a lookup table, for the many short windows the tagger folds.
 */
import { fold } from '../text/fold.js';

const LIMIT = 0x2000;
const TABLE = new Uint16Array(LIMIT);
for (let c = 0; c < LIMIT; c++) {
  if (c >= 0xd800) break;
  const f = fold(String.fromCharCode(c));
  TABLE[c] = f.length === 1 ? f.charCodeAt(0) : c;
}

const DECODER = new TextDecoder('utf-16le');

export function foldWindow(s: string): string {
  const n = s.length;
  if (n < 64) {
    let out = '';
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      out += String.fromCharCode(c < LIMIT ? TABLE[c] : c);
    }
    return out;
  }
  const buf = new Uint16Array(n);
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    buf[i] = c < LIMIT ? TABLE[c] : c;
  }
  return DECODER.decode(buf);
}
