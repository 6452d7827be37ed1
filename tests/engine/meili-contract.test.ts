/**
 * Error mapping of the Meilisearch adapter: what a real server cannot be made to show on demand
 * (5xx with Retry-After, slow answers, tasks that never finish, refused connections, a failed task).
 * A local HTTP server on 127.0.0.1 (random port) answers with canned responses shaped like those of
 * the Meilisearch API reference: task objects, error bodies `{message, code, type, link}`.
 * Everything else the adapter does (settings, writes, searches, swaps) is specified by the
 * conformance suite and tests/engine/meili-server.test.ts against a real Meilisearch.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMeiliEngine, type MeiliEngine } from '../../src/engine/meili/index.js';
import { AppError } from '../../src/errors.js';
import { byId } from './fixtures.js';

/** JSON as the fake server sees it (requests are whatever the client sent). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a fake HTTP peer reads arbitrary JSON
type Json = Record<string, any>;

interface Recorded { method: string; path: string; query: URLSearchParams; body: Json; headers: http.IncomingHttpHeaders }
type Reply = { status?: number; body?: unknown; headers?: Record<string, string>; delayMs?: number };
type Handler = (r: Recorded) => Reply | undefined;

const NOW = '2026-11-22T20:00:00.000000Z';

class FakeMeili {
  server!: http.Server;
  url = '';
  requests: Recorded[] = [];
  handlers: Handler[] = [];
  private taskUid = 0;
  tasks = new Map<number, Json>();
  /** Decides the final state of each enqueued task (default: succeeded). */
  taskOutcome: (task: Json) => Json = (t) => ({ ...t, status: 'succeeded' });

  async start() {
    this.server = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => { raw += c; });
      req.on('end', () => {
        const u = new URL(req.url!, 'http://x');
        const rec: Recorded = { method: req.method!, path: u.pathname, query: u.searchParams, body: raw ? JSON.parse(raw) : undefined, headers: req.headers };
        this.requests.push(rec);
        const reply = this.handlers.map((h) => h(rec)).find(Boolean) ?? this.defaultReply(rec);
        const send = () => {
          if (res.destroyed) return;
          res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
          res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
        };
        if (reply.delayMs) setTimeout(send, reply.delayMs); else send();
      });
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
  async stop() {
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
  reset() { this.requests = []; this.handlers = []; this.taskOutcome = (t) => ({ ...t, status: 'succeeded' }); }

  enqueue(indexUid: string | null, type: string): Reply {
    const uid = ++this.taskUid;
    const summary = { taskUid: uid, indexUid, status: 'enqueued', type, enqueuedAt: NOW };
    const base = { uid, batchUid: uid, indexUid, status: 'enqueued', type, canceledBy: null, details: {}, error: null, duration: 'PT0.001S', enqueuedAt: NOW, startedAt: NOW, finishedAt: NOW };
    this.tasks.set(uid, this.taskOutcome(base));
    return { status: 202, body: summary };
  }

  defaultReply(r: Recorded): Reply {
    const m = r.path.match(/^\/indexes\/([^/]+)(\/.*)?$/);
    const idx = m?.[1] ?? null;
    const rest = m?.[2] ?? '';
    if (r.path === '/health') return { body: { status: 'available' } };
    if (r.path === '/version') return { body: { commitSha: 'x', commitDate: NOW, pkgVersion: '1.18.0' } };
    if (r.method === 'GET' && r.path === '/tasks') {
      const uids = (r.query.get('uids') ?? '').split(',').filter(Boolean).map(Number);
      const results = uids.map((u) => this.tasks.get(u)).filter(Boolean);
      return { body: { results, total: results.length, limit: results.length, from: null, next: null } };
    }
    if (r.method === 'GET' && r.path.startsWith('/tasks/')) {
      const t = this.tasks.get(Number(r.path.split('/')[2]));
      return t ? { body: t } : { status: 404, body: apiError('task_not_found', 'Task not found.', 'invalid_request') };
    }
    if (r.method === 'POST' && r.path === '/indexes') return this.enqueue(r.body.uid, 'indexCreation');
    if (r.method === 'POST' && r.path === '/swap-indexes') return this.enqueue(null, 'indexSwap');
    if (r.method === 'PATCH' && rest === '/settings') return this.enqueue(idx, 'settingsUpdate');
    if (r.method === 'GET' && rest === '/settings') return { status: 404, body: apiError('index_not_found', `Index \`${idx}\` not found.`, 'invalid_request') };
    if (r.method === 'DELETE' && rest === '') return this.enqueue(idx, 'indexDeletion');
    if (r.method === 'POST' && rest === '/documents') return this.enqueue(idx, 'documentAdditionOrUpdate');
    if (r.method === 'POST' && rest === '/documents/delete') return this.enqueue(idx, 'documentDeletion');
    if (r.method === 'DELETE' && rest.startsWith('/documents/')) return this.enqueue(idx, 'documentDeletion');
    if (r.method === 'GET' && rest.startsWith('/documents/')) return { status: 404, body: apiError('document_not_found', `Document \`${rest.split('/')[2]}\` not found.`, 'invalid_request') };
    if (r.method === 'POST' && rest === '/documents/fetch') return { body: { results: [], offset: 0, limit: r.body.limit ?? 20, total: 0 } };
    if (r.method === 'GET' && rest === '/stats') return { body: { numberOfDocuments: 0, isIndexing: false, fieldDistribution: {} } };
    if (r.method === 'POST' && rest === '/search') return { body: emptySearch(r.body) };
    if (r.method === 'POST' && r.path === '/multi-search') return { body: { results: (r.body.queries as Json[]).map((q) => ({ indexUid: q.indexUid, ...emptySearch(q) })) } };
    return { status: 404, body: apiError('not_found', 'unknown route in fake', 'invalid_request') };
  }

  only(method: string, pathRe: RegExp) { return this.requests.filter((r) => r.method === method && pathRe.test(r.path)); }
}

