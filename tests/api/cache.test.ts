/**
 * The response cache (src/api/cache.ts) and the cost limit on searches (src/api/cost-limit.ts):
 * repeated requests are answered from the cache, normalized (parameter order, defaults); a scoped key
 * never gets another scope's answer; a write by this process or by another connection to the same
 * database file is seen by the next request; the cache stays within its byte bound; searches computed
 * are charged their cost, cached ones are not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { createApp } from '../../src/server.js';
import { loadConfig } from '../../src/config.js';
import type { DocumentRecord, PassageRecord } from '../../src/docs/model.js';
import { SqliteEngine } from '../../src/engine/sqlite/index.js';
import { canonicalJson, ResponseCache } from '../../src/api/cache.js';
import { searchCost } from '../../src/service/cost.js';

const KEY = 'cache-test-key-0123456789';
const IN = 'Sở Giáo dục và Đào tạo Sơn La';
const OUT = 'Sở Giáo dục và Đào tạo Hà Nội';

function doc(id: string, issuer: string, text: string): { document: DocumentRecord; passages: PassageRecord[] } {
  return {
    document: { id, kind: 'công văn', issuer, title: `Văn bản ${id}`, source: { format: 'txt' }, language: 'vi', refs: [] } as DocumentRecord,
    passages: [{ id: `${id}:p1`, docId: id, ordinal: 0, headingPath: 'Điều 1', anchor: 'dieu-1', text, refs: [] }],
  };
}

let dir: string;
let engine: SqliteEngine;
let other: SqliteEngine;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'cache-test-'));
  const file = path.join(dir, 'policy-search.sqlite');
  engine = new SqliteEngine({ file, checkpointMs: 0 });
  await engine.init();
  for (const [id, issuer, text] of [['a', IN, 'bộ đệm kiểm thử thứ nhất'], ['b', OUT, 'bộ đệm kiểm thử thứ hai']] as const) {
    const d = doc(id, issuer, text);
    await engine.upsert(d.document, d.passages);
  }
  // another connection to the same file: a CLI ingest beside the server
  other = new SqliteEngine({ file, checkpointMs: 0 });
  await other.init();
});

afterAll(async () => {
  await other?.close();
  await engine?.close();
  rmSync(dir, { recursive: true, force: true });
});

const config = (extra: Record<string, string> = {}) => loadConfig({
  LOG_LEVEL: 'silent', RATE_PER_MINUTE_IP: '1000000',
  PORTAL_KEYS: JSON.stringify([{ key: KEY, name: 'sl', scope: { issuer: [IN] } }]), ...extra,
});
const ids = (body: { hits: { document: { id: string } }[] }) => body.hits.map((h) => h.document.id).sort();

describe('response cache', () => {
  it('answers a repeated request from the cache, whatever the parameter order or spelled-out defaults', async () => {
    const app = createApp(config(), engine);
    const first = await request(app).get('/api/search?q=kiểm thử&limit=10').expect(200);
    expect(first.headers['x-cache']).toBe('miss');
    const again = await request(app).get('/api/search?limit=10&q=kiểm thử&offset=0&passages=3').expect(200);
    expect(again.headers['x-cache']).toBe('hit');
    expect(again.body).toEqual(first.body);
    expect(again.headers.etag).toBe(first.headers.etag);
    // conditional request: 304 from the cache
    await request(app).get('/api/search?q=kiểm thử&limit=10').set('If-None-Match', first.headers.etag).expect(304);
    // a different request is another entry
    expect((await request(app).get('/api/search?q=kiểm thử&limit=1').expect(200)).headers['x-cache']).toBe('miss');
    // documents too
    expect((await request(app).get('/api/documents/a').expect(200)).headers['x-cache']).toBe('miss');
    expect((await request(app).get('/api/documents/a').expect(200)).headers['x-cache']).toBe('hit');
    // errors are not kept
    await request(app).get('/api/documents/none').expect(404);
    expect((await request(app).get('/api/documents/none').expect(404)).headers['x-cache']).toBeUndefined();
  });

  it('a scoped key never gets the public answer, nor the public one the scoped one', async () => {
    const app = createApp(config(), engine);
    const pub = await request(app).get('/api/search?q=kiểm thử').expect(200);
    expect(ids(pub.body)).toEqual(['a', 'b']);
    const scoped = await request(app).get('/api/search?q=kiểm thử').set('X-Api-Key', KEY).expect(200);
    expect(scoped.headers['x-cache']).toBe('miss');
    expect(ids(scoped.body)).toEqual(['a']);
    expect(ids((await request(app).get(`/api/search?q=kiểm thử&key=${KEY}`).expect(200)).body)).toEqual(['a']);
    expect(ids((await request(app).get('/api/search?q=kiểm thử').expect(200)).body)).toEqual(['a', 'b']);
    // the out-of-scope document stays hidden from the scoped key when cached
    await request(app).get('/api/documents/b').expect(200);
    await request(app).get('/api/documents/b').set('X-Api-Key', KEY).expect(404);
  });

  it('a write by this engine or by another connection to the file is seen by the next request', async () => {
    const app = createApp(config(), engine);
    const q = '/api/search?q=thứ ba';
    expect((await request(app).get(q).expect(200)).body.total).toBe(0);
    expect((await request(app).get(q).expect(200)).headers['x-cache']).toBe('hit');
    // another connection (another process would be the same for SQLite) adds a document
    const c = doc('c', IN, 'bộ đệm kiểm thử thứ ba');
    await other.upsert(c.document, c.passages);
    const after = await request(app).get(q).expect(200);
    expect(after.headers['x-cache']).toBe('miss');
    expect(ids(after.body)).toEqual(['c']);
    expect((await request(app).get(q).expect(200)).headers['x-cache']).toBe('hit');
    // this engine deletes it
    await engine.delete('c');
    expect((await request(app).get(q).expect(200)).body.total).toBe(0);
    // and a document page changed by the other connection
    expect((await request(app).get('/api/documents/a').expect(200)).body.document.issuer).toBe(IN);
    const moved = doc('a', OUT, 'bộ đệm kiểm thử thứ nhất');
    await other.upsert(moved.document, moved.passages);
    expect((await request(app).get('/api/documents/a').expect(200)).body.document.issuer).toBe(OUT);
    await request(app).get('/api/documents/a').set('X-Api-Key', KEY).expect(404);
    const back = doc('a', IN, 'bộ đệm kiểm thử thứ nhất');
    await other.upsert(back.document, back.passages);
  });

  it('RESPONSE_CACHE_MB=0 turns it off; answers are the same', async () => {
    const app = createApp(config({ RESPONSE_CACHE_MB: '0' }), engine);
    const a = await request(app).get('/api/search?q=kiểm thử').expect(200);
    const b = await request(app).get('/api/search?q=kiểm thử').expect(200);
    expect(a.headers['x-cache']).toBeUndefined();
    expect(b.headers['x-cache']).toBeUndefined();
    expect(b.body).toEqual(a.body);
    const metrics = (await request(app).get('/metrics').expect(200)).text;
    expect(metrics).toMatch(/response_cache_requests_total\{route="search",outcome="bypass"\} 2/);
  });

  it('stays within its byte bound, least recently used out first; normalized keys', async () => {
    const cache = new ResponseCache({ maxBytes: 40_000, version: () => 'v1' });
    const sent: string[] = [];
    const fake = (name: string) => ({
      res: { setHeader: () => undefined, status: () => ({ end: () => undefined }), end: (b: Buffer) => { sent.push(`${name}:${b.length}`); } },
      req: { fresh: false, headers: {} },
    });
    let built = 0;
    const build = (n: number) => async () => { built++; return { pad: 'x'.repeat(n) }; };
    for (let i = 0; i < 20; i++) {
      const { req, res } = fake(`r${i}`);
      await cache.answer(req as never, res as never, 'search', { q: `q${i}` }, undefined, build(4000));
    }
    expect(built).toBe(20);
    expect(sent).toHaveLength(20);
    expect(cache.bytes).toBeLessThanOrEqual(40_000);
    expect(cache.entries).toBeLessThan(20);
    expect(cache.entries).toBeGreaterThan(5);
    // the newest is still there, the oldest is gone
    const { req, res } = fake('again');
    await cache.answer(req as never, res as never, 'search', { limit: 10, q: 'q19' }, undefined, build(4000));
    await cache.answer(req as never, res as never, 'search', { q: 'q19', limit: 10 }, undefined, build(4000));
    expect(built).toBe(21);
    await cache.answer(req as never, res as never, 'search', { q: 'q0' }, undefined, build(4000));
    expect(built).toBe(22);
    // an answer larger than an eighth of the cache is sent, not kept
    await cache.answer(req as never, res as never, 'search', { q: 'big' }, undefined, build(6000));
    await cache.answer(req as never, res as never, 'search', { q: 'big' }, undefined, build(6000));
    expect(built).toBe(24);
    expect(canonicalJson({ b: [2, 1], a: { d: 1, c: undefined } })).toBe('{"a":{"d":1},"b":[2,1]}');
  });
});

describe('cost limit on searches', () => {
  it('charges each computed search its cost (cached answers are free) and answers 429 + Retry-After past the budget', async () => {
    expect(searchCost({ q: 'giao d', prefix: true, limit: 6 })).toBe(1);
    expect(searchCost({ q: 'kiểm thử', limit: 10, passagesPerDoc: 3 })).toBe(2);
    expect(searchCost({ q: 't', prefix: true, limit: 50, passagesPerDoc: 10 })).toBe(6);
    expect(searchCost({ q: 'một hai ba bốn năm sáu bảy tám chín', limit: 10 })).toBe(4);
    const app = createApp(config({ SEARCH_COST_PER_MINUTE_IP: '8' }), engine);
    await request(app).get('/api/search?q=kiểm&limit=50&passages=2').expect(200); // 1 + 5 = 6 units
    for (let i = 0; i < 5; i++) await request(app).get('/api/search?q=kiểm&limit=50&passages=2').expect(200); // cached: free
    await request(app).get('/api/search?q=bộ đệm').expect(200); // 2 units: 8 spent
    const refused = await request(app).get('/api/search?q=thứ nhất').expect(429);
    expect(refused.body.error.code).toBe('rate_limited');
    expect(refused.body.error.message).toMatch(/cost/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // cached answers are still served
    await request(app).get('/api/search?q=bộ đệm').expect(200);
    // a key has its own budget (costPerMinute)
    const keyed = createApp(loadConfig({
      LOG_LEVEL: 'silent', RATE_PER_MINUTE_IP: '1000000', RESPONSE_CACHE_MB: '0',
      PORTAL_KEYS: JSON.stringify([{ key: KEY, name: 'sl', costPerMinute: 3 }]),
    }), engine);
    await request(keyed).get('/api/search?q=kiểm').set('X-Api-Key', KEY).expect(200);
    await request(keyed).get('/api/search?q=kiểm').set('X-Api-Key', KEY).expect(429);
    await request(keyed).get('/api/search?q=kiểm').expect(200); // public access: the IP's budget
    const metrics = (await request(keyed).get('/metrics').expect(200)).text;
    expect(metrics).toMatch(/search_cost_limited_total 1/);
  });
});
