/**
 * Telex and VNI query decoding: Vietnamese typed on a keyboard without an input method.
 *
 *   decodeTelex("nghij ddinhj")   === "nghị định"
 *   decodeTelex("tieengs vieetj") === "tiếng việt"
 *   decodeVni("nghi5 d9inh5")     === "nghị định"
 *   decodeTelex("text class")     === null    (nothing reads as Telex)
 *
 * Word by word: a word is decoded only when it uses the scheme's keys (Telex: aa ee oo aw ow uw w dd and one
 * tone key s f r x j after the first vowel, "hocj" or "hojc", "tawsc", "giaso" as free-typing input methods take them; VNI: digits 1–9 after letters) AND the result is one valid Vietnamese syllable
 * (syllable.ts); other words (numbers, codes, Unicode Vietnamese, English) are kept as they are.
 * The tone goes on the canonical vowel (tone.ts: "hòa" style). Returns null when no word was decoded.
 */
import { parseSyllable, type Tone } from './syllable.js';
import { placeTone } from './tone.js';

const TELEX_TONES: Record<string, Tone> = { s: 4, f: 1, r: 2, x: 3, j: 5, z: 0 };
/** The vowels Telex's w shapes: aw ă, ow ơ, uw ư. */
const HORN: Record<string, string> = { a: 'ă', o: 'ơ', u: 'ư' };

function restoreCase(decoded: string, original: string): string {
  if (original.length > 1 && original === original.toUpperCase()) return decoded.toUpperCase();
  if (original[0] !== original[0].toLowerCase()) return decoded[0].toUpperCase() + decoded.slice(1);
  return decoded;
}

/** The decoded syllable when `toneless`+`tone` is one valid syllable, else null. */
function finish(toneless: string, tone: Tone): string | null {
  if (parseSyllable(toneless) === null && tone === 0) return null;
  const s = placeTone(toneless, tone);
  return parseSyllable(s) === null ? null : s;
}

function decodeTelexWord(word: string): string | null {
  const w = word.toLowerCase();
  if (!/^[a-z]+$/.test(w) || w.length < 2) return null;
  let used = false;
  let tone: Tone = 0;
  let body = w;
  // a tone key is s f r x j (or z: no tone) typed anywhere after the first vowel ("hocj" and "hojc" are
  // both "học"): those letters never follow a vowel inside a Vietnamese syllable. Two keys: not Telex.
  const firstVowel = w.search(/[aeiouy]/);
  if (firstVowel >= 0) {
    const keys = [...w.slice(firstVowel + 1)].filter((c) => c in TELEX_TONES);
    if (keys.length > 1) return null;
    // "s" inside a word only with other evidence of Telex (a w, dd, aa/ee/oo: "tawsc" tắc, "uwsng" ứng) or
    // with only vowels after it ("giaso" giáo): "test", "best", "fast", "basic" are English, not "tét"
    const sInside = keys[0] === 's' && !w.endsWith('s')
      && !/w|dd|aa|ee|oo/.test(w) && !/^[aeiouy]+$/.test(w.slice(w.indexOf('s', firstVowel + 1) + 1));
    if (keys.length === 1 && !sInside) {
      const at = w.indexOf(keys[0], firstVowel + 1);
      tone = TELEX_TONES[keys[0]];
      body = w.slice(0, at) + w.slice(at + 1);
      used = true;
    }
  }
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    const n = body[i + 1];
    if (c === 'd' && n === 'd') { out += 'đ'; i++; used = true; continue; }
    if ((c === 'a' || c === 'e' || c === 'o') && n === c) { out += c === 'a' ? 'â' : c === 'e' ? 'ê' : 'ô'; i++; used = true; continue; }
    if (c === 'u' && n === 'o' && body[i + 2] === 'w') { out += 'ươ'; i += 2; used = true; continue; }
    if (n === 'w' && c in HORN) { out += HORN[c]; i++; used = true; continue; }
    if (c === 'w') {
      // after the final consonants, w still shapes the vowel before them ("hopwj" hợp, "dduowcj" được)
      const m = /(u?)([aou])([^aeiouyăâêôơư]+)$/.exec(out);
      if (m) out = out.slice(0, m.index) + (m[1] && m[2] === 'o' ? 'ươ' : m[1] + HORN[m[2]]) + m[3];
      else out += 'ư';
      used = true;
      continue;
    }
    out += c;
  }
  if (!used) return null;
  const s = finish(out, tone);
  return s === null ? null : restoreCase(s, word);
}

function decodeVniWord(word: string): string | null {
  const w = word.toLowerCase();
  if (!/^[a-z][a-z1-9]*$/.test(w) || !/[1-9]/.test(w) || w.replace(/\d/g, '').length < 2) return null;
  const buf: string[] = [];
  let tone: Tone = 0;
  let tones = 0;
  for (const c of w) {
    if (c >= 'a' && c <= 'z') { buf.push(c); continue; }
    const d = Number(c);
    if (d >= 1 && d <= 5) { tone = [0, 4, 1, 2, 3, 5][d] as Tone; tones++; continue; }
    const findLast = (set: string) => { for (let i = buf.length - 1; i >= 0; i--) if (set.includes(buf[i])) return i; return -1; };
    if (d === 6) { const i = findLast('aeo'); if (i < 0) return null; buf[i] = { a: 'â', e: 'ê', o: 'ô' }[buf[i] as 'a' | 'e' | 'o']; continue; }
    if (d === 7) {
      const i = findLast('ou');
      if (i < 0) return null;
      if (buf[i] === 'o' && buf[i - 1] === 'u') { buf[i - 1] = 'ư'; buf[i] = 'ơ'; } else buf[i] = buf[i] === 'o' ? 'ơ' : 'ư';
      continue;
    }
    if (d === 8) { const i = findLast('a'); if (i < 0) return null; buf[i] = 'ă'; continue; }
    if (d === 9) { const i = buf.indexOf('d'); if (i < 0) return null; buf[i] = 'đ'; continue; }
    return null;
  }
  if (tones > 1) return null;
  const s = finish(buf.join(''), tone);
  return s === null ? null : restoreCase(s, word.replace(/\d/g, ''));
}

function decodeWords(query: string, re: RegExp, decodeWord: (w: string) => string | null): string | null {
  let changed = false;
  const out = query.replace(re, (w) => {
    const d = decodeWord(w);
    if (d === null) return w;
    changed = true;
    return d;
  });
  return changed ? out : null;
}

/** Decodes Telex typing ("nghij ddinhj" → "nghị định"); null when no word reads as Telex. */
export function decodeTelex(query: string): string | null {
  return decodeWords(query, /(?<![\p{L}\p{N}])[A-Za-z]+(?![\p{L}\p{N}])/gu, decodeTelexWord);
}

/** Decodes VNI typing ("nghi5 d9inh5" → "nghị định"); null when no word reads as VNI. */
export function decodeVni(query: string): string | null {
  return decodeWords(query, /(?<![\p{L}\p{N}])[A-Za-z][A-Za-z0-9]*(?![\p{L}\p{N}])/gu, decodeVniWord);
}
