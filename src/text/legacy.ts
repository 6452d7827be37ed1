/**
 * Legacy Vietnamese encodings: text typed in pre-Unicode fonts and later read as cp1252/latin1.
 *
 * - TCVN3 (ABC, TCVN 5712:1993 VN3; fonts .VnTime, .VnArial): one byte per precomposed letter.
 *     "céng hßa x· héi chñ nghÜa" → "cộng hòa xã hội chủ nghĩa"
 *   Capitals with tone marks live in separate fonts (.VnTimeH) that reuse the lower-case codes, so
 *   they decode to lower case; inside an otherwise upper-case word they are upper-cased back.
 * - VNI-Windows (VNI-Times): ASCII base letter followed by one byte for the mark(s).
 *     "COÄNG HOØA XAÕ HOÄI" → "CỘNG HÒA XÃ HỘI"
 * - cp1258 (windows-1258): base letters plus combining tone marks. decodeCp1258() decodes bytes;
 *   text that was cp1258 read as cp1252 ("Vi\u00EA\u00F2t") is repaired by the same detection.
 *
 * Detection is conservative and word-based: a line is converted only when it has no genuine Unicode
 * Vietnamese letters (ạ ả ấ … ă ơ ư đ), and the text as a whole has enough words that are NOT valid
 * Vietnamese syllables as they stand but become valid syllables once decoded, and few that do not.
 * Unicode Vietnamese, French ("été", "à côté") and English text are left alone.
 */
import iconv from 'iconv-lite';
import { hasSyllableCase, isSyllable } from './syllable.js';

// ---- TCVN3 -------------------------------------------------------------------------------------
// byte (as a cp1252/latin1 character) → Unicode letter
const TCVN3_PAIRS: Array<[number, string]> = [
  [0xa1, 'Ă'], [0xa2, 'Â'], [0xa3, 'Ê'], [0xa4, 'Ô'], [0xa5, 'Ơ'], [0xa6, 'Ư'], [0xa7, 'Đ'],
  [0xa8, 'ă'], [0xa9, 'â'], [0xaa, 'ê'], [0xab, 'ô'], [0xac, 'ơ'], [0xad, 'ư'], [0xae, 'đ'],
  [0xb5, 'à'], [0xb6, 'ả'], [0xb7, 'ã'], [0xb8, 'á'], [0xb9, 'ạ'],
  [0xbb, 'ằ'], [0xbc, 'ẳ'], [0xbd, 'ẵ'], [0xbe, 'ắ'], [0xc6, 'ặ'],
  [0xc7, 'ầ'], [0xc8, 'ẩ'], [0xc9, 'ẫ'], [0xca, 'ấ'], [0xcb, 'ậ'],
  [0xcc, 'è'], [0xce, 'ẻ'], [0xcf, 'ẽ'], [0xd0, 'é'], [0xd1, 'ẹ'],
  [0xd2, 'ề'], [0xd3, 'ể'], [0xd4, 'ễ'], [0xd5, 'ế'], [0xd6, 'ệ'],
  [0xd7, 'ì'], [0xd8, 'ỉ'], [0xdc, 'ĩ'], [0xdd, 'í'], [0xde, 'ị'],
  [0xdf, 'ò'], [0xe1, 'ỏ'], [0xe2, 'õ'], [0xe3, 'ó'], [0xe4, 'ọ'],
  [0xe5, 'ồ'], [0xe6, 'ổ'], [0xe7, 'ỗ'], [0xe8, 'ố'], [0xe9, 'ộ'],
  [0xea, 'ờ'], [0xeb, 'ở'], [0xec, 'ỡ'], [0xed, 'ớ'], [0xee, 'ợ'],
  [0xef, 'ù'], [0xf1, 'ủ'], [0xf2, 'ũ'], [0xf3, 'ú'], [0xf4, 'ụ'],
  [0xf5, 'ừ'], [0xf6, 'ử'], [0xf7, 'ữ'], [0xf8, 'ứ'], [0xf9, 'ự'],
  [0xfa, 'ỳ'], [0xfb, 'ỷ'], [0xfc, 'ỹ'], [0xfd, 'ý'], [0xfe, 'ỵ'],
];
const TCVN3 = new Map<string, string>(TCVN3_PAIRS.map(([b, u]) => [String.fromCharCode(b), u]));
/** Unicode letter → TCVN3 character (for tests and round trips). */
const TCVN3_ENC = new Map<string, string>(TCVN3_PAIRS.map(([b, u]) => [u, String.fromCharCode(b)]));

