import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { SqliteEngine } from '../../src/engine/sqlite/index.js';
import type { DocumentRecord } from '../../src/docs/model.js';

// "Cộng hoà" and "Cộng hòa" are the same words (old and new tone placement, both in vbpl.vn headers):
// an accented query ranks both above the folded-only "cong hoa"-like words with other marks.
const engine = new SqliteEngine({ file: ':memory:' });
const doc = (id: string, text: string) => engine.upsert(
  { id, kind: 'khác', title: id, source: { format: 'txt' }, language: 'vi', refs: [] } as DocumentRecord,
  [{ id: `${id}:p1`, docId: id, ordinal: 0, headingPath: '', anchor: 'p1', text, refs: [] }],
);
beforeAll(async () => {
  await engine.init();
  await doc('old-style', 'Chương trình hoà nhập cho học sinh khuyết tật');
  await doc('other-marks', 'Chương trình hỏa tốc cho học sinh');
  await doc('new-style', 'Chương trình hòa nhập cho học sinh khuyết tật');
});
afterAll(() => engine.close());

describe('accent-aware ranking with either tone placement', () => {
  it.each(['hòa', 'hoà'])('"%s" ranks both placements above other marks', async (q) => {
    const r = await engine.search({ q });
    const ids = r.hits.map((h) => h.document.id);
    expect(ids).toHaveLength(3);
    expect(ids.indexOf('other-marks')).toBe(2);
  });
});
