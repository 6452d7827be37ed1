import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { highlightSpans } from '../../src/query/highlight.js';
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
