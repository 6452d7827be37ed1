/**
 * Relations graph (issue 12): typed relations in both directions with evidence, the derived status, the
 * "Lược đồ" panel, and /api/refs + /r/ for a document the corpus only cites. Laws by name at a point in time
 * through POST /api/citations {text, date}.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import request from 'supertest';
import { createApp } from '../../src/server.js';
import { loadConfig } from '../../src/config.js';
import { testEngine } from '../engine/engines.js';
import { findReferences, canonicalize } from '../../src/refs/index.js';
import type { DocumentRecord, PassageRecord } from '../../src/docs/model.js';
import { refreshDerivedStatus, statusTargets } from '../../src/engine/status.js';

const { engine, cleanup } = await testEngine('relations');
const app = createApp(loadConfig({ LOG_LEVEL: 'silent' }), engine);

async function add(id: string, meta: Partial<DocumentRecord>, paragraphs: string[]) {
  const passages: PassageRecord[] = paragraphs.map((text, i) => ({
    id: `${id}:p${i + 1}`, docId: id, ordinal: i, headingPath: `Điều ${i + 1}`, anchor: `dieu-${i + 1}`, text, refs: findReferences(text, { date: meta.issuedAt }),
  }));
  const document: DocumentRecord = {
    id, kind: 'khác', title: paragraphs[0].slice(0, 80), source: { format: 'txt' }, language: 'vi',
    refs: passages.flatMap((p) => p.refs), ...meta, refId: meta.number ? canonicalize(meta.number) ?? undefined : undefined,
  };
  await engine.upsert(document, passages);
  await refreshDerivedStatus(engine, statusTargets(document)); // as ingest does after its writes
}

beforeAll(async () => {
  await engine.init();
  // vbpl-central: Nghị định 311/2025/NĐ-CP amends Nghị định 71/2020/NĐ-CP (text adapted from its Điều 1)
  await add('nd-71-2020', { kind: 'nghị định', number: '71/2020/NĐ-CP', issuedAt: '2020-06-30', title: 'Nghị định quy định lộ trình nâng trình độ chuẩn được đào tạo của giáo viên' },
    ['Căn cứ Luật Giáo dục ngày 14 tháng 6 năm 2019;', 'Nghị định này quy định lộ trình nâng trình độ chuẩn được đào tạo của giáo viên mầm non, tiểu học, trung học cơ sở.']);
  await add('nd-311-2025', { kind: 'nghị định', number: '311/2025/NĐ-CP', issuedAt: '2025-11-26', title: 'Nghị định sửa đổi, bổ sung Nghị định 71/2020/NĐ-CP' },
    ['Sửa đổi, bổ sung một số điều của Nghị định số 71/2020/NĐ-CP ngày 30 tháng 6 năm 2020 của Chính phủ như sau:']);
  await add('tt-05-2024', { kind: 'thông tư', number: '05/2024/TT-BGDĐT', issuedAt: '2024-03-01', title: 'Thông tư thay thế Thông tư 26/2020' },
    ['Thông tư này thay thế Thông tư số 26/2020/TT-BGDĐT ngày 26 tháng 8 năm 2020 của Bộ trưởng Bộ Giáo dục và Đào tạo.']);
});
afterAll(() => cleanup());

describe('GET /api/documents/:id/relations', () => {
  it('an amended document shows who amends it (in) and the derived status with the document and its date', async () => {
    const res = await request(app).get('/api/documents/nd-71-2020/relations').expect(200);
    const amendedBy = res.body.groups.find((g: { key: string }) => g.key === 'sua-doi:in');
    expect(amendedBy.label).toBe('Văn bản sửa đổi, bổ sung');
    expect(amendedBy.items.map((i: { document: { id: string } }) => i.document.id)).toEqual(['nd-311-2025']);
    expect(amendedBy.items[0].evidence).toMatchObject({ docId: 'nd-311-2025', anchor: 'dieu-1' });
    expect(res.body.status).toMatchObject({ status: 'amended', by: [{ id: 'nd-311-2025', issuedAt: '2025-11-26' }] });
    expect(res.body.statusHint).toBe('Có văn bản sửa đổi, bổ sung: 311/2025/NĐ-CP (26/11/2025).');
    // its own basis: Luật Giáo dục of 14/6/2019, absent from this corpus
    expect(res.body.groups.find((g: { key: string }) => g.key === 'can-cu:out').items[0]).toMatchObject({ canonical: '43-2019-qh14', status: 404, document: null });
  });
  it('the amending document shows what it amends (out), with its own passage as evidence', async () => {
    const res = await request(app).get('/api/documents/nd-311-2025/relations').expect(200);
    const amends = res.body.groups.find((g: { key: string }) => g.key === 'sua-doi:out');
    expect(amends.label).toBe('Văn bản bị sửa đổi, bổ sung');
    expect(amends.items[0]).toMatchObject({ canonical: '71-2020-nd-cp', status: 200, document: { id: 'nd-71-2020' } });
    expect(amends.items[0].evidence.text).toContain('Nghị định số 71/2020/NĐ-CP');
    expect(res.body.status).toBeNull();
  });
  it('404 for an unknown document', () => request(app).get('/api/documents/nope/relations').expect(404));
});

describe('document page: the "Lược đồ" panel', () => {
  it('lists both directions, grouped', async () => {
    const page = (await request(app).get('/d/nd-71-2020').expect(200)).text;
    expect(page).toContain('Lược đồ');
    expect(page).toMatch(/Văn bản sửa đổi, bổ sung \(1\)[\s\S]*311\/2025\/NĐ-CP/);
    expect(page).toContain('Văn bản căn cứ (1)');
    const amending = (await request(app).get('/d/nd-311-2025').expect(200)).text;
    expect(amending).toMatch(/Văn bản bị sửa đổi, bổ sung \(1\)[\s\S]*href="\/d\/nd-71-2020"/);
  });
});

describe('a document the corpus only cites', () => {
  it('/api/refs answers 200 with document null, the citing passages and who replaces it', async () => {
    const res = await request(app).get('/api/refs/26-2020-tt-bgddt').expect(200);
    expect(res.body.document).toBeNull();
    expect(res.body.citedBy.total).toBe(1);
    expect(res.body.citedBy.items[0].docId).toBe('tt-05-2024');
    expect(res.body.derivedStatus).toMatchObject({ status: 'replaced', by: [{ id: 'tt-05-2024' }] });
    await request(app).get('/api/refs').query({ q: 'Thông tư 26/2020/TT-BGDĐT' }).expect(200);
  });
  it('/r/ shows the citing passages (200) instead of a bare 404; nothing cites it → 404', async () => {
    const page = (await request(app).get('/r/26-2020-tt-bgddt').expect(200)).text;
    expect(page).toContain('chưa có trong kho');
    expect(page).toContain('05/2024/TT-BGDĐT');
    await request(app).get('/r/99-2099-tt-bgddt').expect(404);
    await request(app).get('/api/refs/99-2099-tt-bgddt').expect(404);
  });
});

describe('POST /api/citations {text, date}: laws by name at a point in time', () => {
  it('the version in force on the date; no date anywhere → 300 with candidates', async () => {
    const dated = await request(app).post('/api/citations').send({ text: 'Căn cứ Luật Doanh nghiệp;', date: '2016-05-10' }).expect(200);
    expect(dated.body[0]).toMatchObject({ canonical: '68-2014-qh13' });
    expect(dated.body[0].candidates).toBeUndefined();
    const undated = await request(app).post('/api/citations').send({ text: 'Căn cứ Luật Doanh nghiệp;' }).expect(200);
    expect(undated.body[0]).toMatchObject({ canonical: '59-2020-qh14', status: 300 });
    expect(undated.body[0].candidates).toEqual(['59-2020-qh14', '68-2014-qh13', '60-2005-qh11']);
    await request(app).post('/api/citations').send({ text: 'x', date: 'yesterday' }).expect(400);
  });
});

describe('derived status: kept on the record after writes, filterable as the status facet', () => {
  it('search ?status=amended finds the amended decree; the facet counts it', async () => {
    const stored = await engine.getDocument('nd-71-2020');
    expect(stored?.document.derivedStatus).toEqual({ status: 'amended', by: [{ id: 'nd-311-2025', number: '311/2025/NĐ-CP', issuedAt: '2025-11-26' }] });
    const all = await request(app).get('/api/search').query({ q: 'nghị định' }).expect(200);
    expect(all.body.facets.status).toEqual([{ value: 'amended', count: 1 }]);
    const res = await request(app).get('/api/search').query({ q: 'nghị định', status: 'amended' }).expect(200);
    expect(res.body.hits.map((h: { document: { id: string } }) => h.document.id)).toEqual(['nd-71-2020']);
    expect((await request(app).get('/api/search').query({ q: 'nghị định', status: 'repealed' }).expect(200)).body.total).toBe(0);
  });
  it('a document written before the one that amends it gets its status when the amending one arrives', async () => {
    await add('luat-x', { kind: 'luật', number: '12/2012/QH13', issuedAt: '2012-06-20', title: 'Luật X' }, ['Luật này quy định về X.']);
    expect((await engine.getDocument('luat-x'))?.document.derivedStatus).toBeUndefined();
    await add('luat-y', { kind: 'luật', number: '50/2024/QH15', issuedAt: '2024-11-27', title: 'Luật Y' }, ['Luật này thay thế Luật số 12/2012/QH13.']);
    expect((await engine.getDocument('luat-x'))?.document.derivedStatus?.status).toBe('replaced');
  });
});