/** Decodes TCVN3 text (bytes read as latin1/cp1252) to Unicode NFC, without any detection. */
export function decodeTcvn3(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      // a line typed in .VnTimeH: plain letters all capitals ("X· HéI" → "XÃ HỘI")
      const lineCaps = (line.match(/[A-Z]/g) ?? []).length >= 2 && !/[a-z]/.test(line);
      let out = '';
      for (const word of line.split(/(?<=\s)|(?=\s)/)) out += decodeTcvn3Word(word, lineCaps);
      return out;
    })
    .join('\n');
}

function decodeTcvn3Word(word: string, lineCaps: boolean): string {
  let out = '';
  let hasLower = false;
  let upper = 0;
  for (const c of word) {
    if (c >= 'a' && c <= 'z') hasLower = true;
    else if (c >= 'A' && c <= 'Z') upper++;
  }
  // .VnTimeH capitals: "CéNG" → "CỘNG" when the word has 2+ plain capitals and no plain lower case
  // ("Bé trưởng" stays "Bộ")
  const caps = !hasLower && (upper >= 2 || (lineCaps && upper >= 1));
  for (const c of word) {
    const u = TCVN3.get(c);
    out += u === undefined ? c : caps ? u.toUpperCase() : u;
  }
  return out;
}

/** Encodes Unicode Vietnamese as TCVN3 (capitals without a TCVN3 code are lower-cased, as .VnTimeH text is). */
export function encodeTcvn3(text: string): string {
  let out = '';
  for (const c of text.normalize('NFC')) {
    const e = TCVN3_ENC.get(c) ?? TCVN3_ENC.get(c.toLowerCase());
    out += e ?? c;
  }
  return out;
}

// ---- VNI-Windows -------------------------------------------------------------------------------
// base vowel + mark byte → letter (lower case; upper case uses the upper-case base and mark byte)
const VNI_MARKS: Record<string, Record<string, string>> = {
  a: { 'ù': 'á', 'ø': 'à', 'û': 'ả', 'õ': 'ã', 'ï': 'ạ', 'â': 'â', 'á': 'ấ', 'à': 'ầ', 'å': 'ẩ', 'ã': 'ẫ', 'ä': 'ậ', 'ê': 'ă', 'é': 'ắ', 'è': 'ằ', 'ú': 'ẳ', 'ü': 'ẵ', 'ë': 'ặ' },
  e: { 'ù': 'é', 'ø': 'è', 'û': 'ẻ', 'õ': 'ẽ', 'ï': 'ẹ', 'â': 'ê', 'á': 'ế', 'à': 'ề', 'å': 'ể', 'ã': 'ễ', 'ä': 'ệ' },
  o: { 'ù': 'ó', 'ø': 'ò', 'û': 'ỏ', 'õ': 'õ', 'ï': 'ọ', 'â': 'ô', 'á': 'ố', 'à': 'ồ', 'å': 'ổ', 'ã': 'ỗ', 'ä': 'ộ' },
  'ô': { 'ù': 'ớ', 'ø': 'ờ', 'û': 'ở', 'õ': 'ỡ', 'ï': 'ợ' }, // VNI "ô" is ơ
  u: { 'ù': 'ú', 'ø': 'ù', 'û': 'ủ', 'õ': 'ũ', 'ï': 'ụ' },
  'ö': { 'ù': 'ứ', 'ø': 'ừ', 'û': 'ử', 'õ': 'ữ', 'ï': 'ự' }, // VNI "ö" is ư
  y: { 'ù': 'ý', 'ø': 'ỳ', 'û': 'ỷ', 'õ': 'ỹ' },
};
/** Single VNI bytes that are letters by themselves. */
const VNI_SINGLE: Record<string, string> = {
  'í': 'í', 'ì': 'ì', 'æ': 'ỉ', 'ó': 'ĩ', 'ò': 'ị', 'ô': 'ơ', 'ö': 'ư', 'î': 'ỵ', 'ñ': 'đ',
};

