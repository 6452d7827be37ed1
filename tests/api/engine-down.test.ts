/**
 * The service when its engine is down (ENGINE=meilisearch with nothing listening): 503 with Retry-After
 * from the API, /api/health names the failing dependency, and it recovers by itself once the engine
 * answers: a TCP relay then opens on the engine's port in front of the real Meilisearch of the test
 * run (tests/setup/meili-server.ts), and health and search work again without a restart.
 */
import { describe, it, expect, afterAll } from 'vitest';
import request from 'supertest';
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/server.js';
import { loadConfig } from '../../src/config.js';
import { createMeiliEngine } from '../../src/engine/meili/index.js';
import { MEILI_API_KEY, MEILI_HOST, meiliPrefix, meiliSkipNotice } from '../engine/engines.js';

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
const engine = createMeiliEngine({ host, apiKey: MEILI_API_KEY, indexPrefix: meiliPrefix('down'), timeoutMs: 2000 });
const app = createApp(loadConfig({ LOG_LEVEL: 'silent', ENGINE: 'meilisearch', MEILI_HOST: host }), engine);
let relay: net.Server | undefined;
const sockets = new Set<net.Socket>();
afterAll(async () => {
  if (relay) {
    await engine.dropIndexes().catch(() => undefined);
    for (const s of sockets) s.destroy();
    await new Promise((r) => relay!.close(r));
  }
});

/** Forward every connection on `port` to the real Meilisearch. */
async function startRelay(target: URL): Promise<net.Server> {
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port), target.hostname);
    for (const s of [client, upstream]) { sockets.add(s); s.on('close', () => sockets.delete(s)); s.on('error', () => undefined); }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
  return server;
}

meiliSkipNotice();

describe('engine down', () => {
  it('API answers 503 engine_unavailable with Retry-After', async () => {
    for (const url of ['/api/search?q=giao+duc', '/api/documents/abc', '/api/refs/71-2020-nd-cp']) {
      const res = await request(app).get(url);
      expect(res.status, url).toBe(503);
      expect(res.headers['retry-after'], url).toMatch(/^\d+$/);
      expect(res.body.error.code, url).toBe('engine_unavailable');
    }
  });

  it('every page route answers an HTML page, 503 with Retry-After (never JSON)', async () => {
    for (const url of ['/?q=giao+duc', '/d/abc', '/r/71-2020-nd-cp']) {
      const res = await request(app).get(url);
      expect(res.status, url).toBe(503);
      expect(res.headers['retry-after'], url).toMatch(/^\d+$/);
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
      expect(res.text, url).toContain('tạm thời gián đoạn');
    }
  });

  it('/api/health says which dependency is down', async () => {
    const down = await request(app).get('/api/health').expect(503);
    expect(down.headers['retry-after']).toBeDefined();
    expect(down.body).toMatchObject({ status: 'degraded', engine: { ok: false, engine: 'meilisearch', details: { host, code: 'engine_unavailable' } } });
  });

  it.runIf(Boolean(MEILI_HOST))('recovers by itself once Meilisearch answers (health, then search)', async () => {
    relay = await startRelay(new URL(MEILI_HOST!));
    const up = await request(app).get('/api/health').expect(200);
    expect(up.body).toMatchObject({ status: 'ok', engine: { ok: true, engine: 'meilisearch' } });
    expect(up.body.engine.details.version).toMatch(/^\d+\.\d+/);
    await engine.init();
    const res = await request(app).get('/api/search').query({ q: 'giao duc' }).expect(200);
    expect(res.body).toMatchObject({ total: 0, hits: [] });
  });
});
