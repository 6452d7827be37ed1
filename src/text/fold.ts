/**
 * fold: the search key. Lower case, no diacritics, đ→d. One UTF-16 unit in, one out, so
 * offsets in folded text point at the same characters in the original (highlighting relies on it).
 * Input should be NFC (call normalize() first): a stray combining mark in NFD text is kept as it is,
 * since dropping it would break the length promise.
 *
 * fold("Đánh giá học sinh THCS") === "danh gia hoc sinh thcs"
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

export function fold(text: string): string {
  let out = '';
  let plainRun = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80 || (c >= 65 && c <= 90)) { plainRun = false; break; }
  }
  if (plainRun) return text;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Surrogate halves pass through unchanged (two units in, two out).
    if (c >= 0xd800 && c <= 0xdfff) { out += text[i]; continue; }
    out += foldChar(text[i]);
  }
  return out;
}

/** True when the string carries any Vietnamese diacritic (or đ). */
export function hasDiacritics(text: string): boolean {
  return fold(text) !== text.toLowerCase();
}
