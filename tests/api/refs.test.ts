import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import request from 'supertest';
import { createApp } from '../../src/server.js';
import { loadConfig } from '../../src/config.js';
import { testEngine } from '../engine/engines.js';
import { findReferences, canonicalize } from '../../src/refs/index.js';
import type { DocumentRecord, PassageRecord } from '../../src/docs/model.js';

/** The fields of API answers these tests read. */
interface Hit { document: { id: string } }
interface Citing { docId: string; reference: { relation: string } }

// sqlite here; Meilisearch through refs.meili.test.ts
const { engine, cleanup } = await testEngine('refs');
const app = createApp(loadConfig({ LOG_LEVEL: 'silent' }), engine);

/** A small corpus: a decree, two official letters with the same number in different years, and documents citing them. */
async function add(id: string, meta: Partial<DocumentRecord>, paragraphs: string[]) {
  const passages: PassageRecord[] = paragraphs.map((text, i) => ({
    id: `${id}:p${i + 1}`, docId: id, ordinal: i, headingPath: '', anchor: `p${i + 1}`, text, refs: findReferences(text),
  }));
  const document: DocumentRecord = {
    id, kind: 'khác', title: paragraphs[0].slice(0, 80), source: { format: 'txt' }, language: 'vi',
    refs: passages.flatMap((p) => p.refs), ...meta,
    refId: meta.number ? canonicalize(meta.number) ?? undefined : undefined,
  };
  if (meta.number && document.kind === 'công văn' && meta.issuedAt) document.refId = `${document.refId}-${meta.issuedAt.slice(0, 4)}`;
  await engine.upsert(document, passages);
}

beforeAll(async () => {
  await engine.init();
  await add('nd-71-2020', { kind: 'nghị định', number: '71/2020/NĐ-CP', issuedAt: '2020-06-30' }, ['Nghị định quy định lộ trình nâng trình độ chuẩn được đào tạo của giáo viên mầm non, tiểu học, trung học cơ sở.']);
  await add('cv-3414-2020', { kind: 'công văn', number: '3414/BGDĐT-GDTrH', issuedAt: '2020-09-04' }, ['Hướng dẫn thực hiện nhiệm vụ giáo dục trung học năm học 2020-2021.']);
  await add('cv-3414-2019', { kind: 'công văn', number: '3414/BGDĐT-GDTrH', issuedAt: '2019-08-10' }, ['Hướng dẫn một nhiệm vụ khác năm 2019.']);
  await add('tb-460', { kind: 'thông báo', number: '460/TB-SGDĐT', issuedAt: '2020-11-30' }, [
    'Thực hiện Công văn số 3414/BGDĐT-GDTrH ngày 04/9/2020 của Bộ Giáo dục và Đào tạo về việc hướng dẫn thực hiện nhiệm vụ giáo dục trung học.',
    'Xây dựng kế hoạch nâng chuẩn trình độ đào tạo giáo viên THCS theo Nghị định số 71/2020/NĐ-CP của Chính phủ.',
  ]);
  await add('kh-12', { kind: 'kế hoạch', issuedAt: '2021-01-05' }, ['Căn cứ Nghị định số 71/2020/NĐ-CP ngày 30/6/2020 của Chính phủ; Sở ban hành kế hoạch.']);
});
afterAll(() => cleanup());

describe('POST /api/citations', () => {
  it('returns every reference with spans, canonical ids, status and linked documents', async () => {
    const text = 'Căn cứ Nghị định số 71/2020/NĐ-CP; Công văn 3414/BGDĐT-GDTrH ngày 04/9/2020; Thông tư 26/2020/TT-BGDĐT.';
    const res = await request(app).post('/api/citations').send({ text }).expect(200);
    const byCanon = Object.fromEntries(res.body.map((r: { canonical: string }) => [r.canonical, r]));
    expect(byCanon['71-2020-nd-cp']).toMatchObject({ status: 200, kind: 'nghị định', relation: 'can-cu' });
    expect(byCanon['71-2020-nd-cp'].documents[0].id).toBe('nd-71-2020');
    expect(text.slice(byCanon['71-2020-nd-cp'].start, byCanon['71-2020-nd-cp'].end)).toBe(byCanon['71-2020-nd-cp'].raw);
    expect(byCanon['3414-bgddt-gdtrh-2020']).toMatchObject({ status: 200 });
    expect(byCanon['3414-bgddt-gdtrh-2020'].documents[0].id).toBe('cv-3414-2020');
    expect(byCanon['26-2020-tt-bgddt']).toMatchObject({ status: 404, documents: [] });
  });

  it('an administrative number without a year is ambiguous: 300 with both candidates', async () => {
    const res = await request(app).post('/api/citations').send({ text: 'theo Công văn 3414/BGDĐT-GDTrH của Bộ' }).expect(200);
    expect(res.body[0]).toMatchObject({ canonical: '3414-bgddt-gdtrh', status: 300 });
    expect(res.body[0].documents.map((d: { id: string }) => d.id).sort()).toEqual(['cv-3414-2019', 'cv-3414-2020']);
  });

  it('refuses texts over 64,000 characters (413) and more than 250 references (422), with clear messages', async () => {
    const big = await request(app).post('/api/citations').send({ text: 'a'.repeat(64_001) }).expect(413);
    expect(big.body.error).toMatchObject({ code: 'payload_too_large' });
    expect(big.body.error.message).toMatch(/64000/);
    const many = Array.from({ length: 260 }, (_, i) => `Nghị định ${i + 1}/2020/NĐ-CP`).join('; ');
    const tooMany = await request(app).post('/api/citations').send({ text: many }).expect(422);
    expect(tooMany.body.error).toMatchObject({ code: 'too_many_references' });
    expect(tooMany.body.error.details).toMatchObject({ found: 260, max: 250 });
  });

  it('validates the body', async () => {
    const res = await request(app).post('/api/citations').send({ txt: 'x' }).expect(400);
    expect(res.body.error.code).toBe('bad_request');
    const notJson = await request(app).post('/api/citations').set('Content-Type', 'application/json').send('{oops').expect(400);
    expect(notJson.body.error.message).toMatch(/JSON/);
  });
});

