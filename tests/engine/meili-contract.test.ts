/**
 * Request-contract tests of the Meilisearch adapter. These are NOT integration tests: a local HTTP
 * server on 127.0.0.1 (random port) records what the adapter sends and answers with canned
 * responses shaped like those of the Meilisearch API reference for v1.18 (the version pinned in
 * docker-compose.yml): summarized task objects `{taskUid, indexUid, status, type, enqueuedAt}`
 * (202), task objects `{uid, batchUid, indexUid, status, type, canceledBy, details, error, duration,
 * enqueuedAt, startedAt, finishedAt}`, error bodies `{message, code, type, link}`, search responses
 * with `hits`, `totalHits`/`page`/`hitsPerPage`/`totalPages` and `facetDistribution`, multi-search
 * `{results: [...]}`, documents `{results, offset, limit, total}`.
 *
 * They check the requests (settings, documents, filters, searches, swaps) and the adapter's
 * handling of failed tasks, 4xx/5xx, slow responses and timeouts. Whether Meilisearch really
 * behaves as those canned answers assume is only checked by the conformance suite against a real
 * server (MEILI_HOST=… npm run test:meili).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMeiliEngine, type MeiliEngine } from '../../src/engine/meili/index.js';
import { PASSAGES_SETTINGS, SETTINGS, indexUid, stagingPrefix } from '../../src/engine/meili/settings.js';
import { AppError } from '../../src/errors.js';
import { byId } from './fixtures.js';

interface Recorded { method: string; path: string; query: URLSearchParams; body: any; headers: http.IncomingHttpHeaders }
type Reply = { status?: number; body?: unknown; headers?: Record<string, string>; delayMs?: number };
type Handler = (r: Recorded) => Reply | undefined;

const NOW = '2026-11-22T20:00:00.000000Z';

class FakeMeili {
  server!: http.Server;
  url = '';
  requests: Recorded[] = [];
  handlers: Handler[] = [];
  private taskUid = 0;
  tasks = new Map<number, any>();
  /** Decides the final state of each enqueued task (default: succeeded). */
  taskOutcome: (task: any) => any = (t) => ({ ...t, status: 'succeeded' });

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
    if (r.method === 'POST' && r.path === '/multi-search') return { body: { results: r.body.queries.map((q: any) => ({ indexUid: q.indexUid, ...emptySearch(q) })) } };
    return { status: 404, body: apiError('not_found', 'unknown route in fake', 'invalid_request') };
  }

  only(method: string, pathRe: RegExp) { return this.requests.filter((r) => r.method === method && pathRe.test(r.path)); }
}

function apiError(code: string, message: string, type: string) {
  return { message, code, type, link: `https://docs.meilisearch.com/errors#${code}` };
}

