/**
 * The service when its engine is down (ENGINE=meilisearch with nothing listening): 503 with Retry-After
 * from the API, /api/health names the failing dependency, and it recovers by itself once the engine answers.
 * The "engine" that comes back is a minimal local HTTP server answering Meilisearch's /health and /version
 * (shapes from the v1.18 API reference): enough for health, not a Meilisearch.
 */
import { describe, it, expect, afterAll } from 'vitest';
import request from 'supertest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/api/app.js';
import { loadConfig } from '../../src/config.js';
import { createMeiliEngine } from '../../src/engine/meili/index.js';

/** A free port on 127.0.0.1 that nothing listens on (yet). */
async function freePort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

const port = await freePort();
const host = `http://127.0.0.1:${port}`;
const engine = createMeiliEngine({ host, timeoutMs: 1000 });
const app = createApp(loadConfig({ LOG_LEVEL: 'silent', ENGINE: 'meilisearch', MEILI_HOST: host }), engine);
let fake: http.Server | undefined;
afterAll(async () => { if (fake) await new Promise((r) => fake!.close(r)); });

describe('engine down', () => {
  it('API answers 503 engine_unavailable with Retry-After', async () => {
    for (const url of ['/api/search?q=giao+duc', '/api/documents/abc', '/api/refs/71-2020-nd-cp']) {
      const res = await request(app).get(url);
      expect(res.status, url).toBe(503);
      expect(res.headers['retry-after'], url).toMatch(/^\d+$/);
      expect(res.body.error.code, url).toBe('engine_unavailable');
    }
  });

  it('the search page shows a Vietnamese error state instead of crashing', async () => {
    const res = await request(app).get('/').query({ q: 'giao duc' });
    expect(res.status).toBe(503);
    expect(res.text).toContain('tạm thời gián đoạn');
  });

  it('/api/health says which dependency is down, then recovers by itself', async () => {
    const down = await request(app).get('/api/health').expect(503);
    expect(down.headers['retry-after']).toBeDefined();
    expect(down.body).toMatchObject({ status: 'degraded', engine: { ok: false, engine: 'meilisearch', details: { host, code: 'engine_unavailable' } } });

    fake = http.createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url === '/health') res.end(JSON.stringify({ status: 'available' }));
      else if (req.url === '/version') res.end(JSON.stringify({ pkgVersion: '1.18.0', commitSha: 'x', commitDate: '2025-01-01' }));
      else { res.statusCode = 404; res.end(JSON.stringify({ message: 'not found', code: 'index_not_found', type: 'invalid_request', link: '' })); }
    });
    await new Promise<void>((r) => fake!.listen(port, '127.0.0.1', () => r()));
    const up = await request(app).get('/api/health').expect(200);
    expect(up.body).toMatchObject({ status: 'ok', engine: { ok: true, details: { version: '1.18.0' } } });
  });
});
