/**
 * Query understanding end to end over the bundled corpus (corpus/), through the service the API and the
 * pages call: topic queries with numbers stay text searches, references are resolved, mixed queries get both.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parseDocument, refIdFor } from '../../src/docs/parse.js';
import { createService } from '../../src/service/index.js';
import type { SearchRequest } from '../../src/engine/types.js';
import { testEngine } from '../engine/engines.js';
import { SEEDS_DIR } from '../helpers.js';

// sqlite here; understanding.meili.test.ts runs the same cases on Meilisearch
const { engine, cleanup, name } = await testEngine('understanding');
const service = createService(engine);

beforeAll(async () => {
  await engine.init();
  for (const f of readdirSync(SEEDS_DIR).filter((f) => f.endsWith('.txt'))) {
    const parsed = parseDocument({ text: readFileSync(path.join(SEEDS_DIR, f), 'utf8'), format: 'txt', path: `corpus/${f}` });
    await engine.upsert(parsed.document, parsed.passages);
  }
});
afterAll(() => cleanup());

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

describe('a mixed query whose reference is not in the corpus', () => {
  const doc = (n: string, body: string) => parseDocument({ text: `CHÍNH PHỦ\nSố: ${n}/2025/NĐ-CP\nHà Nội, ngày 10 tháng 3 năm 2025\n\nNGHỊ ĐỊNH\nVề thử nghiệm số ${n}\n\nĐiều 1. Phạm vi\n${body}`, format: 'txt', path: `x/nd-${n}.txt` });
  // cites it as a basis and says "thử nghiệm đo lường" often; amends it and says it once
  const basis = doc('901', 'Căn cứ Nghị định số 95/2019/NĐ-CP; thử nghiệm đo lường, thử nghiệm đo lường, thử nghiệm đo lường theo quy định.');
  const amending = doc('902', 'Sửa đổi, bổ sung một số điều của Nghị định số 95/2019/NĐ-CP về thử nghiệm đo lường.');
  beforeAll(async () => { for (const d of [basis, amending]) await engine.upsert(d.document, d.passages); });
  afterAll(async () => { for (const d of [basis, amending]) await engine.delete(d.document.id); });

  it('the citing documents that act on it (amend, replace, guide) come before those that only cite it', async () => {
    const r = await service.search({ q: 'nghị định 95/2019 thử nghiệm đo lường', limit: 10 });
    expect(r.reference?.status).toBe(404);
    expect(r.hits.slice(0, 2).map((h) => h.document.id)).toEqual([amending.document.id, basis.document.id]);
  });
});

describe('a law by its name', () => {
  it('"hien phap", "Hiến pháp 2013": the Constitution (it has no number; named by title and year) found, before the documents citing it', async () => {
    const citing = (n: number) => parseDocument({ text: `QUỐC HỘI\nLuật số: ${n}/2025/QH15\n\nLUẬT\nTHỬ NGHIỆM SỐ ${n}\n\nCăn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\nQuốc hội ban hành Luật Thử nghiệm.\n\nĐiều 1. Phạm vi điều chỉnh\nLuật này quy định về thử nghiệm, theo Hiến pháp.`, format: 'txt', path: `x/luat-${n}.txt` });
    const docs = [citing(91), citing(92), citing(93)];
    const constitution = {
      document: { id: 'hien-phap-test', kind: 'hiến pháp', title: 'Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam', issuedAt: '2013-11-28', refId: refIdFor(undefined, '2013-11-28', { kind: 'hiến pháp', title: 'Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam' }), source: { format: 'txt' }, language: 'vi', refs: [] },
      passages: [{ id: 'hien-phap-test:dieu-1', docId: 'hien-phap-test', ordinal: 0, anchor: 'dieu-1', headingPath: 'Chương I › Điều 1', text: 'Nước Cộng hòa xã hội chủ nghĩa Việt Nam là một nước độc lập, có chủ quyền.', refs: [] }],
    };
    await engine.upsert(constitution.document as never, constitution.passages as never);
    for (const d of docs) await engine.upsert(d.document, d.passages);
    try {
      for (const q of ['hien phap', 'Hiến pháp 2013']) {
        const r = await service.search({ q, limit: 10 });
        expect(r.reference?.status, q).toBe(200);
        expect(r.reference?.documents.map((d) => d.id)).toEqual(['hien-phap-test']);
        expect(r.hits[0].document.id).toBe('hien-phap-test');
        expect(r.hits.map((h) => h.document.id)).toEqual(expect.arrayContaining(docs.map((d) => d.document.id)));
      }
    } finally {
      for (const id of ['hien-phap-test', ...docs.map((d) => d.document.id)]) await engine.delete(id);
    }
  });
});

describe('a kind and a bare number ("thông tư 29") name several documents', () => {
  const doc = (header: string, number: string, title: string, body: string, id: string) => parseDocument({
    text: `${header}\nSố: ${number}\nHà Nội, ngày 10 tháng 3 năm 2025\n\n${title}\n\nĐiều 1. Phạm vi điều chỉnh\n${body}`, format: 'txt', path: `x/${id}.txt`,
  });
  const docs = [
    doc('BỘ TÀI CHÍNH', '29/2025/TT-BTC', 'THÔNG TƯ\nQuy định mức thu phí thẩm định', 'Thông tư này quy định mức thu phí thẩm định hồ sơ.', 'tt29-btc'),
    doc('BỘ GIÁO DỤC VÀ ĐÀO TẠO', '29/2024/TT-BGDĐT', 'THÔNG TƯ\nQuy định về dạy thêm, học thêm', 'Thông tư này quy định về dạy thêm, học thêm có thu tiền.', 'tt29-bgddt'),
    doc('THỦ TƯỚNG CHÍNH PHỦ', '29/2025/QĐ-TTg', 'QUYẾT ĐỊNH\nVề tín dụng đối với học sinh', 'Quyết định này quy định về dạy thêm cho học sinh vay vốn.', 'qd29-ttg'),
  ];
  const ids = (ds: { id: string }[]) => ds.map((d) => d.id).sort();
  beforeAll(async () => { for (const d of docs) await engine.upsert(d.document, d.passages); });
  afterAll(async () => { for (const d of docs) await engine.delete(d.document.id); });

  it('"thông tư 29": the Thông tư numbered 29, not the Quyết định 29', async () => {
    const r = await service.search({ q: 'thông tư 29', limit: 10 });
    expect(r.reference?.status).toBe(300);
    expect(ids(r.reference!.documents)).toEqual(ids(docs.slice(0, 2).map((d) => d.document)));
  });
  it('"thong tu 29 day them hoc them": the candidate holding the other words is the one meant', async () => {
    const r = await service.search({ q: 'thong tu 29 day them hoc them', limit: 10 });
    expect(r.reference?.status).toBe(200);
    expect(r.reference?.documents.map((d) => d.id)).toEqual([docs[1].document.id]);
    expect(r.hits[0].document.id).toBe(docs[1].document.id);
    expect(r.hits.map((h) => h.document.id)).not.toContain(docs[0].document.id);
  });
  it('when no candidate holds the other words, the card lists them all and the text hits are not pushed below them', async () => {
    const r = await service.search({ q: 'thông tư 29 vay vốn', limit: 10 });
    expect(r.reference?.status).toBe(300);
    expect(r.hits[0].document.id).toBe(docs[2].document.id);
    expect(r.hits.map((h) => h.document.id)).not.toContain(docs[0].document.id);
  });
});

describe('honest matching', () => {
  it('"giao duc stem xyzzy" says that "xyzzy" matched nothing and searches the other words', async () => {
    const r = await service.search({ q: 'giao duc stem xyzzy', limit: 10 });
    expect(r.unmatched).toEqual(['xyzzy']);
    expect(r.total).toBeGreaterThan(0);
    // seeds 000 and 002 hold "giáo dục STEM"
    expect(r.hits.slice(0, 2).map((h) => h.document.id.slice(0, 4)).sort()).toEqual(['000_', '002_']);
  });
  it('a misspelt word gets a did-you-mean from the index vocabulary', async () => {
    const r = await service.search({ q: 'giáo dục stemm', limit: 10 });
    expect(r.unmatched).toEqual(['stemm']);
    expect(r.suggestion).toEqual({ q: 'giáo dục stem', words: { stemm: 'stem' } });
  });
  it('a word typed in Telex among accented words is decoded and searched so, and the answer says so', async () => {
    const r = await service.search({ q: 'tuyển sinh lớp 10 giaso', limit: 10 });
    expect(r.decoded).toEqual({ from: 'tuyển sinh lớp 10 giaso', to: 'tuyển sinh lớp 10 giáo' });
    expect(r.unmatched ?? []).toEqual([]);
    expect(r.total).toBeGreaterThan(0);
  });
  it('documents holding every word come before those holding some, and a relaxed answer names what each lacks', async () => {
    const r = await service.search({ q: 'giáo viên STEM Sơn La', limit: 10 });
    expect(r.relaxed).toBe(true);
    // the engine that names what each hit lacks (sqlite; Meilisearch's 'frequency' relaxing does not report it yet)
    if (name === 'sqlite') {
      const lacks = r.hits.map((h) => h.missing?.length ?? 0);
      expect(lacks).toEqual([...lacks].sort((a, b) => a - b));
      expect(r.hits.some((h) => h.missing?.length)).toBe(true);
    }
  });
  it('a reference answer counts the passages it shows', async () => {
    const r = await service.search({ q: 'nd 71/2020', limit: 10 });
    const shown = r.hits.reduce((n, h) => n + h.passages.length, 0);
    expect(shown).toBeGreaterThan(0);
    expect(r.totalPassages).toBeGreaterThanOrEqual(shown);
  });
});

describe('the query is parsed once per request', () => {
  it('every search the service asks of the engine carries its parsed query (the parse of that q), so the engine does not parse again', async () => {
    const { parseQuery } = await import('../../src/query/query.js');
    const seen: SearchRequest[] = [];
    const spy = new Proxy(engine, {
      get(target, prop, receiver) {
        if (prop === 'search') return (req: SearchRequest) => { seen.push(req); return target.search(req); };
        const v = Reflect.get(target, prop, receiver);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
    const svc = createService(spy);
    for (const q of ['tuyển sinh lớp 10', 'nghị định 71/2020 nâng chuẩn giáo viên', 'giao duc stem xyzzy', 'nd 71/2020', 'giaos duc']) {
      seen.length = 0;
      await svc.search({ q, limit: 5 });
      const text = seen.filter((r) => r.q.trim() && (r.limit ?? 10) > 1);
      expect(text.length, q).toBeGreaterThan(0);
      for (const r of text) expect(r.parsed, `${q} → ${r.q}`).toEqual(parseQuery(r.q, { prefix: r.prefix }));
    }
  });
});
