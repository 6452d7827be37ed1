import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import request from 'supertest';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { createApp } from '../../src/server.js';
import { loadConfig } from '../../src/config.js';
import { testEngine } from '../engine/engines.js';
import { parseDocument } from '../../src/docs/parse.js';
import { SEEDS_DIR } from '../helpers.js';

/** The fields of /api/search answers these tests read. */
interface Hit { document: { id: string }; passages: { snippet: string }[] }

/** The words inside <mark> (adjacent matches come back as one mark: "<mark>giáo dục STEM</mark>"). */
const marked = (html: string) => [...html.matchAll(/<mark>(.*?)<\/mark>/g)].map((m) => m[1]).join(' ');

// sqlite here; Meilisearch through api.meili.test.ts
const { engine, cleanup } = await testEngine('api');
const app = createApp(loadConfig({ LOG_LEVEL: 'silent' }), engine);

beforeAll(async () => {
  await engine.init();
  for (const f of readdirSync(SEEDS_DIR).filter((f) => f.endsWith('.txt'))) {
    const text = readFileSync(path.join(SEEDS_DIR, f), 'utf8');
    const parsed = parseDocument({ text, format: 'txt', path: `corpus/${f}` });
    await engine.upsert(parsed.document, parsed.passages);
  }
  // A hostile document: its text must come back escaped everywhere.
  const evil = parseDocument({ id: 'evil', text: 'Tài liệu <script>alert(1)</script> <img src=x onerror=alert(2)> về giáo dục hòa nhập & kỹ năng', format: 'txt' });
  await engine.upsert(evil.document, evil.passages);
});
afterAll(() => cleanup());