describe('GET /api/refs', () => {
  it('/api/refs/:canonical → 200 with the document and the passages citing it', async () => {
    const res = await request(app).get('/api/refs/71-2020-nd-cp').expect(200);
    expect(res.body.document.id).toBe('nd-71-2020');
    expect(res.body.citedBy.total).toBe(2);
    const citing = res.body.citedBy.items.map((c: Citing) => c.docId).sort();
    expect(citing).toEqual(['kh-12', 'tb-460']);
    expect(res.body.citedBy.items.find((c: Citing) => c.docId === 'kh-12').reference.relation).toBe('can-cu');
    expect(res.body.citedBy.items[0].link).toMatch(/^\/d\/.+#p\d+$/);
  });

  it('?q= accepts any written form', async () => {
    for (const q of ['Nghị định 71/2020/NĐ-CP', '71/2020/ND-CP', 'nd 71/2020', 'Decree No. 71/2020/ND-CP']) {
      const res = await request(app).get('/api/refs').query({ q });
      expect(res.status, q).toBe(200);
      expect(res.body.document.id, q).toBe('nd-71-2020');
    }
  });

  it('300 with candidates when an administrative number has no year', async () => {
    const res = await request(app).get('/api/refs').query({ q: 'Công văn 3414/BGDĐT-GDTrH' }).expect(300);
    expect(res.body.candidates.map((d: { id: string }) => d.id).sort()).toEqual(['cv-3414-2019', 'cv-3414-2020']);
  });

  it('404 with the parsed reference when the corpus lacks it', async () => {
    const res = await request(app).get('/api/refs').query({ q: 'Thông tư 26/2020/TT-BGDĐT' }).expect(404);
    expect(res.body.error.code).toBe('reference_not_found');
    expect(res.body.error.details.reference).toMatchObject({ canonical: '26-2020-tt-bgddt', kind: 'thông tư' });
    await request(app).get('/api/refs/26-2020-tt-bgddt').expect(404);
  });

  it('400 when q is not a reference, or the canonical id is malformed', async () => {
    const res = await request(app).get('/api/refs').query({ q: 'giáo dục' }).expect(400);
    expect(res.body.error.message).toMatch(/does not look like a document reference/);
    await request(app).get('/api/refs/Not%20An%20Id').expect(400);
  });
});

describe('reference queries in /api/search', () => {
  it.each(['nd 71/2020', '71/2020/NĐ-CP', '71/2020', 'nghị định 71 năm 2020'])('"%s" returns the decree first, then the documents citing it', async (q) => {
    const res = await request(app).get('/api/search').query({ q }).expect(200);
    expect(res.body.hits[0].document.id).toBe('nd-71-2020');
    const ids = res.body.hits.map((h: Hit) => h.document.id);
    expect(ids).toEqual(expect.arrayContaining(['tb-460', 'kh-12']));
    expect(res.body.reference.status).toBe(200);
  });

  it('"cv 3414 gdtrh" finds both letters numbered 3414 as candidates', async () => {
    const res = await request(app).get('/api/search').query({ q: 'cv 3414 gdtrh' }).expect(200);
    expect(res.body.reference.status).toBe(300);
    expect(res.body.hits.slice(0, 2).map((h: Hit) => h.document.id).sort()).toEqual(['cv-3414-2019', 'cv-3414-2020']);
  });

  it('a reference not in the corpus still lists the passages citing it ("tt 26 2020 bgd" → 26/2020/TT-BGDĐT)', async () => {
    await add('kh-26', { kind: 'kế hoạch', issuedAt: '2021-04-01' }, ['Thực hiện Thông tư số 26/2020/TT-BGDĐT về đánh giá học sinh.']);
    const res = await request(app).get('/api/search').query({ q: 'tt 26/2020' }).expect(200);
    expect(res.body.reference.status).toBe(404);
    expect(res.body.hits[0].document.id).toBe('kh-26');
    expect(res.body.hits[0].passages[0].snippet).toContain('<mark>Thông tư số 26/2020/TT-BGDĐT</mark>');
  });

  it('a citing passage comes back with the reference marked', async () => {
    const res = await request(app).get('/api/search').query({ q: '71/2020/NĐ-CP' }).expect(200);
    const tb = res.body.hits.find((h: Hit) => h.document.id === 'tb-460');
    expect(tb.passages[0].snippet).toContain('<mark>Nghị định số 71/2020/NĐ-CP</mark>');
  });
});

describe('citation graph on documents', () => {
  it('outgoing references are resolved (200), ambiguous (300) or unresolved (404)', async () => {
    await add('qd-99', { kind: 'quyết định', number: '99/QĐ-SGDĐT', issuedAt: '2021-02-01' }, [
      'Căn cứ Nghị định số 71/2020/NĐ-CP; theo Công văn 3414/BGDĐT-GDTrH; thay thế Thông tư 26/2020/TT-BGDĐT.',
    ]);
    const res = await request(app).get('/api/documents/qd-99').expect(200);
    const by = Object.fromEntries(res.body.references.map((r: { canonical: string }) => [r.canonical, r]));
    expect(by['71-2020-nd-cp']).toMatchObject({ status: 200, relation: 'can-cu', documents: [{ id: 'nd-71-2020' }] });
    expect(by['3414-bgddt-gdtrh'].status).toBe(300);
    expect(by['26-2020-tt-bgddt']).toMatchObject({ status: 404, documents: [] });
    const page = await request(app).get('/d/qd-99').expect(200);
    expect(page.text).toContain('chưa có trong kho');
    expect(page.text).toContain('href="/?q=26%2F2020%2FTT-BGD%C4%90T"');
  });

  it('"cited by" lists the citing passages with their relation, and amendments give a status hint', async () => {
    await add('tt-sua', { kind: 'thông tư', number: '05/2021/TT-BGDĐT', issuedAt: '2021-03-01' }, [
      'Sửa đổi, bổ sung một số điều của Nghị định số 71/2020/NĐ-CP.',
    ]);
    const res = await request(app).get('/api/documents/nd-71-2020').expect(200);
    expect(res.body.citedBy.items.map((c: Citing) => c.docId)).toEqual(expect.arrayContaining(['tb-460', 'kh-12', 'tt-sua']));
    expect(res.body.citedBy.items.find((c: Citing) => c.docId === 'tt-sua').reference.relation).toBe('sua-doi');
    expect(res.body.statusHint).toMatch(/Có văn bản sửa đổi, bổ sung: 05\/2021\/TT-BGDĐT/);
    const page = await request(app).get('/d/nd-71-2020').expect(200);
    expect(page.text).toContain('Có văn bản sửa đổi, bổ sung');
  });
});

describe('pinpoint links', () => {
  it('/r/{canonical}?at=… lands on the passage that holds the pinpoint', async () => {
    const id = 'tt-cau-truc';
    const passages: PassageRecord[] = [
      { id: `${id}:header`, docId: id, ordinal: 0, headingPath: '', anchor: 'header', text: 'THÔNG TƯ Quy định đánh giá học sinh', refs: [] },
      { id: `${id}:dieu-5`, docId: id, ordinal: 1, headingPath: 'Điều 5. Đánh giá', anchor: 'dieu-5', text: 'Điều 5. Đánh giá\n1. Khoản một.\n2. Khoản hai.', refs: [] },
      { id: `${id}:dieu-6-khoan-1`, docId: id, ordinal: 2, headingPath: 'Điều 6 › Khoản 1', anchor: 'dieu-6-khoan-1', aliases: ['dieu-6'], text: 'Điều 6. Xếp loại\n1. Khoản một.', refs: [] },
    ];
    await engine.upsert({ id, kind: 'thông tư', number: '22/2021/TT-BGDĐT', refId: '22-2021-tt-bgddt', title: 'Quy định đánh giá học sinh', source: { format: 'txt' }, language: 'vi', refs: [] }, passages);
    const khoan = await request(app).get('/r/22-2021-tt-bgddt').query({ at: 'dieu-5-khoan-2' }).expect(302);
    expect(khoan.headers.location).toBe(`/d/${id}#dieu-5`);
    const dieu = await request(app).get('/r/22-2021-tt-bgddt').query({ at: 'dieu-6' }).expect(302);
    expect(dieu.headers.location).toBe(`/d/${id}#dieu-6-khoan-1`);
    const page = await request(app).get(`/d/${id}`).expect(200);
    expect(page.text).toContain('id="dieu-6"'); // the alias anchor exists on the page too
    // a pinpoint written with đ ("điểm đ") becomes the parser's "dd"
    const text = 'theo điểm đ khoản 2 Điều 5 Thông tư 22/2021/TT-BGDĐT';
    const cit = await request(app).post('/api/citations').send({ text }).expect(200);
    expect(cit.body[0].link).toBe('/r/22-2021-tt-bgddt?at=dieu-5-khoan-2-diem-dd');
  });
});
