/**
 * The API's snippets are HTML where everything is escaped except <mark>…</mark>. The widget never
 * assigns them to innerHTML: this tokenizer keeps exactly two things, text and marked text, and the
 * caller builds text nodes from them. Any other tag (which a well-behaved server never sends) stays
 * visible as literal text.
 */
export interface Segment { text: string; mark: boolean }

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,6});/gi, (all, e: string) => {
    if (e[0] === '#') {
      const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return n > 0 && n <= 0x10ffff && !(n >= 0xd800 && n <= 0xdfff) ? String.fromCodePoint(n) : all;
    }
    return NAMED[e.toLowerCase()] ?? all;
  });
}

export function snippetSegments(html: string): Segment[] {
  const out: Segment[] = [];
  let mark = false;
  for (const part of html.split(/(<\/?mark>)/i)) {
    if (/^<mark>$/i.test(part)) mark = true;
    else if (/^<\/mark>$/i.test(part)) mark = false;
    else if (part) out.push({ text: decodeEntities(part), mark });
  }
  return out;
}
