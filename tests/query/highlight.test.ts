import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { highlightSpans, makeSnippet, type Span } from '../../src/query/highlight.js';
import { parseQuery, WORD_RE, type ParsedQuery } from '../../src/query/query.js';
import { fold } from '../../src/text/fold.js';

/** The reference: split the folded text into every word, then try each sequence at each word (the first implementation). */
function naiveSpans(text: string, pq: ParsedQuery): Span[] {
  const byFirst = new Map<string, { words: string[]; prefixLast: boolean; bit: number }[]>();
  const prefixSeqs: { words: string[]; bit: number }[] = [];
  const add = (words: string[], prefixLast: boolean, bit: number) => {
    if (!words.length) return;
    if (prefixLast && words.length === 1) { prefixSeqs.push({ words, bit }); return; }
    byFirst.set(words[0], [...(byFirst.get(words[0]) ?? []), { words, prefixLast, bit }]);
  };
  pq.clauses.forEach((c, i) => {
    add(c.tokens.map((t) => t.folded), !!c.prefix, 1 << (i % 31));
    for (const alt of c.alternatives ?? []) add(alt, false, 1 << (i % 31));
  });
  const words = [...fold(text).matchAll(WORD_RE)].map((m) => ({ w: m[0], start: m.index!, end: m.index! + m[0].length }));
  const spans: Span[] = [];
  for (let i = 0; i < words.length; i++) {
    let best = 0;
    let terms = 0;
    for (const seq of byFirst.get(words[i].w) ?? []) {
      const ok = seq.words.every((q, k) => {
        const w = words[i + k]?.w;
        return w !== undefined && (seq.prefixLast && k === seq.words.length - 1 ? w.startsWith(q) : w === q);
      });
      if (ok && seq.words.length > best) { best = seq.words.length; terms = seq.bit; }
    }
    if (!best) for (const s of prefixSeqs) if (words[i].w.startsWith(s.words[0])) { best = 1; terms |= s.bit; }
    if (!best) continue;
    const span = { start: words[i].start, end: words[i + best - 1].end, terms };
    const last = spans[spans.length - 1];
    if (last && span.start <= last.end) { last.end = Math.max(last.end, span.end); last.terms = (last.terms ?? 0) | terms; }
    else spans.push(span);
  }
  return spans;
}

const marked = (text: string, q: string, prefix = false) => highlightSpans(text, parseQuery(q, { prefix })).map((s) => text.slice(s.start, s.end));

describe('highlightSpans', () => {
  it('marks words regardless of diacritics and case', () => {
    expect(marked('Đánh giá học sinh THCS', 'danh gia')).toEqual(['Đánh', 'giá']);
  });
  it('marks a multi-word alternative only where its words stand together', () => {
    // seed 004: "theo quy định tại Nghị định số 71/2020/NĐ-CP"
    const text = 'theo quy định tại Nghị định số 71/2020/NĐ-CP';
    expect(marked(text, 'nd 71/2020')).toEqual(['Nghị định', '71/2020', 'NĐ']);
  });
  it('marks both the abbreviation and its long form', () => {
    expect(marked('học sinh THCS và trung học cơ sở', 'thcs')).toEqual(['THCS', 'trung học cơ sở']);
  });
  it('marks a prefix word of search-as-you-type', () => {
    expect(marked('giáo dục và dự án', 'giao du', true)).toEqual(['giáo', 'dục', 'dự']);
  });
  it('finds the same spans (and clause bits) as splitting the text into every word (the reference walk)', () => {
    // small alphabets so that words, phrases, prefixes and abbreviations collide often
    const piece = fc.constantFrom('a', 'à', 'đ', 'd', 'n', 'nd', 'nghị', 'định', 'Định', 'thcs', 'trung', 'học', 'cơ', 'sở', '71', '2020',
      ' ', ' ', '/', '-', '.', '"', 'ư', '\u0301', '𝐀', '\ud835', 'x1', 'ĐT', 'gd', 'giáo', 'dục', 'và', 'đào', 'tạo');
    const text = fc.array(piece, { maxLength: 40 }).map((a) => a.join(''));
    const query = fc.array(piece, { maxLength: 8 }).map((a) => a.join(''));
    fc.assert(fc.property(text, query, fc.boolean(), (t, q, prefix) => {
      const pq = parseQuery(q, { prefix });
      expect(highlightSpans(t, pq)).toEqual(naiveSpans(t, pq));
    }), { numRuns: 3000 });
  });
  it('tags a span with the first clause of the longest sequence there, or with every prefix word matching', () => {
    expect(highlightSpans('giáo dục', parseQuery('giao giao'))).toEqual([{ start: 0, end: 4, terms: 1 }]);
    expect(highlightSpans('giáo dục', parseQuery('giao "giao duc"'))).toEqual([{ start: 0, end: 8, terms: 2 }]);
    expect(highlightSpans('giáo dục', parseQuery('gi', { prefix: true }))).toEqual([{ start: 0, end: 4, terms: 1 }]);
  });
  it('returns sorted, non-overlapping spans inside the text', () => {
    fc.assert(fc.property(fc.string(), fc.string({ maxLength: 30 }), (text, q) => {
      const spans = highlightSpans(text, parseQuery(q, { prefix: true }));
      return spans.every((s, i) => s.start < s.end && s.end <= text.length && (i === 0 || spans[i - 1].end < s.start));
    }));
  });
});

describe('makeSnippet', () => {
  const snip = (text: string, q: string) => makeSnippet(text, highlightSpans(text, parseQuery(q)));
  const marks = (html: string) => [...html.matchAll(/<mark>(.*?)<\/mark>/g)].map((m) => m[1]);
  it('shows the region holding the most distinct query words, all marked, not the densest run of one word', () => {
    const filler = 'các đơn vị triển khai thực hiện nghiêm túc kế hoạch đã đề ra trong năm học mới. '.repeat(4);
    const text = `Học sinh, sinh viên và học sinh phổ thông. ${filler}Từ năm học 2021-2022 tổ chức thi tuyển sinh vào lớp 10 đối với tất cả các trường THPT. ${filler}`;
    const html = snip(text, 'tuyen sinh lop 10');
    expect(new Set(marks(html))).toEqual(new Set(['tuyển', 'sinh', 'lớp', '10']));
    expect(html).toContain('<mark>tuyển</mark> <mark>sinh</mark> vào <mark>lớp</mark> <mark>10</mark>');
  });
  it('centres the cluster: context on both sides of it', () => {
    const text = `${'một hai ba bốn năm sáu bảy tám chín mười '.repeat(10)}quy tắc ứng xử của nhà giáo ${'một hai ba bốn năm sáu bảy tám chín mười '.repeat(10)}`;
    const html = snip(text, 'quy tắc ứng xử');
    const at = html.indexOf('<mark>');
    const end = html.lastIndexOf('</mark>') + '</mark>'.length;
    expect(at).toBeGreaterThan(60);
    expect(html.length - end).toBeGreaterThan(60);
  });
  it('escapes everything but the marks', () => {
    expect(snip('a <b> & học sinh', 'hoc sinh')).toBe('a &lt;b&gt; &amp; <mark>học sinh</mark>');
  });
});
