/**
 * A document page and POST /api/citations cost a bounded number of engine calls, whatever the number of
 * references they resolve (batch lookups: SearchEngine.findByRefIds / citingCounts). Counted through
 * a wrapping engine on a document citing 200 distinct documents (100 in the corpus, 100 not).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import request from 'supertest';
import { createApp } from '../../src/server.js';
import { loadConfig } from '../../src/config.js';
import { SqliteEngine } from '../../src/engine/sqlite/index.js';
import type { SearchEngine } from '../../src/engine/types.js';
import { canonicalize, findReferences } from '../../src/refs/index.js';
import type { DocumentRecord, PassageRecord } from '../../src/docs/model.js';

/** The engine, with every method call counted by name. */
function counting(engine: SearchEngine): { engine: SearchEngine; calls: Map<string, number>; total(): number } {
  const calls = new Map<string, number>();
  const proxy = new Proxy(engine, {
    get(target, prop) {
      const v = Reflect.get(target, prop, target);
      if (typeof v !== 'function' || typeof prop !== 'string') return v;
      return (...args: unknown[]) => { calls.set(prop, (calls.get(prop) ?? 0) + 1); return v.apply(target, args); };
    },
  });
  return { engine: proxy, calls, total: () => [...calls.values()].reduce((a, b) => a + b, 0) };
}

const inner = new SqliteEngine({ file: ':memory:' });
const counted = counting(inner);
const app = createApp(loadConfig({ LOG_LEVEL: 'silent' }), counted.engine);

function doc(id: string, number: string, issuedAt: string, paragraphs: string[]): { document: DocumentRecord; passages: PassageRecord[] } {
  const passages: PassageRecord[] = paragraphs.map((text, i) => ({
    id: `${id}:p${i + 1}`, docId: id, ordinal: i, headingPath: '', anchor: `p${i + 1}`, text, refs: findReferences(text),
  }));
  return {
    document: {
      id, kind: 'nghị định', number, refId: canonicalize(number) ?? undefined, issuedAt, title: `Nghị định ${number}`,
      source: { format: 'txt' }, language: 'vi', refs: passages.flatMap((p) => p.refs),
    } as DocumentRecord,
    passages,
  };
}

// 100 decrees in the corpus (N/2020/NĐ-CP) and 100 cited but absent (N/2019/NĐ-CP).
const cited = Array.from({ length: 100 }, (_, i) => [`${i + 1}/2020/NĐ-CP`, `${i + 1}/2019/NĐ-CP`]).flat();
const text = cited.map((n) => `Căn cứ Nghị định số ${n} của Chính phủ.`);

beforeAll(async () => {
  await inner.init();
  for (let i = 1; i <= 100; i++) {
    const d = doc(`nd-${i}-2020`, `${i}/2020/NĐ-CP`, '2020-06-30', [`Nghị định quy định nội dung số ${i}.`]);
    await inner.upsert(d.document, d.passages);
  }
  // another document citing one of the absent decrees: the page says it is cited elsewhere
  const other = doc('nd-500-2021', '500/2021/NĐ-CP', '2021-02-01', ['Thực hiện Nghị định số 1/2019/NĐ-CP của Chính phủ.']);
  await inner.upsert(other.document, other.passages);
  const big = doc('qd-big', '999/2021/NĐ-CP', '2021-01-01', text);
  await inner.upsert(big.document, big.passages);
});
afterAll(() => inner.close());

describe('engine calls per request, with 200 references', () => {
  it('a document page: a bounded number of engine calls, every reference resolved', async () => {
    counted.calls.clear();
    const res = await request(app).get('/d/qd-big');
    expect(res.status).toBe(200);
    console.log(`[page-calls] GET /d/qd-big (200 references): ${counted.total()} engine calls`, Object.fromEntries(counted.calls));
    expect(counted.total()).toBeLessThanOrEqual(4);
    // resolved: a link titled with the document; absent: "chưa có trong kho"
    for (let i = 1; i <= 100; i += 33) expect(res.text).toContain(`title="Nghị định ${i}/2020/NĐ-CP"`);
    expect(res.text.match(/chưa có trong kho ·/g)?.length).toBe(100);
    expect(res.text.match(/chỗ khác dẫn chiếu/g)?.length).toBe(1);
    expect(res.text).toMatch(/>1\/2019\/NĐ-CP<\/span>[^<]*(<span class="badge rel">[^<]*<\/span>)? <small class="muted">chưa có trong kho · 1 chỗ khác dẫn chiếu/);
  });

  it('POST /api/citations: a bounded number of engine calls, statuses right', async () => {
    counted.calls.clear();
    const res = await request(app).post('/api/citations').send({ text: text.join(' ') });
    expect(res.status).toBe(200);
    console.log(`[page-calls] POST /api/citations (200 references): ${counted.total()} engine calls`, Object.fromEntries(counted.calls));
    expect(counted.total()).toBeLessThanOrEqual(2);
    expect(res.body.length).toBe(200);
    expect(res.body.filter((r: { status: number }) => r.status === 200).length).toBe(100);
    expect(res.body.filter((r: { status: number }) => r.status === 404).length).toBe(100);
    const one = res.body.find((r: { canonical: string }) => r.canonical === '7-2020-nd-cp');
    expect(one.documents.map((d: { id: string }) => d.id)).toEqual(['nd-7-2020']);
  });
});
