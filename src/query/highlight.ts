/**
 * Highlight query words in a plain text (pure). A word matches when its folded form equals a query
 * word's (or starts with it, for the prefix word of search-as-you-type); a phrase or a multi-word
 * alternative ("nghị định" for "nd") matches only where its words stand together, so the lone "định"
 * of "quy định" is not marked for the query "nd 71/2020". Returns sorted, non-overlapping spans;
 * makeSnippet turns them into the escaped HTML excerpt every engine returns.
 */
import { escapeHtml } from '../text/escape.js';
import { fold } from '../text/fold.js';
import type { ParsedQuery } from './query.js';

/** A marked span; `terms` (when known) has bit i % 31 set for each query clause i it matches, so a snippet can count distinct words. */
export interface Span { start: number; end: number; terms?: number }

interface Seq { words: string[]; prefixLast: boolean; bit: number }

/** Word characters: what WORD_RE (letters, marks, digits) takes into a word; cached per BMP unit. */
const WORD_CHAR = /^[\p{L}\p{M}\p{N}]$/u;
const BMP_CLASS = new Int8Array(0x10000); // 0 unknown, 1 word, -1 not
function isWordCode(c: number): boolean {
  if (c < 0x80) return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
  if (c < 0x10000) {
    let k = BMP_CLASS[c];
    if (!k) { k = WORD_CHAR.test(String.fromCharCode(c)) ? 1 : -1; BMP_CLASS[c] = k; }
    return k > 0;
  }
  return WORD_CHAR.test(String.fromCodePoint(c));
}
/** Whether the character starting at text[i] is a word character (false past the end). */
function wordAt(text: string, i: number): boolean {
  return i < text.length && isWordCode(text.codePointAt(i)!);
}
/** Whether the character ending just before text[i] is a word character (a surrogate pair read whole). */
function wordBefore(text: string, i: number): boolean {
  if (i <= 0) return false;
  const c = text.charCodeAt(i - 1);
  if (c >= 0xdc00 && c <= 0xdfff && i >= 2) {
    const h = text.charCodeAt(i - 2);
    if (h >= 0xd800 && h <= 0xdbff) return isWordCode(text.codePointAt(i - 2)!);
  }
  return isWordCode(c);
}
/** The end of the word that runs on from text[i]. */
function wordEnd(text: string, i: number): number {
  while (i < text.length && wordAt(text, i)) i += text.codePointAt(i)! > 0xffff ? 2 : 1;
  return i;
}
/** The start of the next word at or after text[i], or -1. */
function nextWord(text: string, i: number): number {
  while (i < text.length && !wordAt(text, i)) i++;
  return i < text.length ? i : -1;
}

/** What matched at one word start: the longest sequence (first in query order on ties), or else the prefix words. */
interface At { end: number; len: number; order: number; terms: number; prefixEnd: number; prefixTerms: number }

/**
 * At each word, the longest query sequence (a word, a phrase, an alternative) starting there is marked;
 * a prefix word only where no other sequence starts. Each sequence is looked up where its first word
 * occurs in the folded text (indexOf, then word bounds), not by splitting the whole passage into words:
 * the same spans as walking every word (tests/query/highlight.test.ts checks it against that walk),
 * several times less CPU per passage.
 */