function emptySearch(q: any) {
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

describe('meilisearch adapter: request contract (fake server, Meilisearch v1.18 API shapes)', () => {
  it('init creates four indexes with primary key pk and sends the settings, with the API key', async () => {
    await engine.init();
    const creates = fake.only('POST', /^\/indexes$/);
    expect(creates.map((r) => r.body)).toEqual(['passages', 'documents', 'refs', 'sources'].map((k) => ({ uid: `${PREFIX}_${k}`, primaryKey: 'pk' })));
    expect(creates.every((r) => r.headers.authorization === 'Bearer test-master-key')).toBe(true);
    const settings = fake.only('PATCH', /\/settings$/);
    expect(settings.map((r) => r.path)).toEqual(['passages', 'documents', 'refs', 'sources'].map((k) => `/indexes/${PREFIX}_${k}/settings`));
    const ps = settings[0].body;
    expect(ps).toEqual(JSON.parse(JSON.stringify(SETTINGS.passages)));
    expect(ps.searchableAttributes).toEqual(['titleF', 'headingF', 'numberF', 'textF']);
    expect(ps.filterableAttributes).toEqual(expect.arrayContaining(['kind', 'issuer', 'year', 'issuedAt', 'docId', 'refIds']));
    expect(ps.sortableAttributes).toEqual(expect.arrayContaining(['issuedAt', 'issuedDay']));
    expect(ps.typoTolerance).toMatchObject({ disableOnAttributes: ['numberF'], disableOnNumbers: true });
    expect(ps.synonyms.nd).toContain('nghi dinh');
    expect(ps.synonyms['nghi dinh']).toContain('nd');
    expect(ps.synonyms.gddt).toEqual(expect.arrayContaining(['gd dt', 'giao duc va dao tao']));
    expect(ps.synonyms['giao duc va dao tao']).toEqual(expect.arrayContaining(['gd dt', 'gddt']));
    expect(ps.synonyms.thcs).toEqual(['trung hoc co so']);
    expect(ps.nonSeparatorTokens).toEqual([]);
    // every task was awaited
    const polled = fake.only('GET', /^\/tasks\/\d+$/).map((r) => Number(r.path.split('/')[2]));
    expect(new Set(polled).size).toBe(8);
  });

  it('init on existing indexes with the same settings enqueues nothing; a changed index alone is patched', async () => {
    const withDefaults = (k: keyof typeof SETTINGS) => ({
      displayedAttributes: ['*'], distinctAttribute: null, proximityPrecision: 'byWord', embedders: {}, searchCutoffMs: null,
      ...JSON.parse(JSON.stringify(SETTINGS[k])),
      // Meilisearch answers with its own order for sets and full nested objects
      filterableAttributes: [...(SETTINGS[k].filterableAttributes as string[] ?? [])].reverse(),
      ...(SETTINGS[k].typoTolerance ? { typoTolerance: { ...SETTINGS[k].typoTolerance, disableOnWords: [] } } : {}),
    });
    fake.handlers.push((r) => {
      const m = r.path.match(/^\/indexes\/ct_(\w+)\/settings$/);
      if (r.method !== 'GET' || !m) return undefined;
      const k = m[1] as keyof typeof SETTINGS;
      const body = withDefaults(k);
      if (k === 'refs') body.sortableAttributes = ['issuedDay'];
      return { body };
    });
    await engine.init();
    expect(fake.only('POST', /^\/indexes$/)).toHaveLength(0);
    expect(fake.only('PATCH', /\/settings$/).map((r) => r.path)).toEqual([`/indexes/${PREFIX}_refs/settings`]);
  });

  it('init tolerates index_already_exists but not other failed tasks', async () => {
    fake.taskOutcome = (t) => t.type === 'indexCreation'
      ? { ...t, status: 'failed', error: apiError('index_already_exists', `Index \`${t.indexUid}\` already exists.`, 'invalid_request') }
      : { ...t, status: 'succeeded' };
    await engine.init();
    fake.reset();
    fake.taskOutcome = (t) => t.type === 'settingsUpdate'
      ? { ...t, status: 'failed', error: apiError('invalid_settings_filterable_attributes', 'bad filterable', 'invalid_request') }
      : { ...t, status: 'succeeded' };
    const e = await appError(engine.init());
    expect(e.code).toBe('engine_error');
    expect(e.status).toBe(502);
    expect(e.details).toMatchObject({ code: 'invalid_settings_filterable_attributes', taskType: 'settingsUpdate', status: 'failed' });
  });

  it('upsert: batched passages and references with folded fields, the document record, then deletion of older revisions', async () => {
    const f = byId('cv-3414-2020'); // 2 passages, 3 non-self references
    await engine.upsert(f.document, f.passages);
    const seq = fake.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`);
    expect(seq).toEqual([
      `POST /indexes/${PREFIX}_passages/documents`,
      `POST /indexes/${PREFIX}_refs/documents`,
      `POST /indexes/${PREFIX}_refs/documents`,
      `POST /indexes/${PREFIX}_documents/documents`,
      `POST /indexes/${PREFIX}_passages/documents/delete`,
      `POST /indexes/${PREFIX}_refs/documents/delete`,
    ]);
    const adds = fake.only('POST', /\/documents$/);
    expect(adds.every((r) => r.query.get('primaryKey') === 'pk')).toBe(true);
    const passages = adds[0].body;
    expect(passages).toHaveLength(2);
    const p = passages[1];
    expect(p.pk).toMatch(/^h_[0-9a-f]{40}$/); // "cv-3414-2020:p2" has a ':'
    expect(p).toMatchObject({
      id: 'cv-3414-2020:p2', docId: 'cv-3414-2020', kind: 'công văn', issuer: 'Bộ Giáo dục và Đào tạo', year: 2020,
      issuedAt: '2020-09-04', issuedDay: 20200904, refIds: ['26-2020-tt-bgddt', '71-2020-nd-cp'],
      numberF: '3414/bgddt-gdtrh', titleF: 'huong dan thuc hien nhiem vu nam hoc 2020-2021 cap trung hoc',
    });
    expect(p.textF).toBe(p.text.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd'));
    expect(JSON.parse(p.refsJson)).toEqual(f.passages[1].refs);
    const refs = [...adds[1].body, ...adds[2].body];
    expect(refs.map((r: any) => r.canonical)).toEqual(['71-2020-nd-cp', '26-2020-tt-bgddt', '71-2020-nd-cp']);
    expect(refs[0].context).toContain('Nghị định số 71/2020/NĐ-CP');
    const doc = adds[3].body[0];
    expect(JSON.parse(doc.json)).toEqual(f.document);
    expect(doc.refIdPrefixes).toEqual(['3414', '3414-bgddt', '3414-bgddt-gdtrh', '3414-bgddt-gdtrh-2020']);
    const rev = p.rev;
    expect(passages.every((x: any) => x.rev === rev) && refs.every((x: any) => x.rev === rev) && doc.rev === rev).toBe(true);
    const dels = fake.only('POST', /\/documents\/delete$/);
    for (const d of dels) expect(d.body).toEqual({ filter: `docId = "cv-3414-2020" AND rev < ${rev}` });
  });

  it('upsertMany: one revision, shared batches, one deletion of older revisions for all the documents', async () => {
    const items = [byId('tb-duong-bo'), byId('tb-tuyen-duong'), byId('cv-3414-2019')];
    await engine.upsertMany(items);
    const adds = fake.only('POST', /\/documents$/);
    expect(adds.map((r) => [r.path.split('/')[2], r.body.length])).toEqual([
      [`${PREFIX}_passages`, 2], [`${PREFIX}_passages`, 1], [`${PREFIX}_documents`, 2], [`${PREFIX}_documents`, 1],
    ]);
    const rev = adds[0].body[0].rev;
    expect(adds.flatMap((r) => r.body).every((x: any) => x.rev === rev)).toBe(true);
    for (const d of fake.only('POST', /\/documents\/delete$/)) {
      expect(d.body).toEqual({ filter: `docId IN ["tb-duong-bo", "tb-tuyen-duong", "cv-3414-2019"] AND rev < ${rev}` });
    }
    await expect(engine.upsertMany([items[0], items[0]])).rejects.toMatchObject({ code: 'bad_request' });
  });

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

  it('filter values are quoted and escaped', async () => {
    const f = byId('kh-15-2021');
    await engine.upsert({ ...f.document, id: 'a"b\\c' }, []);
    const del = fake.only('POST', /\/documents\/delete$/)[0];
    expect(del.body.filter).toMatch(/^docId = "a\\"b\\\\c" AND rev < \d+$/);
  });

  it('search: one multi-search for grouped hits + facets + passage count, then one for the passages of each document', async () => {
    fake.handlers.push((r) => {
      if (r.path !== '/multi-search') return undefined;
      const qs = r.body.queries;
      if (qs[0].distinct) {
        return { body: { results: [
          { indexUid: qs[0].indexUid, hits: [
            { docId: 'tt-26-2020', kind: 'thông tư', title: 'T', number: '26/2020/TT-BGDĐT', refId: '26-2020-tt-bgddt', issuer: 'Bộ Giáo dục và Đào tạo', issuedAt: '2020-08-26', url: 'u', headingPath: '', text: 'x', _rankingScore: 0.9 },
          ], query: qs[0].q, processingTimeMs: 1, hitsPerPage: 10, page: 1, totalPages: 1, totalHits: 7,
          facetDistribution: { kind: { 'công văn': 2, 'thông tư': 5 }, issuer: { 'Bộ Giáo dục và Đào tạo': 7 }, year: { 2020: 3, 2021: 4 } } },
          { indexUid: qs[1].indexUid, hits: [{ pk: 'x' }], query: qs[1].q, processingTimeMs: 1, hitsPerPage: 1, page: 1, totalPages: 12, totalHits: 12 },
        ] } };
      }
      return { body: { results: qs.map((q: any) => ({ indexUid: q.indexUid, hits: [
        { pk: 'a', id: 'tt-26-2020:p2', docId: 'tt-26-2020', ordinal: 1, anchor: 'p2', headingPath: 'Điều 1 › Khoản 2', text: 'Giáo viên <b>được</b> cử đi đào tạo & bồi dưỡng.', refsJson: '[]', title: 'T', _rankingScore: 0.8 },
      ], query: q.q, processingTimeMs: 1, limit: q.limit, offset: 0, estimatedTotalHits: 1 })) } };
    });
    const r = await engine.search({ q: 'Đào tạo', filters: { kind: ['thông tư', 'công văn'], issuer: ['Bộ "GD"'], year: [2020, 2021], dateFrom: '2020-01-01', dateTo: '2021-06-30' }, limit: 10, passagesPerDoc: 2 });
    const ms = fake.only('POST', /^\/multi-search$/);
    expect(ms).toHaveLength(2);
    const [main, count] = ms[0].body.queries;
    expect(main).toMatchObject({
      indexUid: `${PREFIX}_passages`, q: 'dao tao ', matchingStrategy: 'all', distinct: 'docId', facets: ['kind', 'issuer', 'year'],
      page: 1, hitsPerPage: 100, showRankingScore: true, // accented query: first window fetched for the rerank
      filter: ['kind IN ["thông tư", "công văn"]', 'issuer IN ["Bộ \\"GD\\""]', 'year IN [2020, 2021]', 'issuedDay >= 20200101', 'issuedDay <= 20210630'],
    });
    expect(main.sort).toBeUndefined();
    expect(count).toMatchObject({ q: 'dao tao ', filter: main.filter, page: 1, hitsPerPage: 1 });
    expect(count.distinct).toBeUndefined();
    expect(ms[1].body.queries).toEqual([expect.objectContaining({ indexUid: `${PREFIX}_passages`, q: 'dao tao ', filter: 'docId = "tt-26-2020"', limit: 6 })]);
    expect(r.total).toBe(7);
    expect(r.totalPassages).toBe(12);
    expect(r.facets.kind).toEqual([{ value: 'thông tư', count: 5 }, { value: 'công văn', count: 2 }]);
    expect(r.facets.year).toEqual([{ value: '2021', count: 4 }, { value: '2020', count: 3 }]);
    expect(r.hits[0].document).toEqual({ id: 'tt-26-2020', kind: 'thông tư', title: 'T', number: '26/2020/TT-BGDĐT', refId: '26-2020-tt-bgddt', issuer: 'Bộ Giáo dục và Đào tạo', issuedAt: '2020-08-26', url: 'u' });
    expect(r.hits[0].passages[0].snippet).toBe('Giáo viên &lt;b&gt;được&lt;/b&gt; cử đi <mark>đào</mark> <mark>tạo</mark> &amp; bồi dưỡng.');
    expect(r.hits[0].passages[0]).toMatchObject({ id: 'tt-26-2020:p2', anchor: 'p2', headingPath: 'Điều 1 › Khoản 2', ordinal: 1, refs: [] });
  });

  it('search: phrases for number-like input, prefix mode without trailing space, date sort, odd offsets', async () => {
    await engine.search({ q: 'nd 71/2020', limit: 5, offset: 10 });
    await engine.search({ q: 'danh gia', prefix: true, sort: 'date', limit: 4, offset: 6 });
    await engine.search({ q: '' });
    const mains = fake.only('POST', /^\/multi-search$/).map((r) => r.body.queries[0]);
    expect(mains[0]).toMatchObject({ q: 'nd "71 2020" ', page: 3, hitsPerPage: 5 });
    expect(mains[1]).toMatchObject({ q: 'danh gia', sort: ['issuedDay:desc'], page: 1, hitsPerPage: 10 });
    expect(mains[2]).toMatchObject({ q: '', sort: ['issuedDay:desc'], page: 1, hitsPerPage: 10 });
  });

  it('search: an abbreviation clause is sent as plain words (index synonyms expand it), other multi-word chunks as phrases', async () => {
    await engine.search({ q: 'Sở GD&ĐT "kiểm định chất lượng"' });
    const main = fake.only('POST', /^\/multi-search$/)[0].body.queries[0];
    expect(main.q).toBe('so gd dt "kiem dinh chat luong" ');
  });

  it('search: a long query that matches nothing is retried with matchingStrategy "frequency" and flagged relaxed', async () => {
    fake.handlers.push((r) => {
      if (r.path !== '/multi-search') return undefined;
      const qs = r.body.queries;
      if (!qs[0].distinct) return undefined;
      const relaxed = qs[0].matchingStrategy === 'frequency';
      const hits = relaxed ? [{ docId: 'd1', kind: 'công văn', title: 'CV', headingPath: '', text: 'giáo viên', _rankingScore: 0.4 }] : [];
      return { body: { results: [
        { hits, totalHits: hits.length, page: 1, hitsPerPage: 10, totalPages: 1, facetDistribution: relaxed ? { kind: { 'công văn': 1 } } : {} },
        { hits: [], totalHits: hits.length * 2, page: 1, hitsPerPage: 1, totalPages: 1 },
      ] } };
    });
    const r = await engine.search({ q: 'giao vien xyzzy quux' });
    const mains = fake.only('POST', /^\/multi-search$/).filter((x) => x.body.queries[0].distinct).map((x) => x.body.queries[0].matchingStrategy);
    expect(mains).toEqual(['all', 'frequency']);
    expect(r).toMatchObject({ total: 1, totalPassages: 2, relaxed: true });
    const perDoc = fake.only('POST', /^\/multi-search$/).at(-1)!.body.queries[0];
    expect(perDoc).toMatchObject({ filter: 'docId = "d1"', matchingStrategy: 'frequency' });
    fake.reset();
    await engine.search({ q: 'two words' });
    expect(fake.only('POST', /^\/multi-search$/)).toHaveLength(1); // nothing found, < 3 words: no retry, no per-document query
  });

  it('search: an accented query reranks the window by exact marks ("đường" above "dương")', async () => {
    fake.handlers.push((r) => {
      if (r.path !== '/multi-search') return undefined;
      const qs = r.body.queries;
      if (!qs[0].distinct) return { body: { results: qs.map((q: any) => ({ indexUid: q.indexUid, hits: [], query: q.q, processingTimeMs: 0, limit: q.limit, offset: 0, estimatedTotalHits: 0 })) } };
      const hit = (docId: string, text: string, s: number) => ({ docId, kind: 'thông báo', title: 'TB', headingPath: '', text, _rankingScore: s });
      return { body: { results: [
        { hits: [hit('praise', 'Học sinh được tuyên dương.', 0.95), hit('road', 'An toàn trên đường.', 0.9)], totalHits: 2, page: 1, hitsPerPage: 100, totalPages: 1, facetDistribution: {} },
        { hits: [], totalHits: 2, page: 1, hitsPerPage: 1, totalPages: 2 },
      ] } };
    });
    const road = await engine.search({ q: 'đường' });
    expect(road.hits.map((h) => h.document.id)).toEqual(['road', 'praise']);
    expect(road.hits[0].score).toBeGreaterThan(road.hits[1].score);
    const praise = await engine.search({ q: 'dương' });
    expect(praise.hits.map((h) => h.document.id)).toEqual(['praise', 'road']);
    const plain = await engine.search({ q: 'duong' });
    expect(plain.hits.map((h) => h.document.id)).toEqual(['praise', 'road']); // Meilisearch order kept
  });

  it('search: an empty docIds filter answers without asking Meilisearch; a bad date is invalid_query', async () => {
    expect(await engine.search({ q: 'x', filters: { docIds: [] } })).toMatchObject({ total: 0, hits: [] });
    expect(fake.requests).toHaveLength(0);
    expect((await appError(engine.search({ q: 'x', filters: { dateFrom: 'hôm qua' } }))).code).toBe('invalid_query');
  });

  it('citing: filters the refs index by canonical id, sorted by date, exact total', async () => {
    fake.handlers.push((r) => (r.path === `/indexes/${PREFIX}_refs/search` ? { body: {
      hits: [{ pk: 'h', canonical: '71-2020-nd-cp', docId: 'cv', passageId: 'cv:p1', anchor: 'p1', headingPath: '', ordinal: 0, start: 10, context: '… Nghị định số 71/2020/NĐ-CP …',
        refJson: JSON.stringify({ raw: 'Nghị định số 71/2020/NĐ-CP', start: 10, end: 36, family: 'qppl', canonical: '71-2020-nd-cp', issuerCodes: [], relation: 'mention' }),
        kind: 'công văn', title: 'CV', issuedAt: '2020-09-04' }],
      query: '', processingTimeMs: 0, hitsPerPage: 2, page: 2, totalPages: 2, totalHits: 3 } } : undefined));
    const r = await engine.citing('71-2020-nd-cp', { limit: 2, offset: 2 });
    const req = fake.only('POST', /_refs\/search$/)[0].body;
    expect(req).toMatchObject({ q: '', filter: 'canonical = "71-2020-nd-cp"', page: 2, hitsPerPage: 2, sort: ['issuedDay:desc', 'docId:asc', 'ordinal:asc', 'start:asc'] });
    expect(r.total).toBe(3);
    expect(r.items[0]).toMatchObject({ docId: 'cv', passageId: 'cv:p1', document: { id: 'cv', kind: 'công văn', title: 'CV', issuedAt: '2020-09-04' }, reference: { canonical: '71-2020-nd-cp' } });
    // with {prefix: true}: the segment prefixes stored on every reference record
    await engine.citing('71-2020-nd', { prefix: true });
    expect(fake.only('POST', /_refs\/search$/)[1].body).toMatchObject({ filter: 'canonicalPrefixes = "71-2020-nd"' });
  });

  it('findByRefPrefix filters on segment prefixes; delete of an unknown id sends no deletion', async () => {
    await engine.findByRefPrefix('3414-bgddt-gdtrh');
    expect(fake.only('POST', /_documents\/search$/)[0].body).toMatchObject({ filter: 'refIdPrefixes = "3414-bgddt-gdtrh"' });
    expect(await engine.delete('nope')).toBe(false);
    expect(fake.requests.filter((r) => r.method === 'DELETE' || r.path.endsWith('/documents/delete'))).toHaveLength(0);
  });

  it('delete of a known id removes the record, its passages and its references', async () => {
    fake.handlers.push((r) => (r.method === 'GET' && r.path === `/indexes/${PREFIX}_documents/documents/known` ? { body: { pk: 'known', id: 'known', json: '{}' } } : undefined));
    expect(await engine.delete('known')).toBe(true);
    expect(fake.requests.filter((r) => r.method !== 'GET').map((r) => [r.method, r.path, r.body])).toEqual([
      ['DELETE', `/indexes/${PREFIX}_documents/documents/known`, undefined],
      ['POST', `/indexes/${PREFIX}_passages/documents/delete`, { filter: 'docId = "known"' }],
      ['POST', `/indexes/${PREFIX}_refs/documents/delete`, { filter: 'docId = "known"' }],
    ]);
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

  it('swapIn swaps the four live/staging pairs in one task, then drops the staging indexes', async () => {
    const staging = await engine.createStaging();
    expect(staging.prefix).toBe(`${PREFIX}__next`);
    fake.reset();
    await engine.swapIn(staging);
    const swap = fake.only('POST', /^\/swap-indexes$/);
    expect(swap).toHaveLength(1);
    expect(swap[0].body).toEqual(['passages', 'documents', 'refs', 'sources'].map((k) => ({ indexes: [`${PREFIX}_${k}`, `${PREFIX}__next_${k}`] })));
    const afterSwap = fake.requests.slice(fake.requests.indexOf(swap[0]) + 1).filter((r) => r.method === 'DELETE').map((r) => r.path);
    expect(afterSwap).toEqual(['passages', 'documents', 'refs', 'sources'].map((k) => `/indexes/${PREFIX}__next_${k}`));
  });

  it('stats: index counts and document kinds from a facet query', async () => {
    fake.handlers.push((r) => {
      if (r.path.endsWith('/stats')) return { body: { numberOfDocuments: r.path.includes('_passages') ? 40 : r.path.includes('_refs') ? 7 : 3, isIndexing: false, fieldDistribution: {} } };
      if (r.path === `/indexes/${PREFIX}_documents/search`) return { body: { hits: [], query: '', processingTimeMs: 0, limit: 0, offset: 0, estimatedTotalHits: 3, facetDistribution: { kind: { 'công văn': 2, 'luật': 1 } } } };
      return undefined;
    });
    expect(await engine.stats()).toEqual({ documents: 3, passages: 40, references: 7, byKind: [{ value: 'công văn', count: 2 }, { value: 'luật', count: 1 }] });
  });
});

describe('settings sanity (pure)', () => {
  it('index names from prefixes (config default "policy_")', () => {
    expect(indexUid('policy_', 'passages')).toBe('policy_passages');
    expect(indexUid('policy', 'refs')).toBe('policy_refs');
    expect(indexUid('', 'sources')).toBe('sources');
    expect(indexUid(stagingPrefix('policy_'), 'documents')).toBe('policy__next_documents');
  });

  it('synonyms are symmetric and folded', () => {
    const syn = PASSAGES_SETTINGS.synonyms!;
    for (const [k, vs] of Object.entries(syn)) {
      expect(k).toBe(k.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase());
      for (const v of vs) expect(syn[v], `${v} → ${k}`).toContain(k);
    }
  });
});
