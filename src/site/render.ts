/**
 * Render a plain text as HTML with reference links and highlight marks (pure).
 * Everything from the text is escaped; only <a class="ref"> and <mark> are markup.
 */
import { escapeHtml } from '../text/escape.js';
import type { Span } from '../query/highlight.js';

export interface LinkSpan extends Span { href: string; title?: string; ref?: string }

/** Links must not overlap each other (the tagger guarantees it); marks may overlap links and are split at their edges. */
export function renderText(text: string, links: LinkSpan[], marks: Span[]): string {
  const cuts = new Set<number>([0, text.length]);
  const valid = (s: Span) => s.start >= 0 && s.end <= text.length && s.start < s.end;
  const ls = links.filter(valid).sort((a, b) => a.start - b.start);
  const ms = marks.filter(valid);
  for (const s of [...ls, ...ms]) { cuts.add(s.start); cuts.add(s.end); }
  const points = [...cuts].sort((a, b) => a - b);
  let out = '';
  let li = 0;
  let openLink: LinkSpan | null = null;
  for (let i = 0; i < points.length - 1; i++) {
    const a = points[i];
    const b = points[i + 1];
    if (openLink && a >= openLink.end) { out += '</a>'; openLink = null; }
    while (li < ls.length && ls[li].end <= a) li++;
    if (!openLink && li < ls.length && ls[li].start === a) {
      const l = ls[li];
      openLink = l;
      out += `<a class="ref" href="${escapeHtml(l.href)}"${l.title ? ` title="${escapeHtml(l.title)}"` : ''}${l.ref ? ` data-ref="${escapeHtml(l.ref)}"` : ''}>`;
    }
    const seg = escapeHtml(text.slice(a, b));
    out += ms.some((m) => m.start <= a && m.end >= b) ? `<mark>${seg}</mark>` : seg;
  }
  if (openLink) out += '</a>';
  return out;
}
