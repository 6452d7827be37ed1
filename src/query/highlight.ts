/**
 * Highlight query words in a plain text (pure). A word matches when its folded form equals a query
 * word's (or starts with it, for the prefix word of search-as-you-type); a phrase or a multi-word
 * alternative ("nghị định" for "nd") matches only where its words stand together, so the lone "định"
 * of "quy định" is not marked for the query "nd 71/2020". Returns sorted, non-overlapping spans;
 * makeSnippet turns them into the escaped HTML excerpt every engine returns.
 */
import { escapeHtml } from '../text/escape.js';
import { fold } from '../text/fold.js';
import { WORD_RE, type ParsedQuery } from './query.js';

/** A marked span; `terms` (when known) has bit i % 31 set for each query clause i it matches, so a snippet can count distinct words. */
export interface Span { start: number; end: number; terms?: number }

interface Seq { words: string[]; prefixLast: boolean; bit: number }

export function highlightSpans(text: string, pq: ParsedQuery): Span[] {
  const byFirst = new Map<string, Seq[]>();
  const prefixSeqs: Seq[] = [];
  const add = (words: string[], prefixLast: boolean, bit: number) => {
    if (!words.length) return;
    const seq = { words, prefixLast, bit };
    if (prefixLast && words.length === 1) { prefixSeqs.push(seq); return; }
    byFirst.set(words[0], [...(byFirst.get(words[0]) ?? []), seq]);
  };
  pq.clauses.forEach((c, i) => {
    const bit = 1 << (i % 31);
    add(c.tokens.map((t) => t.folded), !!c.prefix, bit);
    for (const alt of c.alternatives ?? []) add(alt, false, bit);
  });
  if (!byFirst.size && !prefixSeqs.length) return [];
  const folded = fold(text);
  const words = [...folded.matchAll(WORD_RE)].map((m) => ({ w: m[0], start: m.index!, end: m.index! + m[0].length }));
  const spans: Span[] = [];
  const matches = (seq: Seq, i: number) => seq.words.every((q, k) => {
    const word = words[i + k]?.w;
    if (word === undefined) return false;
    return seq.prefixLast && k === seq.words.length - 1 ? word.startsWith(q) : word === q;
  });
  for (let i = 0; i < words.length; i++) {
    let best = 0;
    let terms = 0;
    for (const seq of byFirst.get(words[i].w) ?? []) if (seq.words.length > best && matches(seq, i)) { best = seq.words.length; terms = seq.bit; }
    if (!best) for (const s of prefixSeqs) if (words[i].w.startsWith(s.words[0])) { best = 1; terms |= s.bit; }
    if (!best) continue;
    const span = { start: words[i].start, end: words[i + best - 1].end, terms };
    const last = spans[spans.length - 1];
    if (last && span.start <= last.end) { last.end = Math.max(last.end, span.end); last.terms = (last.terms ?? 0) | terms; }
    else spans.push(span);
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
