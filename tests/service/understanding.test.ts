/**
 * Query understanding end to end over the bundled corpus (corpus/), through the service the API and the
 * pages call: topic queries with numbers stay text searches, references are resolved, mixed queries get both.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from '../../src/docs/parse.js';
import { SqliteEngine } from '../../src/engine/sqlite/index.js';
import { createService } from '../../src/service/index.js';
import { SEEDS_DIR } from '../helpers.js';

const engine = new SqliteEngine({ file: ':memory:' });
const service = createService(engine);

beforeAll(async () => {
  await engine.init();
  for (const f of readdirSync(SEEDS_DIR).filter((f) => f.endsWith('.txt'))) {
    const parsed = parseDocument({ text: readFileSync(path.join(SEEDS_DIR, f), 'utf8'), format: 'txt', path: `corpus/${f}` });
    await engine.upsert(parsed.document, parsed.passages);
  }
});
afterAll(() => engine.close());

describe('topic queries that carry numbers are text searches', () => {
  it.each(['tuyển sinh lớp 10', 'tuyen sinh lop 10'])('"%s": the Sơn La notice (seed 002) first, no reference answer', async (q) => {
    const r = await service.search({ q, limit: 10 });
    expect(r.reference).toBeUndefined();
    expect(r.hits[0].document.id).toMatch(/^002_/);
  });
  it('"chương trình giáo dục phổ thông 2018" gets no "not in the corpus" reference answer', async () => {
    const r = await service.search({ q: 'chương trình giáo dục phổ thông 2018', limit: 10 });
    expect(r.reference).toBeUndefined();
    expect(r.total).toBeGreaterThan(0);
  });
});

describe('references are still resolved', () => {
  it.each(['nd 71/2020', 'Nghị định 71/2020/NĐ-CP'])('"%s": a reference answer and the passages citing it', async (q) => {
    const r = await service.search({ q, limit: 10 });
    expect(r.reference).toBeDefined();
    expect(r.reference!.rest).toBe('');
    expect(r.reference!.citingTotal).toBeGreaterThan(0);
    // seeds 000 and 004 cite Nghị định 71/2020/NĐ-CP
    const ids = r.hits.slice(0, 2).map((h) => h.document.id.slice(0, 4)).sort();
    expect(ids).toEqual(['000_', '004_']);
  });
  it('a mixed query gets the reference answer and the text hits of its other words, citing documents first', async () => {
    const r = await service.search({ q: 'nghị định 71/2020 nâng chuẩn giáo viên', limit: 10 });
    expect(r.reference?.text).toBe('nghị định 71/2020');
    expect(r.reference?.rest).toBe('nâng chuẩn giáo viên');
    expect(r.hits.length).toBeGreaterThan(0);
    expect(r.hits[0].document.id).toMatch(/^(000|004)_/);
  });
});
