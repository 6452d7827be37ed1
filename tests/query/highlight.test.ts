import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { highlightSpans, makeSnippet } from '../../src/query/highlight.js';
import { parseQuery } from '../../src/query/query.js';

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