/** Decodes VNI-Windows text (bytes read as latin1/cp1252) to Unicode NFC, without any detection. */
export function decodeVniWindows(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const lc = c.toLowerCase();
    const upper = c !== lc;
    const marks = VNI_MARKS[lc];
    if (marks && i + 1 < text.length) {
      const m = text[i + 1].toLowerCase();
      const hit = marks[m];
      if (hit) { out += upper ? hit.toUpperCase() : hit; i++; continue; }
    }
    const single = VNI_SINGLE[lc];
    if (single) { out += upper ? single.toUpperCase() : single; continue; }
    out += c;
  }
  return out;
}

const VNI_ENC = new Map<string, string>();
for (const [base, marks] of Object.entries(VNI_MARKS)) {
  for (const [m, u] of Object.entries(marks)) {
    VNI_ENC.set(u, base + m);
  }
}
for (const [k, u] of Object.entries(VNI_SINGLE)) VNI_ENC.set(u, k);

/** Encodes Unicode Vietnamese as VNI-Windows (for tests and round trips). */
export function encodeVniWindows(text: string): string {
  let out = '';
  for (const c of text.normalize('NFC')) {
    const lc = c.toLowerCase();
    const e = VNI_ENC.get(lc);
    out += e === undefined ? c : c !== lc ? e.toUpperCase() : e;
  }
  return out;
}

// ---- cp1258 ------------------------------------------------------------------------------------

/** Decodes windows-1258 bytes (combining tone marks composed to NFC). */
export function decodeCp1258(bytes: Uint8Array): string {
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'windows1258').normalize('NFC');
}

/** Repairs cp1258 text that was read as cp1252: re-encode as cp1252, decode as cp1258. */
export function decodeCp1258Mojibake(text: string): string {
  return iconv.decode(iconv.encode(text, 'windows1252'), 'windows1258').normalize('NFC');
}

// ---- detection ---------------------------------------------------------------------------------

export type LegacyEncoding = 'tcvn3' | 'vni' | 'cp1258';

const DECODERS: Record<LegacyEncoding, (s: string) => string> = {
  tcvn3: decodeTcvn3,
  vni: decodeVniWindows,
  cp1258: decodeCp1258Mojibake,
};

