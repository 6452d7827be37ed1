/**
 * Portal keys, scopes, CORS, rate limits and admin endpoints (src/api/security.ts, src/api/admin.ts).
 * Documents are built directly as records (no parser), so these tests depend only on the API layer and the engine.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import request from 'supertest';
import { createApp } from '../../src/server.js';
import { loadConfig } from '../../src/config.js';
import { SqliteEngine } from '../../src/engine/sqlite/index.js';
import type { SearchEngine } from '../../src/engine/types.js';
import { testEngine } from '../engine/engines.js';
import { matchKey, safeEqual } from '../../src/api/security.js';
import { applyScope, inScope } from '../../src/service/scope.js';
import type { DocumentRecord, PassageRecord } from '../../src/docs/model.js';
import { createHash } from 'node:crypto';
import { createUploadIngest } from '../../ingest/upload.js';

const PORTAL_A = 'https://sgddt.sonla.example';
const PORTAL_B = 'https://pgd.example';
const KEY_A = 'key-a-0123456789abcdef';
const KEY_B = 'key-b-0123456789abcdef';
const KEY_SLOW = 'key-slow-0123456789abcdef';
const KEY_PREFIX = 'key-prefix-0123456789abcdef';
const ADMIN = 'admin-token-0123456789';

const keys = [
  { key: KEY_A, name: 'son-la', origins: [PORTAL_A], scope: { issuer: ['Sở GD&ĐT Sơn La'] } },
  { key: KEY_B, name: 'pgd', origins: [PORTAL_B] },
  { key: KEY_SLOW, name: 'slow', origins: [], ratePerMinute: 2 },
  { key: KEY_PREFIX, name: 'prefix', origins: [], scope: { docIdPrefix: ['sl-'] } },
];

function record(id: string, issuer: string, kind: string, text: string): { document: DocumentRecord; passages: PassageRecord[] } {
  return {
    document: { id, kind, issuer, title: `Văn bản ${id}`, source: { format: 'txt' }, language: 'vi', refs: [] },
    passages: [{ id: `${id}:p1`, docId: id, ordinal: 0, headingPath: 'Điều 1', anchor: 'dieu-1', text, refs: [] }],
  };
}

// Stored issuers are canonical (the pipeline resolves them through src/kinds/issuers.ts); scopes and filters may be
// written in any spelling of the registry ("Sở GD&ĐT Sơn La" above).
const SL = 'Sở Giáo dục và Đào tạo Sơn La';
const DOCS = [
  record('sl-1', SL, 'công văn', 'Hướng dẫn giáo dục hòa nhập cho học sinh khuyết tật.'),
  record('sl-2', SL, 'kế hoạch', 'Kế hoạch giáo dục STEM năm học 2024-2025.'),
  record('bo-1', 'Bộ Giáo dục và Đào tạo', 'thông tư', 'Quy định đánh giá học sinh trung học cơ sở; giáo dục phổ thông.'),
  record('hn-1', 'Sở Giáo dục và Đào tạo Hà Nội', 'công văn', 'Giáo dục kỹ năng sống cho học sinh tiểu học.'),
];

function makeApp(env: Record<string, string> = {}, deps: Parameters<typeof createApp>[2] = {}, engine: SearchEngine = new SqliteEngine({ file: ':memory:' })) {
  const app = createApp(loadConfig({ LOG_LEVEL: 'silent', PORTAL_KEYS: JSON.stringify(keys), ...env }), engine, deps);
  return { engine, app };
}

// the portal-scope app: sqlite here, Meilisearch through security.meili.test.ts (the other apps test the API layer alone)
const mainEngine = await testEngine('security');
const main = makeApp({ CORS_ORIGINS: 'https://public.example', ADMIN_TOKEN: ADMIN, MAX_UPLOAD_MB: '0.01' }, {
  ingestFile: async (name, bytes) => {
    if (name.endsWith('.bad')) return { documents: [], notes: ['no text'] };
    const r = record(`up-${name.replace(/\W+/g, '-')}`, SL, 'công văn', bytes.toString('utf8'));
    await main.engine.upsert(r.document, r.passages);
    return { documents: [r.document.id], notes: [] };
  },
  ingestRecord: (rec) => createUploadIngest(main.engine).ingestRecord(rec),
}, mainEngine.engine);
const app = main.app;

beforeAll(async () => {
  await main.engine.init();
  for (const d of DOCS) await main.engine.upsert(d.document, d.passages);
});
afterAll(() => mainEngine.cleanup());

const ids = (res: request.Response) => res.body.hits.map((h: { document: { id: string } }) => h.document.id).sort();

describe('portal keys and scopes', () => {
  it('public search (no key) sees every issuer', async () => {
    const res = await request(app).get('/api/search').query({ q: 'giao duc' }).expect(200);
    expect(ids(res)).toEqual(['bo-1', 'hn-1', 'sl-1', 'sl-2']);
  });

  it('a key scoped to one issuer never returns another issuer, by header or by ?key=', async () => {
    const byHeader = await request(app).get('/api/search').set('X-Api-Key', KEY_A).query({ q: 'giao duc' }).expect(200);
    expect(ids(byHeader)).toEqual(['sl-1', 'sl-2']);
    // ?key= is accepted although the search schema is strict (the gate removes it from the URL)
    const byQuery = await request(app).get('/api/search').query({ q: 'giao duc', key: KEY_A }).expect(200);
    expect(ids(byQuery)).toEqual(['sl-1', 'sl-2']);
    expect(byQuery.body.facets.issuer).toEqual([{ value: SL, count: 2 }]);
  });

  it('a scoped caller may narrow but never widen its scope', async () => {
    const other = await request(app).get('/api/search').set('X-Api-Key', KEY_A).query({ q: 'giao duc', issuer: 'Bộ GD&ĐT' }).expect(200);
    expect(other.body.total).toBe(0);
    const narrower = await request(app).get('/api/search').set('X-Api-Key', KEY_A).query({ q: 'giao duc', kind: 'kế hoạch' }).expect(200);
    expect(ids(narrower)).toEqual(['sl-2']);
    const empty = await request(app).get('/api/search').set('X-Api-Key', KEY_A).query({ q: '' }).expect(200);
    expect(ids(empty)).toEqual(['sl-1', 'sl-2']);
  });

  it('a docId-prefix scope filters searches too', async () => {
    const res = await request(app).get('/api/search').set('X-Api-Key', KEY_PREFIX).query({ q: 'giao duc' }).expect(200);
    expect(ids(res)).toEqual(['sl-1', 'sl-2']);
  });

  it('a scoped key cannot read a document outside its scope (404, as if absent)', async () => {
    await request(app).get('/api/documents/sl-1').set('X-Api-Key', KEY_A).expect(200);
    const res = await request(app).get('/api/documents/bo-1').set('X-Api-Key', KEY_A).expect(404);
    expect(res.body.error.code).toBe('not_found');
    await request(app).get('/api/documents/bo-1/cited-by').set('X-Api-Key', KEY_A).expect(404);
    await request(app).get('/api/documents/bo-1').set('X-Api-Key', KEY_B).expect(200);
  });

  it("a scoped key's \"cited by\" lists and counts only citing documents inside its scope, and pages over them", async () => {
    // sl-3 (in scope) and hn-2 (out of scope) both cite sl-1 (refId 12-sgddt-2024).
    const cite = (id: string, issuer: string) => {
      const text = 'Thực hiện Công văn số 12/SGDĐT ngày 05/3/2024 của Sở.';
      const r = record(id, issuer, 'kế hoạch', text);
      const start = text.indexOf('Công văn');
      r.passages[0].refs = [{ raw: 'Công văn số 12/SGDĐT', start, end: start + 'Công văn số 12/SGDĐT'.length, family: 'administrative', canonical: '12-sgddt-2024', relation: 'mention', issuerCodes: [] }];
      return r;
    };
    const target = DOCS[0];
    await main.engine.upsert({ ...target.document, refId: '12-sgddt-2024' }, target.passages);
    for (const r of [cite('sl-3', SL), cite('hn-2', 'Sở Giáo dục và Đào tạo Hà Nội')]) await main.engine.upsert(r.document, r.passages);
    const open = await request(app).get('/api/documents/sl-1/cited-by').expect(200);
    expect(open.body.total).toBe(2);
    const scoped = await request(app).get('/api/documents/sl-1/cited-by').set('X-Api-Key', KEY_A).expect(200);
    expect(scoped.body).toMatchObject({ total: 1, items: [{ docId: 'sl-3' }] });
    const page2 = await request(app).get('/api/documents/sl-1/cited-by').query({ offset: 1 }).set('X-Api-Key', KEY_A).expect(200);
    expect(page2.body).toMatchObject({ total: 1, items: [] });
    const doc = await request(app).get('/api/documents/sl-1').set('X-Api-Key', KEY_A).expect(200);
    expect(doc.body.citedBy.total).toBe(1);
    const ref = await request(app).get('/api/refs/12-sgddt-2024').set('X-Api-Key', KEY_A).expect(200);
    expect(ref.body.citedBy).toMatchObject({ total: 1, items: [{ docId: 'sl-3' }] });
    for (const id of ['sl-3', 'hn-2']) await main.engine.delete(id);
    await main.engine.upsert(target.document, target.passages);
  });

  it('an unknown key is refused with 401 from the catalogue', async () => {
    const res = await request(app).get('/api/search').set('X-Api-Key', 'not-a-key-0123456789').query({ q: 'x' }).expect(401);
    expect(res.body.error.code).toBe('unauthorized');
  });

  it('without PUBLIC_SEARCH a key is required; health stays open', async () => {
    const closed = makeApp({ PUBLIC_SEARCH: 'false' });
    await closed.engine.init();
    const res = await request(closed.app).get('/api/search').query({ q: 'x' }).expect(401);
    expect(res.body.error.message).toMatch(/API key/);
    await request(closed.app).get('/api/search').set('X-Api-Key', KEY_B).query({ q: 'x' }).expect(200);
    await request(closed.app).get('/api/health').expect(200);
    // every page route is closed too (else it would bypass the setting): search, documents, references
    const page = await request(closed.app).get('/').query({ q: 'giao duc' }).expect(403);
    expect(page.text).toContain('Tra cứu công khai đang tắt');
    const r = record('p-1', 'Bộ GD&ĐT', 'thông tư', 'Văn bản công khai.');
    await closed.engine.upsert(r.document, r.passages);
    await request(closed.app).get('/d/p-1').expect(403);
    await request(closed.app).get('/api/documents/p-1').set('X-Api-Key', KEY_B).expect(200);
    await closed.engine.close();
  });
});

describe('CORS per key', () => {
  it('an allowed origin gets Access-Control-Allow-Origin for itself only, with Vary: Origin', async () => {
    const res = await request(app).get('/api/search').set('Origin', PORTAL_A).query({ q: 'giao duc', key: KEY_A }).expect(200);
    expect(res.headers['access-control-allow-origin']).toBe(PORTAL_A);
    expect(res.headers.vary).toMatch(/Origin/);
  });

  it('an origin not allowed for the key gets 403 and no CORS grant', async () => {
    const res = await request(app).get('/api/search').set('Origin', PORTAL_B).query({ q: 'giao duc', key: KEY_A }).expect(403);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.body.error.code).toBe('forbidden');
  });

  it('keyless calls: CORS_ORIGINS are granted, other origins are not', async () => {
    const ok = await request(app).get('/api/search').set('Origin', 'https://public.example').query({ q: 'x' }).expect(200);
    expect(ok.headers['access-control-allow-origin']).toBe('https://public.example');
    const no = await request(app).get('/api/search').set('Origin', 'https://evil.example').query({ q: 'x' }).expect(403);
    expect(no.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('preflight: allowed origins get the grant, others do not', async () => {
    const ok = await request(app).options('/api/search').set('Origin', PORTAL_A).set('Access-Control-Request-Method', 'GET')
      .set('Access-Control-Request-Headers', 'x-api-key').expect(204);
    expect(ok.headers['access-control-allow-origin']).toBe(PORTAL_A);
    expect(ok.headers['access-control-allow-headers']).toMatch(/X-Api-Key/i);
    const no = await request(app).options('/api/search').set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'GET');
    expect(no.status).toBe(403);
    expect(no.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('rate limits', () => {
  it('per key: 429 with Retry-After and a catalogue error once the key\'s budget is spent', async () => {
    await request(app).get('/api/search').set('X-Api-Key', KEY_SLOW).query({ q: 'a' }).expect(200);
    await request(app).get('/api/search').set('X-Api-Key', KEY_SLOW).query({ q: 'b' }).expect(200);
    const res = await request(app).get('/api/search').set('X-Api-Key', KEY_SLOW).query({ q: 'c' }).expect(429);
    expect(res.body.error.code).toBe('rate_limited');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(60);
    // other keys are not affected
    await request(app).get('/api/search').set('X-Api-Key', KEY_B).query({ q: 'c' }).expect(200);
  });

  it('per IP, keyed or not', async () => {
    const tight = makeApp({ RATE_PER_MINUTE_IP: '3' });
    await tight.engine.init();
    for (let i = 0; i < 3; i++) await request(tight.app).get('/api/search').query({ q: `q${i}` }).expect(200);
    const res = await request(tight.app).get('/api/search').set('X-Api-Key', KEY_B).query({ q: 'x' }).expect(429);
    expect(res.headers['retry-after']).toBeDefined();
    // pages share the per-IP budget and answer people in Vietnamese HTML
    const page = await request(tight.app).get('/').query({ q: 'x' }).expect(429);
    expect(page.headers['content-type']).toMatch(/html/);
    expect(page.text).toContain('Quá nhiều yêu cầu');
    expect(page.headers['retry-after']).toBeDefined();
    await tight.engine.close();
  });
});

describe('admin endpoints', () => {
  it('are disabled (404, saying why) without ADMIN_TOKEN', async () => {
    const off = makeApp();
    const res = await request(off.app).post('/api/admin/documents').set('Authorization', `Bearer ${ADMIN}`).send({ text: 'x' }).expect(404);
    expect(res.body.error.message).toMatch(/ADMIN_TOKEN/);
    await request(off.app).delete('/api/admin/documents/sl-1').expect(404);
  });

  it('need the bearer token (401 otherwise, also for a portal key)', async () => {
    await request(app).post('/api/admin/documents').send({ text: 'x' }).expect(401);
    await request(app).post('/api/admin/documents').set('Authorization', 'Bearer wrong-token-000000000').send({ text: 'x' }).expect(401);
    const res = await request(app).post('/api/admin/documents').set('X-Api-Key', KEY_B).send({ text: 'x' }).expect(401);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
  });

  it('POST JSON adds a searchable document; DELETE removes it', async () => {
    const res = await request(app).post('/api/admin/documents').set('Authorization', `Bearer ${ADMIN}`)
      .send({ id: 'admin-1', title: 'Công văn thử nghiệm', kind: 'công văn', text: 'Công văn về tuyển sinh lớp 10 chuyên biệt.' }).expect(201);
    expect(res.body.documents).toEqual(['admin-1']);
    const found = await request(app).get('/api/search').query({ q: 'tuyen sinh chuyen biet' }).expect(200);
    expect(ids(found)).toContain('admin-1');
    await request(app).delete('/api/admin/documents/admin-1').set('Authorization', `Bearer ${ADMIN}`).expect(204);
    await request(app).delete('/api/admin/documents/admin-1').set('Authorization', `Bearer ${ADMIN}`).expect(404);
    await request(app).get('/api/documents/admin-1').expect(404);
  });

  it('rejects an invalid JSON document with the field named', async () => {
    const res = await request(app).post('/api/admin/documents').set('Authorization', `Bearer ${ADMIN}`).send({ title: 'no text' }).expect(400);
    expect(res.body.error.details[0].field).toBe('text');
  });

  it('raw and multipart uploads go to deps.ingestFile; bodies over MAX_UPLOAD_MB → 413', async () => {
    const raw = await request(app).post('/api/admin/documents?name=raw.txt').set('Authorization', `Bearer ${ADMIN}`)
      .set('Content-Type', 'text/plain').send('Thông báo lịch thi học kỳ.').expect(201);
    expect(raw.body.documents).toEqual(['up-raw-txt']);
    const multi = await request(app).post('/api/admin/documents').set('Authorization', `Bearer ${ADMIN}`)
      .attach('file', Buffer.from('Thông báo nghỉ lễ.'), 'nghi-le.txt').expect(201);
    expect(multi.body.documents).toEqual(['up-nghi-le-txt']);
    const failed = await request(app).post('/api/admin/documents?name=x.bad').set('Authorization', `Bearer ${ADMIN}`)
      .set('Content-Type', 'application/octet-stream').send(Buffer.from('zz')).expect(422);
    expect(failed.body.error.details).toEqual(['no text']);
    const big = await request(app).post('/api/admin/documents?name=big.txt').set('Authorization', `Bearer ${ADMIN}`)
      .set('Content-Type', 'application/octet-stream').send(Buffer.alloc(20_000, 65)).expect(413);
    expect(big.body.error.code).toBe('payload_too_large');
    const bigJson = await request(app).post('/api/admin/documents').set('Authorization', `Bearer ${ADMIN}`)
      .send({ text: 'a'.repeat(20_000) }).expect(413);
    expect(bigJson.body.error.code).toBe('payload_too_large');
  });
});

describe('widget assets and headers', () => {
  it('/widget.js is JavaScript, embeddable cross-origin, and within the size budget', async () => {
    const res = await request(app).get('/widget.js').expect(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(res.text).toContain('policy-search');
    expect(res.text).not.toMatch(/\beval\(|new Function\(|\.innerHTML\s*=/);
    const { gzipSync } = await import('node:zlib');
    expect(gzipSync(res.text).length).toBeLessThan(15 * 1024);
  });

  it('pages keep a strict CSP; the API of other pages stays same-site', async () => {
    const res = await request(app).get('/widget-demo').expect(200);
    const csp = res.headers['content-security-policy'];
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(res.text).toContain('&lt;script src=');
    expect(res.text).toMatch(/<script src="\/widget.js" defer><\/script>/);
    const page = await request(app).get('/').expect(200);
    expect(page.headers['cross-origin-resource-policy']).toBe('same-site');
  });
});

describe('helpers', () => {
  it('safeEqual and matchKey compare by value (hashes, constant time)', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abcd')).toBe(false);
    const table = keys.map((k) => ({ key: { ...k, ratePerMinute: 600, origins: k.origins }, digest: createHash('sha256').update(k.key).digest() }));
    expect(matchKey(table as Parameters<typeof matchKey>[0], KEY_B)?.name).toBe('pgd');
    expect(matchKey(table as Parameters<typeof matchKey>[0], KEY_B + 'x')).toBeNull();
  });

  it('applyScope intersects; inScope checks every field', () => {
    expect(applyScope({ kind: ['a', 'b'] }, { kind: ['b', 'c'] })).toEqual({ kind: ['b'] });
    expect(applyScope({ issuer: ['x'] }, { issuer: ['y'] }).docIds).toEqual([]);
    expect(applyScope({}, undefined)).toEqual({});
    expect(inScope({ id: 'sl-1', kind: 'công văn' }, { docIdPrefix: ['sl-'] })).toBe(true);
    expect(inScope({ id: 'bo-1', kind: 'công văn' }, { docIdPrefix: ['sl-'] })).toBe(false);
    expect(inScope({ id: 'x', kind: 'k' }, { issuer: ['A'] })).toBe(false);
  });
});