function apiError(code: string, message: string, type: string) {
  return { message, code, type, link: `https://docs.meilisearch.com/errors#${code}` };
}

function emptySearch(q: Json) {
  return q.page !== undefined || q.hitsPerPage !== undefined
    ? { hits: [], query: q.q ?? '', processingTimeMs: 0, hitsPerPage: q.hitsPerPage ?? 20, page: q.page ?? 1, totalPages: 0, totalHits: 0, facetDistribution: q.facets ? {} : undefined }
    : { hits: [], query: q.q ?? '', processingTimeMs: 0, limit: q.limit ?? 20, offset: q.offset ?? 0, estimatedTotalHits: 0, facetDistribution: q.facets ? {} : undefined };
}

const fake = new FakeMeili();
let engine: MeiliEngine;
const PREFIX = 'ct';

beforeAll(async () => {
  await fake.start();
  engine = createMeiliEngine({ host: fake.url, apiKey: 'test-master-key', indexPrefix: PREFIX, timeoutMs: 2000, taskTimeoutMs: 1000, pollIntervalMs: 5, batchSize: 2 });
});
afterAll(async () => { await fake.stop(); });
afterEach(() => fake.reset());

async function appError(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(() => null, (x) => x);
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

describe('meilisearch adapter: error mapping (fake server)', () => {
  it('upsert: a failed document task becomes engine_error naming the task and the Meilisearch code', async () => {
    fake.taskOutcome = (t) => t.type === 'documentAdditionOrUpdate' && t.indexUid === `${PREFIX}_passages`
      ? { ...t, status: 'failed', error: apiError('invalid_document_id', 'Document identifier `a:b` is invalid.', 'invalid_request') }
      : { ...t, status: 'succeeded' };
    const f = byId('nd-71-2020');
    const e = await appError(engine.upsert(f.document, f.passages));
    expect(e.code).toBe('engine_error');
    expect(e.message).toMatch(/documentAdditionOrUpdate.*failed.*invalid/);
    expect(e.details).toMatchObject({ code: 'invalid_document_id', status: 'failed' });
  });

  it('503 with Retry-After → engine_unavailable (503) carrying retryAfter', async () => {
    fake.handlers.push(() => ({ status: 503, headers: { 'retry-after': '17' }, body: apiError('service_unavailable', 'busy', 'system') }));
    const e = await appError(engine.search({ q: 'học sinh' }));
    expect(e).toMatchObject({ code: 'engine_unavailable', status: 503, retryAfter: 17 });
  });

  it('500 → engine_error; 400 invalid_search_filter → engine_error with the Meilisearch code; 401 → engine_error', async () => {
    fake.handlers.push(() => ({ status: 500, body: apiError('internal', 'boom', 'internal') }));
    expect((await appError(engine.stats())).code).toBe('engine_error');
    fake.reset();
    fake.handlers.push(() => ({ status: 400, body: apiError('invalid_search_filter', 'Attribute `x` is not filterable.', 'invalid_request') }));
    const e = await appError(engine.search({ q: 'a' }));
    expect(e).toMatchObject({ code: 'engine_error', status: 502, details: { code: 'invalid_search_filter', status: 400 } });
    fake.reset();
    fake.handlers.push(() => ({ status: 401, body: apiError('missing_authorization_header', 'The Authorization header is missing.', 'auth') }));
    expect((await appError(engine.getDocument('x'))).details).toMatchObject({ code: 'missing_authorization_header' });
  });

  it('a slow answer beyond timeoutMs → engine_timeout (504), within a bounded time', async () => {
    const slow = createMeiliEngine({ host: fake.url, indexPrefix: PREFIX, timeoutMs: 150 });
    fake.handlers.push(() => ({ delayMs: 1500, body: { results: [] } }));
    const t0 = Date.now();
    const e = await appError(slow.search({ q: 'học sinh' }));
    expect(e).toMatchObject({ code: 'engine_timeout', status: 504 });
    expect(Date.now() - t0).toBeLessThan(1200);
  });

  it('a task that never finishes → engine_timeout after taskTimeoutMs', async () => {
    fake.taskOutcome = (t) => ({ ...t, status: 'processing' });
    const t0 = Date.now();
    const e = await appError(engine.setSource({ path: 'a.txt', sha256: 'x', docIds: [] }));
    expect(e.code).toBe('engine_timeout');
    expect(e.details).toMatchObject({ timeoutMs: 1000 });
    expect(Date.now() - t0).toBeLessThan(3000);
  });

  it('connection refused → engine_unavailable with retryAfter; health() reports ok:false without throwing', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const dead = createMeiliEngine({ host: `http://127.0.0.1:${port}`, timeoutMs: 1000 });
    const e = await appError(dead.search({ q: 'a' }));
    expect(e).toMatchObject({ code: 'engine_unavailable', status: 503, details: { reason: 'ECONNREFUSED' } });
    expect(e.retryAfter).toBeGreaterThan(0);
    const h = await dead.health();
    expect(h).toMatchObject({ ok: false, engine: 'meilisearch', details: { code: 'engine_unavailable' } });
    expect((await engine.health())).toMatchObject({ ok: true, details: { version: '1.18.0' } });
  });
});