/** Letters only Unicode Vietnamese has (never produced by reading legacy bytes as cp1252). */
const UNICODE_VI = /[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01A0\u01A1\u01AF\u01B0\u1EA0-\u1EF9\u0300\u0301\u0303\u0309\u0323]/;
const HIGH = /[\u0080-\u00FF\u0152\u0153\u0160\u0161\u0178\u017D\u017E\u0192\u02C6\u02DC\u2013\u2014\u2018-\u201E\u2020-\u2022\u2026\u2030\u2039\u203A\u20AC\u2122]/;
const WORD = /[^\s.,;:!?()[\]{}"'“”‘’«»<>/\\|…–—-]+/g;

export interface LegacyGuess {
  encoding: LegacyEncoding | null;
  /** words invalid as they stand that become valid syllables once decoded */
  fixed: number;
  /** words with legacy bytes that are valid syllables as they stand and not once decoded ("dõi", "giám") */
  valid: number;
  /** words with legacy bytes that stay invalid once decoded */
  broken: number;
}

function isViWord(w: string): boolean {
  const letters = w.replace(/[^\p{L}]/gu, '');
  return letters.length > 0 && letters === w && hasSyllableCase(w) && isSyllable(w.toLowerCase());
}

/** Per-word verdict: 'A' valid as it stands only, 'B' valid once decoded only, 'C' both, 'D' neither, '' not a candidate. */
function classify(w: string, decode: (s: string) => string): 'A' | 'B' | 'C' | 'D' | '' {
  if (!/[A-Za-z]/.test(w) && w.length < 2) return ''; // a lone "£" or "×" is a symbol, not a word
  const d = decode(w);
  if (d === w) return '';
  const asIs = isViWord(w);
  const dec = isViWord(d);
  return asIs ? (dec ? 'C' : 'A') : dec ? 'B' : 'D';
}

function candidateLines(text: string): string[] {
  return text.split('\n').filter((line) => !UNICODE_VI.test(line) && HIGH.test(line));
}

function lineWords(line: string): string[] {
  const out: string[] = [];
  for (const m of line.matchAll(WORD)) if (HIGH.test(m[0])) out.push(m[0]);
  return out;
}

/**
 * Guesses whether (and how) a text is legacy-encoded. Only lines without genuine Unicode Vietnamese
 * letters are looked at, word by word. Returns encoding null unless one decoder turns at least 3 words
 * (2 in a text of at most 4 candidate words) that are invalid as they stand into valid syllables, and
 * those outnumber four to one the words that are valid only as they stand plus those broken by decoding.
 */
export function detectLegacy(text: string): LegacyGuess {
  const none: LegacyGuess = { encoding: null, fixed: 0, valid: 0, broken: 0 };
  if (!HIGH.test(text)) return none;
  const words: string[] = [];
  for (const line of candidateLines(text)) {
    words.push(...lineWords(line));
    if (words.length > 3000) break;
  }
  if (words.length === 0) return none;
  let best = none;
  for (const enc of Object.keys(DECODERS) as LegacyEncoding[]) {
    const g: LegacyGuess = { encoding: enc, fixed: 0, valid: 0, broken: 0 };
    for (const w of words) {
      const c = classify(w, DECODERS[enc]);
      if (c === 'B') g.fixed++;
      else if (c === 'A') g.valid++;
      else if (c === 'D') g.broken++;
    }
    if (g.fixed > best.fixed) best = g;
  }
  if (best.encoding === null) return none;
  const enough = best.fixed >= 3 || (words.length <= 4 && best.fixed >= 2);
  if (!enough || best.fixed < 4 * (best.valid + best.broken)) return { ...best, encoding: null };
  return best;
}

/**
 * Converts legacy-encoded text (TCVN3, VNI-Windows, or cp1258 read as cp1252) to Unicode NFC.
 * Decided per line: a line is converted when it has no Unicode Vietnamese letters and more of its
 * words read as Vietnamese once decoded than as they stand ("Bé tr­ëng" yes; "Theo dõi, giám sát" no).
 */
export function fixLegacyEncoding(text: string): string {
  const guess = detectLegacy(text);
  if (guess.encoding === null) return text;
  const decode = DECODERS[guess.encoding];
  return text
    .split('\n')
    .map((line) => {
      if (UNICODE_VI.test(line) || !HIGH.test(line)) return line;
      let a = 0;
      let b = 0;
      let c = 0;
      for (const w of lineWords(line)) {
        const k = classify(w, decode);
        if (k === 'A') a++;
        else if (k === 'B') b++;
        else if (k === 'C') c++;
      }
      // "sè" (số) reads both ways: in a legacy text a line of such words follows the text
      const convert = b > a || (b === 0 && a === 0 && c > 0);
      return convert ? decode(line).normalize('NFC') : line;
    })
    .join('\n');
}
