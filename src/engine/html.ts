/** HTML helpers shared by engines and pages: escape everything, keep only <mark> from snippet sentinels. */

import { escapeHtml } from '../text/escape.js';

export { escapeHtml };

/** Sentinels that mark highlighted spans before escaping (stripped from indexed text by normalize). */
export const MARK_OPEN = '\u0001';
export const MARK_CLOSE = '\u0002';

/** Escape a snippet that carries MARK_OPEN/MARK_CLOSE sentinels, then turn them into <mark> tags. */
export function markedToHtml(s: string): string {
  let out = '';
  let open = false;
  for (const part of s.split(/([\u0001\u0002])/)) {
    if (part === MARK_OPEN) { if (!open) { out += '<mark>'; open = true; } }
    else if (part === MARK_CLOSE) { if (open) { out += '</mark>'; open = false; } }
    else out += escapeHtml(part);
  }
  if (open) out += '</mark>';
  return out;
}

/** Plain-text context around [start, end), cut at word boundaries (the "cited by" excerpts of every engine). */
export function contextAround(text: string, start: number, end: number, radius = 120): string {
  let a = Math.max(0, start - radius);
  let b = Math.min(text.length, end + radius);
  if (a > 0) { const sp = text.indexOf(' ', a); if (sp !== -1 && sp < start) a = sp + 1; }
  if (b < text.length) { const sp = text.lastIndexOf(' ', b); if (sp > end) b = sp; }
  return `${a > 0 ? '…' : ''}${text.slice(a, b)}${b < text.length ? '…' : ''}`;
}