describe('GET /api/search', () => {
  it('finds the STEM seed without diacritics, with a highlighted snippet and permalinks', async () => {
    const res = await request(app).get('/api/search').query({ q: 'giao duc stem' }).expect(200);
    expect(res.body.total).toBeGreaterThan(0);
    // Seed 000 is the news item about STEM education; seed 002 also has a section on it.
    const top = res.body.hits.find((h: Hit) => h.document.id.startsWith('000_'));
    expect(top).toBeDefined();
    const p = top.passages[0];
    expect(marked(p.snippet)).toMatch(/\bSTEM\b/);
    expect(p.link).toBe(`/d/${encodeURIComponent(top.document.id)}#${encodeURIComponent(p.anchor)}`);
    expect(top.document.link).toBe(`/d/${encodeURIComponent(top.document.id)}`);
  });

  it('matches regardless of diacritics: "chuong trinh giao duc pho thong" finds "chương trình giáo dục phổ thông"', async () => {
    const res = await request(app).get('/api/search').query({ q: 'chuong trinh giao duc pho thong' }).expect(200);
    expect(res.body.total).toBeGreaterThan(0);
    const snippets = res.body.hits.flatMap((h: Hit) => h.passages.map((p: Hit['passages'][number]) => p.snippet)).join(' ');
    // "giáo dục phổ thông" is a known long form (↔ GDPT), so it is matched and marked as one phrase.
    expect(marked(snippets)).toContain('chương trình giáo dục phổ thông');
    expect(marked(snippets)).toContain('GDPT');
  });

  it('"dao tao" finds "đào tạo" and the accented query finds the same documents', async () => {
    const plain = await request(app).get('/api/search').query({ q: 'dao tao' }).expect(200);
    const accented = await request(app).get('/api/search').query({ q: 'đào tạo' }).expect(200);
    expect(plain.body.total).toBeGreaterThan(0);
    expect(accented.body.total).toBe(plain.body.total);
    expect(marked(plain.body.hits[0].passages[0].snippet)).toMatch(/[Đđ]ào tạo/);
  });

  it('"chủ trương" and "chu truong" find seed 002 (glued PDF text repaired) with its parsed header', async () => {
    for (const q of ['chủ trương', 'chu truong']) {
      const res = await request(app).get('/api/search').query({ q }).expect(200);
      const hit = res.body.hits.find((h: Hit) => h.document.id.startsWith('002_'));
      expect(hit, q).toBeDefined();
      expect(marked(hit.passages.map((p: Hit['passages'][number]) => p.snippet).join(' '))).toMatch(/chủ trương/i);
    }
    const seed = (await request(app).get('/api/search').query({ q: 'chu truong' })).body.hits.find((h: Hit) => h.document.id.startsWith('002_')).document.id;
    const doc = (await request(app).get(`/api/documents/${encodeURIComponent(seed)}`).expect(200)).body.document;
    expect(doc).toMatchObject({
      number: '460/TB-SGDĐT', issuedAt: '2020-11-30', kind: 'thông báo', signer: 'Nguyễn Huy Hoàng', refId: '460-tb-sgddt-2020',
    });
    // canonical names from the authority registry (src/kinds/issuers.ts)
    expect(doc.issuer).toBe('Sở Giáo dục và Đào tạo Sơn La');
    expect(doc.parentIssuer).toBe('Ủy ban nhân dân tỉnh Sơn La');
  });

  it('decodes Telex and VNI typing when the query as typed finds little', async () => {
    for (const [q, decoded] of [['giaos ducj stem', 'giáo dục stem'], ['nghij ddinhj 71/2020', 'nghị định 71/2020'], ['gia1o du5c stem', 'giáo dục stem']]) {
      const res = await request(app).get('/api/search').query({ q }).expect(200);
      expect(res.body.decoded, q).toEqual({ from: q, to: decoded });
      expect(res.body.total, q).toBeGreaterThan(0);
    }
    const plain = await request(app).get('/api/search').query({ q: 'giao duc stem' }).expect(200);
    expect(plain.body.decoded).toBeUndefined();
  });

  it('escapes document text: only <mark> is markup', async () => {
    const res = await request(app).get('/api/search').query({ q: 'hoa nhap' }).expect(200);
    const snippet = res.body.hits[0].passages[0].snippet as string;
    expect(snippet).toContain('&lt;script&gt;');
    expect(snippet).not.toMatch(/<(?!\/?mark>)/);
  });

  it('paginates over documents with a stable total', async () => {
    const all = await request(app).get('/api/search').query({ q: 'giao duc', limit: 50 }).expect(200);
    const page2 = await request(app).get('/api/search').query({ q: 'giao duc', limit: 2, offset: 2 }).expect(200);
    expect(page2.body.total).toBe(all.body.total);
    expect(page2.body.hits.map((h: Hit) => h.document.id)).toEqual(all.body.hits.slice(2, 4).map((h: Hit) => h.document.id));
  });

  it('rejects bad parameters with a catalogue error naming the field', async () => {
    const res = await request(app).get('/api/search').query({ q: 'x', limit: 'lots' }).expect(400);
    expect(res.body.error.code).toBe('bad_request');
    expect(res.body.error.details[0].field).toBe('limit');
    const unknown = await request(app).get('/api/search').query({ q: 'x', colour: 'red' }).expect(400);
    expect(unknown.body.error.message).toMatch(/colour/);
  });

  it('accepts odd input without errors (FTS syntax characters are quoted)', async () => {
    for (const q of ['"', 'tt-bgddt', '71/2020', 'a OR b', 'NEAR(x y)', '*', '(((', "o'reilly", 'x:y']) {
      const res = await request(app).get('/api/search').query({ q });
      expect(res.status, q).toBe(200);
    }
  });
});

