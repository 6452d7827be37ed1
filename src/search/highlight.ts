/**
 * Highlight query words in a plain text (pure): the spans of tokens whose folded form equals a
 * query word's folded form (or starts with it, for a prefix word). Phrases highlight each word.
 */
import { fold } from '../text/fold.js';
import type { ParsedQuery } from './query.js';

export interface Span { start: number; end: number }

const WORD_RE = /[\p{L}\p{M}\p{N}]+/gu;

export function highlightSpans(text: string, pq: ParsedQuery): Span[] {
  const exact = new Set<string>();
  const prefixes: string[] = [];
  for (const c of pq.clauses) {
    for (const t of c.tokens) (c.prefix ? prefixes.push(t.folded) : exact.add(t.folded));
    for (const alt of c.alternatives ?? []) for (const w of alt) exact.add(w);
  }
  if (!exact.size && !prefixes.length) return [];
  const folded = fold(text);
  const spans: Span[] = [];
  for (const m of folded.matchAll(WORD_RE)) {
    const w = m[0];
    if (exact.has(w) || prefixes.some((p) => w.startsWith(p))) spans.push({ start: m.index!, end: m.index! + w.length });
  }
  return spans;
}
