/**
 * Logs and metrics (src/api/log.ts, src/api/metrics.ts): one JSON request-log line per request with
 * request id, route pattern, status and duration; LOG_LEVEL decides what is written; /metrics in
 * Prometheus text with process metrics, latency histograms in seconds and engine call counters,
 * behind METRICS_TOKEN or moved to METRICS_PORT when configured.
 */
import { Writable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server.js';
import { createLogger } from '../../src/api/log.js';
import { createMetricsServer, Metrics } from '../../src/api/metrics.js';
import { loadConfig } from '../../src/config.js';
import { parseDocument } from '../../src/docs/parse.js';
import { SqliteEngine } from '../../src/engine/sqlite/index.js';

const engine = new SqliteEngine({ file: ':memory:' });
beforeAll(async () => {
  await engine.init();
  const d = parseDocument({ id: 'tt-26', text: 'THÔNG TƯ\nQuy định đánh giá học sinh\nĐiều 1. Phạm vi\nThông tư này quy định về đánh giá học sinh trung học cơ sở.', format: 'txt' });
  await engine.upsert(d.document, d.passages);
});
afterAll(() => engine.close());

/** A logger writing JSON lines into an array. */
function capture(level: Parameters<typeof createLogger>[0]) {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({ write(chunk, _enc, cb) { for (const l of String(chunk).split('\n')) if (l.trim()) lines.push(JSON.parse(l)); cb(); } });
  return { lines, logger: createLogger(level, { destination }) };
}

const settle = () => new Promise((r) => setTimeout(r, 20));

describe('request log (pino-http)', () => {
  it('one JSON line per request: request id (echoed, or taken from X-Request-Id), route pattern, status, duration', async () => {
    const { lines, logger } = capture('info');
    const app = createApp(loadConfig({ PORTAL_KEYS: JSON.stringify([{ key: 'sgd-secret-key-0123456789' }]) }), engine, { logger });
    const res = await request(app).get('/api/documents/tt-26').expect(200);
    const id = res.headers['x-request-id'];
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await request(app).get('/api/search').query({ q: 'hoc sinh', key: 'sgd-secret-key-0123456789' }).set('X-Request-Id', 'trace-42').set('Authorization', 'Bearer not-for-logs').expect(200);
    await request(app).get('/api/documents/none').expect(404);
    await settle();
    const reqs = lines.filter((l) => l.msg === 'request completed');
    expect(reqs).toHaveLength(3);
    expect(reqs[0]).toMatchObject({ level: 30, reqId: id, route: '/api/documents/:id', req: { method: 'GET', url: '/api/documents/tt-26' }, res: { statusCode: 200 } });
    expect(typeof reqs[0].responseTime).toBe('number');
    expect(reqs[1]).toMatchObject({ reqId: 'trace-42', route: '/api/search' });
    // Secrets stay out of the log: no headers, no key in the query string.
    const second = JSON.stringify(reqs[1]);
    expect(second).not.toMatch(/sgd-secret-key|not-for-logs|authorization/i);
    expect((reqs[1].req as { url: string }).url).toMatch(/key=…/);
    expect(reqs[2]).toMatchObject({ level: 40, route: '/api/documents/:id', res: { statusCode: 404 } });
  });

  it('LOG_LEVEL is honoured: at warn, successful requests are not written and 4xx are', async () => {
    const { lines, logger } = capture('warn');
    const app = createApp(loadConfig({ LOG_LEVEL: 'warn' }), engine, { logger });
    await request(app).get('/api/health').expect(200);
    await request(app).get('/api/nothing-here').expect(404);
    await settle();
    expect(lines.map((l) => [l.level, (l.res as { statusCode: number }).statusCode])).toEqual([[40, 404]]);
    expect(createLogger('silent').level).toBe('silent');
    expect(loadConfig({ LOG_LEVEL: 'debug' }).logLevel).toBe('debug');
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
  });

  it('an unhandled error is logged at error level with the request id, not printed with console.error', async () => {
    const { lines, logger } = capture('info');
    const broken = Object.create(engine, { search: { value: () => { throw new Error('disk on fire'); } } }) as SqliteEngine;
    const app = createApp(loadConfig({}), broken, { logger });
    await request(app).get('/api/search').query({ q: 'x' }).expect(500);
    await settle();
    const err = lines.find((l) => l.msg?.toString().startsWith('unhandled error'));
    expect(err).toMatchObject({ level: 50, err: { message: 'disk on fire' } });
    expect(err!.reqId).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines.find((l) => l.msg === 'request errored' || (l.res as { statusCode?: number })?.statusCode === 500)).toMatchObject({ level: 50, route: '/api/search' });
  });
});

describe('/metrics (prom-client)', () => {
  it('process metrics, request and search histograms in seconds, engine call counters', async () => {
    const app = createApp(loadConfig({ LOG_LEVEL: 'silent' }), engine);
    await request(app).get('/api/search').query({ q: 'danh gia hoc sinh' }).expect(200);
    await request(app).get('/api/documents/tt-26').expect(200);
    const res = await request(app).get('/metrics').expect(200);
    expect(res.text).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(res.text).toMatch(/^nodejs_heap_size_used_bytes \d/m);
    expect(res.text).toMatch(/^http_request_duration_seconds_bucket\{le="0\.005",method="GET",route="\/api\/search",status="200"\} \d+/m);
    expect(res.text).toMatch(/^search_duration_seconds_count 1$/m);
    expect(res.text).toMatch(/^engine_calls_total\{engine="sqlite",method="search",outcome="ok"\} [1-9]\d*$/m);
    expect(res.text).toMatch(/^engine_calls_total\{engine="sqlite",method="getDocument",outcome="ok"\} [1-9]\d*$/m);
    // Sum of a seconds histogram: a request never takes 10 s here, so ms would show up as a huge sum.
    const sum = Number(/^search_duration_seconds_sum (\S+)$/m.exec(res.text)![1]);
    expect(sum).toBeGreaterThan(0);
    expect(sum).toBeLessThan(10);
  });

  it('METRICS_TOKEN: 401 without the bearer token, 200 with it', async () => {
    const token = 'metrics-token-0123456789';
    const app = createApp(loadConfig({ LOG_LEVEL: 'silent', METRICS_TOKEN: token }), engine);
    const denied = await request(app).get('/metrics').expect(401);
    expect(denied.body.error.code).toBe('unauthorized');
    await request(app).get('/metrics').set('Authorization', 'Bearer wrong-token-0123456789').expect(401);
    await request(app).get('/metrics').set('Authorization', `Bearer ${token}`).expect(200);
  });

  it('METRICS_PORT: not on the main app; the metrics server answers GET /metrics only', async () => {
    const metrics = new Metrics();
    const app = createApp(loadConfig({ LOG_LEVEL: 'silent', METRICS_PORT: '0' }), engine, { metrics });
    await request(app).get('/metrics').expect(404);
    await request(app).get('/api/health').expect(200);
    const server = createMetricsServer(metrics).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const ok = await fetch(`${base}/metrics`);
      expect(ok.status).toBe(200);
      expect(await ok.text()).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/api\/health",status="200"\} 1/);
      expect((await fetch(`${base}/other`)).status).toBe(404);
    } finally {
      server.close();
    }
  });
});
