/**
 * Page routes (src/site/routes.ts): PUBLIC_SEARCH=false closes every page route, failures are HTML
 * pages with the catalogue's status, a missing asset is a 404 (not a 500).
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server.js';
import { loadConfig } from '../../src/config.js';
import { parseDocument } from '../../src/docs/parse.js';
import { SqliteEngine } from '../../src/engine/sqlite/index.js';

const engine = new SqliteEngine({ file: ':memory:' });
beforeAll(async () => {
  await engine.init();
  const d = parseDocument({ id: 'tt-26', text: 'BỘ GIÁO DỤC VÀ ĐÀO TẠO\nSố: 26/2020/TT-BGDĐT\nTHÔNG TƯ\nQuy định đánh giá học sinh\nĐiều 1. Phạm vi\nThông tư này quy định về đánh giá học sinh trung học cơ sở.', format: 'txt' });
  await engine.upsert(d.document, d.passages);
});
afterAll(() => engine.close());

describe('PUBLIC_SEARCH=false', () => {
  const closed = createApp(loadConfig({ LOG_LEVEL: 'silent', PUBLIC_SEARCH: 'false' }), engine);
  const open = createApp(loadConfig({ LOG_LEVEL: 'silent' }), engine);

  it('closes every page route with an HTML 403 page', async () => {
    for (const url of ['/', '/?q=hoc+sinh', '/d/tt-26', '/r/26-2020-tt-bgddt']) {
      const res = await request(closed).get(url);
      expect(res.status, url).toBe(403);
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
      expect(res.text, url).toContain('Tra cứu công khai đang tắt');
      expect(res.text, url).not.toContain('Phạm vi');
    }
  });

  it('the same routes are open by default', async () => {
    await request(open).get('/d/tt-26').expect(200);
    await request(open).get('/r/26-2020-tt-bgddt').expect(302);
    await request(open).get('/?q=hoc+sinh').expect(200);
  });

  it('the stylesheet stays reachable (the 403 page uses it)', async () => {
    await request(closed).get('/assets/style.css').expect(200);
  });
});

describe('page failures are HTML pages', () => {
  const app = createApp(loadConfig({ LOG_LEVEL: 'silent' }), engine);

  it('a missing asset is 404, not 500', async () => {
    const res = await request(app).get('/assets/nope.css');
    expect(res.status).toBe(404);
    await request(app).get('/assets/../package.json').expect(404);
  });

  it('an engine failure on a document page is an HTML 500 page; API errors stay JSON', async () => {
    const broken = Object.create(engine, { getDocument: { value: () => Promise.reject(new Error('boom')) } }) as SqliteEngine;
    const failing = createApp(loadConfig({ LOG_LEVEL: 'silent' }), broken);
    const page = await request(failing).get('/d/tt-26');
    expect(page.status).toBe(500);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('Lỗi hệ thống');
    const api = await request(failing).get('/api/documents/tt-26');
    expect(api.status).toBe(500);
    expect(api.body.error.code).toBe('internal');
  });
});

describe('the reference card', () => {
  it('a document without a number (the Constitution) is named as typed and listed by its title once, not as "the document with this number"', async () => {
    const title = 'Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam';
    const c = parseDocument({ id: 'hien-phap', text: `QUỐC HỘI\nHIẾN PHÁP\nNƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐiều 1. Nước Cộng hòa xã hội chủ nghĩa Việt Nam là một nước độc lập.`, format: 'txt',
      meta: { title, kind: 'hiến pháp', issuedAt: '2013-11-28' } });
    expect(c.document.refId).toBe('hien-phap-2013');
    await engine.upsert(c.document, c.passages);
    const app = createApp(loadConfig({ LOG_LEVEL: 'silent' }), engine);
    const res = await request(app).get('/?q=hien+phap+2013').expect(200);
    const card = /<div class="notice" role="note"><strong>[\s\S]*?<\/div>/.exec(res.text)?.[0] ?? '';
    expect(card).toContain('Văn bản “hien phap 2013”:');
    expect(card).not.toContain('số hiệu');
    expect(card.split(title).length - 1).toBe(1);
  });
});
