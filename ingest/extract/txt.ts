/**
 * Plain text: UTF-8 (with or without BOM), UTF-16 LE/BE (BOM or NUL-byte pattern), otherwise a
 * legacy 8-bit encoding: TCVN3 (ABC) or VNI-Windows when src/text/legacy's word-based detector is
 * sure, else Windows-1258 (cp1258; decoded with iconv-lite then NFC because cp1258 writes tones as
 * combining marks). Binary data named .txt is refused with 'not_text'.
 */
import iconv from 'iconv-lite';
import { AppError } from '../../src/errors.js';
import { detectLegacy, fixLegacyEncoding } from '../../src/text/legacy.js';
import type { ExtractResult } from './types.js';
import { fileLabel, requireText, tidyLines } from './util.js';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows1258' | 'tcvn3' | 'vni';

export interface DecodedText { text: string; encoding: TextEncoding; notes: string[] }

const SAMPLE = 64 * 1024;

/** Share of bytes at even (LE high byte = odd index) positions that are NUL, on a sample. */
function nulRatios(b: Buffer): { even: number; odd: number; any: number } {
  const n = Math.min(b.length, SAMPLE);
  let even = 0; let odd = 0;
  for (let i = 0; i < n; i++) {
    if (b[i] !== 0) continue;
    if (i % 2 === 0) even++;
    else odd++;
  }
  const half = Math.max(1, n / 2);
  return { even: even / half, odd: odd / half, any: (even + odd) / Math.max(1, n) };
}

/** Control characters other than tab, LF, CR, FF (and ESC-free): a binary file has many. */
function controlRatio(s: string): number {
  const n = Math.min(s.length, SAMPLE);
  if (n === 0) return 0;
  let c = 0;
  for (let i = 0; i < n; i++) {
    const code = s.charCodeAt(i);
    if ((code < 32 && code !== 9 && code !== 10 && code !== 13 && code !== 12) || code === 0xfffd || (code >= 0x7f && code < 0xa0)) c++;
  }
  return c / n;
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true });

/**
 * Decode bytes that should be text. Throws AppError 'empty_file' (0 bytes) or 'not_text' (binary).
 * `label` names the file in messages.
 */
export function decodeText(bytes: Buffer, label = 'input'): DecodedText {
  if (bytes.length === 0) throw new AppError('empty_file', `${label}: the file is empty (0 bytes)`);
  const notes: string[] = [];
  let text: string | undefined;
  let encoding: TextEncoding;

  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    encoding = 'utf-8';
    try { text = utf8Strict.decode(bytes.subarray(3)); } catch { text = undefined; }
  } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    encoding = 'utf-16le'; text = iconv.decode(bytes.subarray(2), 'utf-16le'); notes.push('decoded as UTF-16LE (BOM)');
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    encoding = 'utf-16be'; text = iconv.decode(bytes.subarray(2), 'utf-16be'); notes.push('decoded as UTF-16BE (BOM)');
  } else {
    const r = nulRatios(bytes);
    // UTF-16 without BOM: ASCII and most Vietnamese letters (U+00xx, U+01xx, U+1Exx) put a NUL or a
    // small byte in every other position; a NUL share of >30% on one parity and <5% on the other is UTF-16.
    if (r.odd > 0.3 && r.even < 0.05) {
      encoding = 'utf-16le'; text = iconv.decode(bytes, 'utf-16le'); notes.push('decoded as UTF-16LE (no BOM, guessed from NUL bytes)');
    } else if (r.even > 0.3 && r.odd < 0.05) {
      encoding = 'utf-16be'; text = iconv.decode(bytes, 'utf-16be'); notes.push('decoded as UTF-16BE (no BOM, guessed from NUL bytes)');
    } else if (r.any > 0) {
      throw new AppError('not_text', `${label}: binary data (NUL bytes), not text`);
    } else {
      encoding = 'utf-8';
      try { text = utf8Strict.decode(bytes); } catch { text = undefined; }
    }
  }

  if (text === undefined) {
    // Not valid UTF-8: a legacy Vietnamese encoding. Font encodings (TCVN3, VNI) are recognised on
    // the bytes read as cp1252, the form src/text/legacy expects; anything else is cp1258.
    const asCp1252 = iconv.decode(bytes, 'windows1252');
    const guess = detectLegacy(asCp1252);
    if (guess.encoding === 'tcvn3' || guess.encoding === 'vni') {
      encoding = guess.encoding;
      text = fixLegacyEncoding(asCp1252).normalize('NFC');
      notes.push(`decoded as ${guess.encoding === 'tcvn3' ? 'TCVN3 (ABC)' : 'VNI-Windows'} (not valid UTF-8; ${guess.fixed} words recognised)`);
    } else {
      encoding = 'windows1258';
      text = iconv.decode(bytes, 'windows1258').normalize('NFC');
      notes.push('decoded as cp1258 (not valid UTF-8)');
    }
  }
  if (controlRatio(text) > 0.05) throw new AppError('not_text', `${label}: binary data (control characters), not text`);
  return { text: text.normalize('NFC'), encoding, notes };
}

export async function extractTxt(path: string, bytes: Buffer): Promise<ExtractResult> {
  const label = fileLabel(path);
  const { text, notes } = decodeText(bytes, label);
  const out = tidyLines(text);
  requireText(out, path, 'no letters or digits');
  return { text: out, format: 'txt', notes };
}
