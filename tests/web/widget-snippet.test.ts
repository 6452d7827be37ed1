/**
 * The widget's snippet tokenizer (src/web/widget/snippet.ts) against the server's escaper
 * (src/engine/html.ts markedToHtml): whatever the text, the widget recovers it exactly, with
 * exactly the marked spans marked, and never turns text into markup.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { snippetSegments, decodeEntities } from '../../src/web/widget/snippet.js';
import { markedToHtml, MARK_OPEN, MARK_CLOSE } from '../../src/engine/html.js';

describe('snippetSegments', () => {
  it('keeps text and <mark> only; other tags stay literal text', () => {
    expect(snippetSegments('a &lt;b&gt; <mark>giáo dục</mark> &amp; c')).toEqual([
      { text: 'a <b> ', mark: false }, { text: 'giáo dục', mark: true }, { text: ' & c', mark: false },
    ]);
    // a server that misbehaved: the tag is shown, not parsed
    expect(snippetSegments('<img src=x onerror=alert(1)>')).toEqual([{ text: '<img src=x onerror=alert(1)>', mark: false }]);
  });

  it('decodes numeric and the usual named entities, leaves unknown ones', () => {
    expect(decodeEntities('&#39;&#x110;&quot;&nbsp;&bogus;&#0;')).toBe('\'Đ"\u00a0&bogus;&#0;');
  });

  it('recovers any text escaped by the server, marks included (property)', () => {
    const piece = fc.record({ text: fc.string({ unit: fc.constantFrom('a', 'đ', '<', '>', '&', '"', "'", ' ', 'mark', '/', '#', ';', 'x') }), mark: fc.boolean() });
    fc.assert(fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
      const raw = pieces.map((p) => (p.mark && p.text ? `${MARK_OPEN}${p.text}${MARK_CLOSE}` : p.text)).join('');
      const segs = snippetSegments(markedToHtml(raw));
      expect(segs.map((s) => s.text).join('')).toBe(pieces.map((p) => p.text).join(''));
      expect(segs.filter((s) => s.mark).map((s) => s.text).join('')).toBe(pieces.filter((p) => p.mark).map((p) => p.text).join(''));
    }), { numRuns: 300 });
  });
});