export function highlightSpans(text: string, pq: ParsedQuery): Span[] {
  const seqs: Seq[] = [];
  const add = (words: string[], prefixLast: boolean, bit: number) => {
    if (words.length && words.every(Boolean)) seqs.push({ words, prefixLast, bit });
  };
  pq.clauses.forEach((c, i) => {
    const bit = 1 << (i % 31);
    add(c.tokens.map((t) => t.folded), !!c.prefix, bit);
    for (const alt of c.alternatives ?? []) add(alt, false, bit);
  });
  if (!seqs.length) return [];
  const folded = fold(text);
  const at = new Map<number, At>();
  seqs.forEach(({ words, prefixLast, bit }, order) => {
    const first = words[0];
    const last = words.length - 1;
    const prefixWord = prefixLast && last === 0;
    for (let pos = folded.indexOf(first); pos !== -1; pos = folded.indexOf(first, pos + 1)) {
      if (wordBefore(folded, pos)) continue; // inside a word
      let end = pos + first.length;
      if (prefixWord) end = wordEnd(folded, end);
      else if (wordAt(folded, end)) continue; // the first word is longer
      let ok = true;
      for (let k = 1; k <= last && ok; k++) {
        const s = nextWord(folded, end);
        if (s === -1) { ok = false; break; }
        const e = wordEnd(folded, s);
        const w = folded.slice(s, e);
        ok = prefixLast && k === last ? w.startsWith(words[k]) : w === words[k];
        end = e;
      }
      if (!ok) continue;
      let a = at.get(pos);
      if (!a) { a = { end: -1, len: 0, order: 0, terms: 0, prefixEnd: -1, prefixTerms: 0 }; at.set(pos, a); }
      if (prefixWord) { a.prefixEnd = end; a.prefixTerms |= bit; } else if (words.length > a.len || (words.length === a.len && order < a.order)) {
        a.len = words.length; a.order = order; a.end = end; a.terms = bit;
      }
    }
  });
  const spans: Span[] = [];
  for (const start of [...at.keys()].sort((x, y) => x - y)) {
    const a = at.get(start)!;
    const [end, terms] = a.len ? [a.end, a.terms] : [a.prefixEnd, a.prefixTerms];
    const prev = spans[spans.length - 1];
    if (prev && start <= prev.end) { prev.end = Math.max(prev.end, end); prev.terms = (prev.terms ?? 0) | terms; }
    else spans.push({ start, end, terms });
  }
  return spans;
}

/** Characters of a snippet (engines' passage excerpts, and a document's opening excerpt). */
export const SNIPPET_CHARS = 240;

/** Number of bits set. */
function bits(x: number): number {
  let n = 0;
  for (let v = x >>> 0; v; v &= v - 1) n++;
  return n;
}

/**
 * An HTML excerpt of about SNIPPET_CHARS around the passage region holding the most distinct query
 * words (spans' `terms`; then the most marks), centred on that cluster of marks and cut at spaces;
 * everything escaped except <mark>. Every mark inside the window is shown. Without spans: the start of
 * the text (cut at a space). The one snippet algorithm of every engine (sqlite results.ts, meili
 * records.ts snippetHtml).
 *   "tuyen sinh lop 10" over "… học sinh … (200 chars) … tuyển sinh vào lớp 10 …" shows the second region,
 *   "tuyển", "sinh", "lớp", "10" all marked.
 */
export function makeSnippet(text: string, spans: Span[], width = SNIPPET_CHARS): string {
  if (!spans.length) {
    if (text.length <= width) return escapeHtml(text);
    const sp = text.lastIndexOf(' ', width);
    return `${escapeHtml(text.slice(0, sp > 0 ? sp : width))}…`;
  }
  // The window of spans (fitting in `width`) with the most distinct words, then the most spans.
  let bestI = 0;
  let bestJ = 0;
  let bestScore = -1;
  for (let i = 0; i < spans.length; i++) {
    let mask = 0;
    let j = i;
    for (; j < spans.length && spans[j].end - spans[i].start <= width; j++) mask |= spans[j].terms ?? 0;
    if (j === i) j = i + 1; // a span longer than the window: alone
    const score = bits(mask) * 10_000 + (j - i);
    if (score > bestScore) { bestScore = score; bestI = i; bestJ = j - 1; }
  }
  const lo = spans[bestI].start;
  const hi = Math.max(spans[bestJ].end, lo);
  // Centre the cluster [lo, hi) in the window, then cut at spaces without cutting into it.
  let a = Math.max(0, lo - Math.floor(Math.max(0, width - (hi - lo)) / 2));
  let b = Math.min(text.length, a + width);
  if (b - a < width) a = Math.max(0, b - width);
  if (a > 0) { const sp = text.indexOf(' ', a); if (sp !== -1 && sp < lo) a = sp + 1; }
  if (b < text.length) { const sp = text.lastIndexOf(' ', b); if (sp >= hi && sp > a) b = sp; }
  let out = a > 0 ? '…' : '';
  let pos = a;
  for (const sp of spans) {
    if (sp.end <= a || sp.start >= b) continue;
    const s0 = Math.max(sp.start, a);
    const e0 = Math.min(sp.end, b);
    out += escapeHtml(text.slice(pos, s0)) + '<mark>' + escapeHtml(text.slice(s0, e0)) + '</mark>';
    pos = e0;
  }
  out += escapeHtml(text.slice(pos, b));
  return b < text.length ? `${out}…` : out;
}
