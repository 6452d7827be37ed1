/**
 * Re-ranking of long queries (src/engine/sqlite/rerank.ts): the heading-title feature (`topic`).
 * Corpus: synthetic (made-up) articles in the style of a law's "Trách nhiệm của Bộ …" chapter, plus filler
 * articles so that common words ("của", "trong") are common.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocumentRecord, PassageRecord } from '../../src/docs/model.js';
import { SqliteEngine } from '../../src/engine/sqlite/index.js';
import { headingTopic, RERANK_WEIGHTS, topicShare } from '../../src/engine/sqlite/rerank.js';
import { fold } from '../../src/text/fold.js';

describe('headingTopic', () => {
  it.each([
    ['Điều 49. Trách nhiệm của Bộ Y tế', ['trach', 'nhiem', 'cua', 'bo', 'y', 'te']],
    ['Chương II. Quyền › Điều 5. Thẩm quyền giải quyết › 2.', ['tham', 'quyen', 'giai', 'quyet']],
    ['Chương III › Mục 2 › Điều 12', []],
    ['I. Mục tiêu › a) Kết hôn giả tạo, ly hôn giả tạo', ['ket', 'hon', 'gia', 'tao', 'ly']],
    ['Điều 7', []],
    ['', []],
  ])('%s → %j', (heading, words) => {
    expect(headingTopic(fold(heading))).toEqual(words);
  });

  it('topicShare: the share of the topic\'s words the query holds; 0 for no topic', () => {
    const q = new Set(fold('trách nhiệm của bộ y tế trong phòng chống ma túy').split(' '));
    expect(topicShare(headingTopic(fold('Điều 49. Trách nhiệm của Bộ Y tế')), q)).toBe(1);
    expect(topicShare(headingTopic(fold('Điều 46. Trách nhiệm của Bộ Công an')), q)).toBe(4 / 6);
    expect(topicShare([], q)).toBe(0);
  });
});

function article(id: string, heading: string, text: string): { document: DocumentRecord; passages: PassageRecord[] } {
  return {
    document: DocumentRecord.parse({ id, kind: 'luật', title: 'Luật Phòng, chống dịch bệnh', source: { format: 'txt' } }),
    passages: [PassageRecord.parse({ id: `${id}:p`, docId: id, ordinal: 0, headingPath: heading, anchor: 'dieu', text, refs: [] })],
  };
}

describe('re-ranking: a question naming an article\'s heading title', () => {
  const docs = [
    article('bo-cong-an', 'Điều 3. Trách nhiệm của Bộ Công an',
      'Chủ trì phòng, chống dịch bệnh trong trại giam, phối hợp với Bộ Y tế trong phòng, chống dịch bệnh; cùng Bộ Y tế bảo đảm an ninh trong vùng dịch bệnh; kiểm tra việc phòng, chống dịch bệnh của các đơn vị trong lực lượng công an nhân dân và cơ sở giam giữ.'),
    article('bo-y-te', 'Điều 4. Trách nhiệm của Bộ Y tế', 'Hướng dẫn chuyên môn kỹ thuật về phòng, chống dịch bệnh cho cơ sở khám bệnh, chữa bệnh; cấp, thu hồi giấy phép lưu hành thuốc, vắc xin; thống kê người mắc bệnh truyền nhiễm theo quy định hiện hành.'),
    ...Array.from({ length: 30 }, (_, i) => article(`khac-${i}`, `Điều ${10 + i}. Quy định số ${i}`, `Nội dung của điều ${i} trong luật này được áp dụng cho cơ quan số ${i}.`)),
  ];
  const q = 'Trách nhiệm của Bộ Y tế trong phòng, chống dịch bệnh là gì?';
  const withTopic = new SqliteEngine({ file: ':memory:', checkpointMs: 0 });
  const without = new SqliteEngine({ file: ':memory:', checkpointMs: 0, rerank: { ...RERANK_WEIGHTS, topic: 0 } });
  beforeAll(async () => { for (const e of [withTopic, without]) { await e.init(); await e.upsertMany(docs); } });
  afterAll(async () => { for (const e of [withTopic, without]) await e.close(); });

  it('bm25f alone puts the longer article holding the query words more often first; the heading the question names wins with topic', async () => {
    const ids = async (e: SqliteEngine) => (await e.search({ q, limit: 3 })).hits.map((h) => h.document.id);
    expect((await ids(without))[0]).toBe('bo-cong-an');
    expect((await ids(withTopic)).slice(0, 2)).toEqual(['bo-y-te', 'bo-cong-an']);
    // unaccented the same
    expect((await withTopic.search({ q: fold(q), limit: 3 })).hits.map((h) => h.document.id).slice(0, 2)).toEqual(['bo-y-te', 'bo-cong-an']);
  });
});
