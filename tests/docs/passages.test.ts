/**
 * Properties of passage building (fast-check against a naive reference: the words of the input, in order),
 * and corpus-wide invariants on a sample of vbpl-central and congbao-8chude documents (skipped without /work/shared).
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { splitAtSentences, paragraphBlocks } from '../../src/docs/passages.js';
import { parseDocument, MAX_PASSAGE_CHARS } from '../../src/docs/parse.js';

const words = (s: string) => s.split(/\s+/).filter(Boolean);
const textArb = fc.array(
  fc.oneof(
    fc.constantFrom('Điều 5.', 'khoản 2', 'a)', 'học sinh', 'đánh giá;', 'năm 2020.', '\n', '\n\n', ' ', 'Thông tư số 26/2020/TT-BGDĐT', 'x'.repeat(40)),
    fc.string({ minLength: 1, maxLength: 30 }),
  ),
  { maxLength: 200 },
).map((a) => a.join(' '));

describe('splitAtSentences / paragraphBlocks', () => {
  it('every part fits the bound and no word is lost or reordered', () => {
    fc.assert(fc.property(textArb, fc.integer({ min: 20, max: 400 }), (text, max) => {
      for (const parts of [splitAtSentences(text, max), paragraphBlocks(text, max)]) {
        for (const p of parts) expect(p.length).toBeLessThanOrEqual(max);
        // words may be cut only when one is longer than the bound; compare the non-space characters
        expect(parts.join('').replace(/\s+/g, '')).toBe(text.replace(/\s+/g, ''));
      }
    }), { numRuns: 300 });
  });
  it('cuts at sentence ends when it can', () => {
    // sentences from Thông tư 22/2021/TT-BGDĐT style text
    const s = 'Học sinh được đánh giá theo từng học kỳ. Kết quả được ghi vào học bạ. Giáo viên chủ nhiệm chịu trách nhiệm tổng hợp.';
    const parts = splitAtSentences(s, 60);
    expect(parts).toEqual(['Học sinh được đánh giá theo từng học kỳ.', 'Kết quả được ghi vào học bạ.', 'Giáo viên chủ nhiệm chịu trách nhiệm tổng hợp.']);
    expect(words(parts.join(' '))).toEqual(words(s));
  });
});

describe('parseDocument on arbitrary text', () => {
  // pieces of real layouts (header cells, structure lines, signature) shuffled with noise
  const piece = fc.constantFrom('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Số: 12/2020/TT-BGDĐT', 'Hà Nội, ngày 30 tháng 11 năm 2020', 'THÔNG TƯ', 'Chương I',
    'Điều 1. Phạm vi', 'Điều 2.', '1. Khoản một.', '2.', 'a) điểm', 'I. MỤC', '1.1.', 'PHỤ LỤC I', 'Nơi nhận:', '- Lưu: VT.', 'KT. BỘ TRƯỞNG', 'THỨ TRƯỞNG', 'Nguyễn Văn A', 'V/v', 'Kính gửi:', '');
  const doc = fc.array(fc.oneof(piece, fc.string({ maxLength: 80 })), { maxLength: 60 }).map((a) => a.join('\n'));
  it('never throws; passages non-empty, within the bound, with unique anchors', () => {
    fc.assert(fc.property(doc, fc.integer({ min: 40, max: 400 }), (text, max) => {
      const r = parseDocument({ text, format: 'txt', id: 'p' }, { maxPassageChars: max, refs: false });
      const anchors = r.passages.map((p) => p.anchor);
      expect(new Set(anchors).size).toBe(anchors.length);
      for (const p of r.passages) { expect(p.text.length).toBeGreaterThan(0); expect(p.text.length).toBeLessThanOrEqual(max); }
    }), { numRuns: 300 });
  });
});

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const shared = path.resolve(repoRoot, '../shared');
const exists = existsSync(path.join(shared, 'corpus'));
if (!exists) console.log(`[tests/docs/passages] ${shared}/corpus is absent: corpus invariants skipped.`);

describe.skipIf(!exists)('corpus invariants (every 4th vbpl-central Vietnamese text, every 6th congbao text)', () => {
  const load = (p: string) => gunzipSync(readFileSync(path.join(shared, p))).toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  it('passages: non-empty, within the bound, unique anchors, ids docId:anchor, ref spans inside the text', () => {
    const vb = load('corpus/vbpl-central/docs.jsonl.gz').filter((r) => r.lang === 'vi' && r.has_text).filter((_, i) => i % 4 === 0);
    const cb = load('corpus/congbao-8chude/docs.jsonl.gz').filter((_, i) => i % 6 === 0);
    let n = 0;
    for (const r of [...vb, ...cb]) {
      const { document, passages } = parseDocument({ text: r.text, format: 'jsonl', id: r.id });
      const anchors = new Set<string>();
      for (const p of passages) {
        expect(p.text.length, `${r.id} ${p.anchor}`).toBeGreaterThan(0);
        expect(p.text.length, `${r.id} ${p.anchor}`).toBeLessThanOrEqual(MAX_PASSAGE_CHARS);
        expect(anchors.has(p.anchor), `${r.id} duplicate ${p.anchor}`).toBe(false);
        anchors.add(p.anchor);
        expect(p.id).toBe(`${document.id}:${p.anchor}`);
        for (const ref of p.refs) expect(p.text.slice(ref.start, ref.end)).toBe(ref.raw);
      }
      expect(document.refs.every((x) => !x.self && x.canonical !== document.refId)).toBe(true);
      n++;
    }
    expect(n).toBeGreaterThan(200);
  }, 120_000);
});
