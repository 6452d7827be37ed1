/**
 * Stage 3 (annotate): HTML of a text with its references as links. Everything outside and inside the
 * links is HTML-escaped; the only markup produced is `<a href="…" class="ref" data-ref="canonical">`.
 * A reference for which `linkFor` returns null is left as plain (escaped) text.
 */
import type { Reference } from './model.js';
import { escapeHtml } from '../text/escape.js';

export function annotate(text: string, refs: Reference[], linkFor: (r: Reference) => string | null): string {
  const sorted = refs
    .filter((r) => Number.isInteger(r.start) && Number.isInteger(r.end) && r.start >= 0 && r.end <= text.length && r.start < r.end)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let pos = 0;
  for (const r of sorted) {
    if (r.start < pos) continue; // overlapping spans: keep the first
    const href = linkFor(r);
    if (href === null) continue;
    out += escapeHtml(text.slice(pos, r.start));
    out += `<a href="${escapeHtml(href)}" class="ref" data-ref="${escapeHtml(r.canonical)}">${escapeHtml(text.slice(r.start, r.end))}</a>`;
    pos = r.end;
  }
  return out + escapeHtml(text.slice(pos));
}