describe('documents, health, pages', () => {
  it('GET /api/documents/:id returns the document with passages; unknown → 404 JSON', async () => {
    const res = await request(app).get('/api/documents/evil').expect(200);
    expect(res.body.document.id).toBe('evil');
    expect(res.body.passages.length).toBeGreaterThan(0);
    const seed = (await request(app).get('/api/search').query({ q: 'stem' })).body.hits[0].document.id;
    const doc = await request(app).get(`/api/documents/${encodeURIComponent(seed)}`).expect(200);
    expect(doc.body.document.source.path).toMatch(/^00\d_[0-9a-f]+\.txt$/); // the file's name, not the server's folders
    const missing = await request(app).get('/api/documents/nope').expect(404);
    expect(missing.body.error.code).toBe('not_found');
  });

  it('a document read from several files (one by OCR) lists each source by file name and format, in the API and on its page', async () => {
    const parsed = parseDocument({ id: 'multi', text: 'Điều 1. Phạm vi\nQuy định về dạy thêm, học thêm.', format: 'doc', path: '/srv/data/secret/tt29.doc' });
    const doc = { ...parsed.document.source };
    const scan = { path: '/srv/data/secret/tt29-scan.pdf', format: 'pdf', ocr: { engine: 'tesseract 5.3.0 (vie)', confidence: 87.4, pages: [{ page: 1, confidence: 87.4, words: 210 }] } };
    await engine.upsert({ ...parsed.document, sources: [doc, scan] }, parsed.passages);
    const res = await request(app).get('/api/documents/multi').expect(200);
    expect(res.body.document.source.path).toBe('tt29.doc');
    expect(res.body.document.sources.map((x: { path: string; format: string; ocr?: { confidence: number } }) => [x.path, x.format, x.ocr?.confidence])).toEqual([['tt29.doc', 'doc', undefined], ['tt29-scan.pdf', 'pdf', 87.4]]);
    const page = await request(app).get('/d/multi').expect(200);
    expect(page.text).toContain('<li>tt29.doc <span class="format">(DOC)</span></li><li>tt29-scan.pdf <span class="format">(PDF, OCR: độ tin cậy 87% (1 trang))</span></li>');
    expect(page.text).not.toContain('/srv/data');
  });

  it('GET /api/health reports the engine', async () => {
    const res = await request(app).get('/api/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', engine: { ok: true, engine: engine.name } });
  });

  it('unknown API routes answer JSON 404', async () => {
    const res = await request(app).get('/api/nothing-here').expect(404);
    expect(res.body.error.code).toBe('not_found');
  });

  it('the search page says which words matched nothing, suggests a spelling, and offers a date range', async () => {
    const res = await request(app).get('/').query({ q: 'giao duc stem xyzzy' }).expect(200);
    expect(res.text).toContain('Không tìm thấy: <strong>xyzzy</strong>');
    expect(res.text).toMatch(/<input type="date" name="from"/);
    const api = await request(app).get('/api/search').query({ q: 'giao duc stemm' }).expect(200);
    expect(api.body.unmatched).toEqual(['stemm']);
    expect(api.body.suggestion.q).toBe('giao duc stem');
    // an empty date field of the form is no bound; a date range filters
    await request(app).get('/').query({ q: 'giao duc', from: '', to: '' }).expect(200);
    const none = await request(app).get('/api/search').query({ q: 'giao duc', from: '2030-01-01' }).expect(200);
    expect(none.body.total).toBe(0);
  });

  it('the search page renders results in Vietnamese with escaped text and a strict CSP', async () => {
    const res = await request(app).get('/').query({ q: 'hoa nhap' }).expect(200);
    expect(res.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(res.text).toContain('văn bản');
    expect(res.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(res.text).not.toContain('<script>alert(1)</script>');
    expect(res.text).not.toMatch(/<img src=x/);
  });

  it('the document page highlights the searched words and escapes the text', async () => {
    const res = await request(app).get('/d/evil').query({ q: 'giao duc' }).expect(200);
    expect(res.text).toContain('<mark>giáo</mark> <mark>dục</mark>');
    expect(res.text).toContain('&lt;img src=x onerror=alert(2)&gt;');
    const missing = await request(app).get('/d/nope').expect(404);
    expect(missing.text).toContain('Không tìm thấy văn bản');
  });

  it('exposes Prometheus metrics', async () => {
    const res = await request(app).get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.text).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/api\/search",status="200"\} \d+/);
  });
});
