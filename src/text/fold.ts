/**
 * fold: the search key. Lower case, no diacritics, đ→d. One UTF-16 unit in, one out, so
 * offsets in folded text point at the same characters in the original (highlighting relies on it).
 * Input should be NFC (call normalize() first): a stray combining mark in NFD text is kept as it is,
 * since dropping it would break the length promise.
 *
 * fold("Đánh giá học sinh THCS") === "danh gia hoc sinh thcs"
 *
 * Speed (whole documents are folded at indexing and tagging): units below U+2000 (Latin, Vietnamese,
 * Greek, Cyrillic) go through a lookup table; the rest through a per-character cache.
 */

const cache = new Map<number, string>();

function foldChar(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code < 0x80) return code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : ch;
  const hit = cache.get(code);
  if (hit !== undefined) return hit;
  let out: string;
  if (ch === 'đ' || ch === 'Đ' || ch === '\u00D0' || ch === '\u00F0') out = 'd';
  else {
    const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    const lower = base.toLowerCase();
    out = lower.length === 1 ? lower : ch.toLowerCase().length === 1 ? ch.toLowerCase() : ch;
  }
  cache.set(code, out);
  return out;
}

const LIMIT = 0x2000;
const TABLE = new Uint16Array(LIMIT);
for (let c = 0; c < LIMIT; c++) TABLE[c] = foldChar(String.fromCharCode(c)).charCodeAt(0);

/** The folded UTF-16 unit at text[i] (code c). Surrogate halves pass through unchanged (two units in, two out). */
function foldUnit(c: number, text: string, i: number): number {
  if (c < LIMIT) return TABLE[c];
  if (c >= 0xd800 && c <= 0xdfff) return c;
  return foldChar(text[i]).charCodeAt(0);
}

// TextDecoder replaces unpaired surrogates with U+FFFD: used only for text without surrogates
// (and told to keep a leading U+FEFF).
const DECODER = new TextDecoder('utf-16le', { ignoreBOM: true });
const CHUNK = 4096;

export function fold(text: string): string {
  const n = text.length;
  let i = 0;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80 || (c >= 65 && c <= 90)) break;
  }
  if (i === n) return text; // already plain lower-case ASCII
  if (n < 64) {
    let out = '';
    for (i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      out += String.fromCharCode(foldUnit(c, text, i));
    }
    return out;
  }
  const buf = new Uint16Array(n);
  let surrogates = false;
  for (i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < LIMIT) { buf[i] = TABLE[c]; continue; }
    if (c >= 0xd800 && c <= 0xdfff) surrogates = true;
    buf[i] = foldUnit(c, text, i);
  }
  if (!surrogates) return DECODER.decode(buf);
  let out = '';
  for (let k = 0; k < n; k += CHUNK) out += String.fromCharCode.apply(null, buf.subarray(k, k + CHUNK) as unknown as number[]);
  return out;
}


/** marks a stop unit in a combined table (no unit below U+2000 folds to U+FFFF) */
const STOPPED = 0xffff;
const STOP_TABLES = new WeakMap<Uint8Array, Uint16Array>();

/**
 * fold(text), or null as soon as `text` holds a UTF-16 unit marked nonzero in `stop` (a table over
 * U+0000–U+FFFF): one pass for callers that must prepare such text before folding it (refs/clean.ts's
 * NFD marks and look-alikes), instead of a separate scan for them. Below U+2000 one lookup does both
 * (the fold table with the stop units marked STOPPED, built once per stop table). Text with surrogate pairs
 * (emoji, rare CJK) also gets null: fold() handles them.
 */
export function foldUnless(text: string, stop: Uint8Array): string | null {
  let table = STOP_TABLES.get(stop);
  if (!table) {
    table = new Uint16Array(LIMIT);
    for (let c = 0; c < LIMIT; c++) table[c] = stop[c] !== 0 ? STOPPED : TABLE[c];
    STOP_TABLES.set(stop, table);
  }
  const n = text.length;
  const buf = new Uint16Array(n);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < LIMIT) {
      const f = table[c];
      if (f === STOPPED) return null;
      buf[i] = f;
      continue;
    }
    // a surrogate half also stops: the caller's slower path (fold) handles it
    if (stop[c] !== 0 || (c >= 0xd800 && c <= 0xdfff)) return null;
    buf[i] = foldUnit(c, text, i);
  }
  return DECODER.decode(buf);
}
/** True when the string carries any Vietnamese diacritic (or đ). */
export function hasDiacritics(text: string): boolean {
  return fold(text) !== text.toLowerCase();
}
