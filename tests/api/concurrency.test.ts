/**
 * Reads stay consistent while another connection writes (issue 14): the server's engine is the worker
 * pool (src/engine/sqlite/pool.ts), a second connection on the same database file rewrites documents
 * the whole time (moving them in and out of a portal key's scope, changing their number of passages),
 * and a key scoped to one issuer searches. Every passage returned must belong to the document it is
 * returned under and to that document's state at the time of the read (its text carries both), and
 * every document must be in scope. The response cache is on (src/api/cache.ts): right after each write,
 * a search for the rewritten document (asked just before the write too, so a stale answer sits in the
 * cache) must show the new version, never the cached old one. Bounded: RUN_MS of writing and searching (up to MAX_MS on a machine too loaded to do MIN_DONE of each by then).
 * CONCURRENCY_REPEATS=N runs the first case N times in one process (issue 14: 100 runs in a row).
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
import { SqlitePool } from '../../src/engine/sqlite/pool.js';

const RUN_MS = 3000;
const MAX_MS = 30_000;
/** Writes, read-after-write checks and searches each done more than this many times. */
const MIN_DONE = 10;
const REPEATS = Number(process.env.CONCURRENCY_REPEATS ?? 1);
/** The version written last, across repeats (versions only grow). */
let lastVersion = 0;
const N_DOCS = 40;
const KEY = 'concurrency-test-key-0123456789';
const IN = 'Sở Giáo dục và Đào tạo Sơn La';
const OUT = 'Sở Giáo dục và Đào tạo Hà Nội';
const tag = (issuer: string) => (issuer === IN ? 'phamvitrong' : 'phamvingoai');

/** Version v of document i: issuer alternates with v; 3–7 passages, each naming its document and issuer state. */
function version(i: number, v: number): { document: DocumentRecord; passages: PassageRecord[] } {
  const id = `doc-${i}`;
  const issuer = (i + v) % 2 === 0 ? IN : OUT;
  const n = 3 + ((i + v) % 5);
  const passages: PassageRecord[] = Array.from({ length: n }, (_, k) => ({
    id: `${id}:p${k + 1}`, docId: id, ordinal: k, headingPath: `Điều ${k + 1}`, anchor: `dieu-${k + 1}`,
    text: `Kiểm tra đồng thời mã ${id.replace('-', '')} ${tag(issuer)} lần ${v} đoạn ${k + 1}.`, refs: [],
  }));
  return {
    document: {
      id, kind: 'công văn', title: `Văn bản kiểm tra ${i}`, issuer, issuedAt: `2024-01-${String(1 + (i % 28)).padStart(2, '0')}`,
      source: { format: 'txt' }, language: 'vi', refs: [],
    } as DocumentRecord,
    passages,
  };
}

let dir: string;
let pool: SqlitePool;
let writer: SqliteEngine;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'concurrency-'));
  const file = path.join(dir, 'policy-search.sqlite');
  pool = new SqlitePool({ file, workers: 2, checkpointMs: 0 });
  await pool.init();
  for (let i = 0; i < N_DOCS; i++) { const d = version(i, 0); await pool.upsert(d.document, d.passages); }
  // another connection, like a CLI ingest beside the server
  writer = new SqliteEngine({ file, checkpointMs: 0 });
  await writer.init();
  app = createApp(loadConfig({
    LOG_LEVEL: 'silent', RATE_PER_MINUTE_IP: '100000000', SEARCH_COST_PER_MINUTE_IP: '100000000',
    PORTAL_KEYS: JSON.stringify([{ key: KEY, name: 'sl', scope: { issuer: [IN] }, ratePerMinute: 100_000_000, costPerMinute: 100_000_000 }]),
  }), pool);
}, 60_000);

afterAll(async () => {
  await writer?.close();
  await pool?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('scoped searches while another connection rewrites documents', () => {
  it('every passage belongs to its document and its current state; every document is in scope; no stale cached answer after a write', { repeats: REPEATS - 1, timeout: 60_000 }, async () => {
    // RUN_MS, longer when the machine is so loaded that too little was done by then (at most MAX_MS)
    const end = Date.now() + RUN_MS;
    const hardEnd = Date.now() + MAX_MS;
    const going = () => Date.now() < hardEnd && (Date.now() < end || writes <= MIN_DONE || freshChecks <= MIN_DONE || searches <= MIN_DONE);
    let writes = 0;
    let freshChecks = 0;
    let searches = 0;
    let passagesSeen = 0;
    const problems: string[] = [];
    type Hit = { document: { id: string; issuer?: string }; passages: { id: string; snippet: string }[] };
    const searchDoc = async (i: number) => {
      const res = await request(app).get('/api/search').query({ q: `doc${i}`, limit: 50, passages: 10 }).set('X-Api-Key', KEY);
      if (res.status !== 200) problems.push(`status ${res.status}: ${JSON.stringify(res.body).slice(0, 200)}`);
      return res;
    };
    const writing = (async () => {
      while (going()) {
        const v = ++lastVersion;
        const i = v % N_DOCS;
        await searchDoc(i); // an answer under the old version, now in the cache
        const d = version(i, v);
        await writer.upsert(d.document, d.passages);
        writes++;
        // read after write: the new version of document i, or nothing when it left the scope
        const res = await searchDoc(i);
        if (res.status !== 200) continue;
        freshChecks++;
        const hit = (res.body.hits as Hit[]).find((h) => h.document.id === `doc-${i}`);
        if (d.document.issuer !== IN) { if (hit) problems.push(`doc-${i} v${v} left the scope, still answered`); continue; }
        if (!hit) { problems.push(`doc-${i} v${v} in scope, not found (x-cache ${res.headers['x-cache']})`); continue; }
        const texts = hit.passages.map((p) => p.snippet.replace(/<\/?mark>/g, ''));
        if (!texts.length || !texts.every((t) => t.includes(`lần ${v} đoạn`))) {
          problems.push(`doc-${i} after writing v${v}: "${texts.join(' | ')}" (x-cache ${res.headers['x-cache']})`);
        }
        await new Promise((r) => setTimeout(r, 1));
      }
    })();
    const searching = Array.from({ length: 4 }, async (_, c) => {
      while (going()) {
        const q = c % 2 ? 'kiểm tra đồng thời' : 'kiem tra';
        const res = await request(app).get('/api/search').query({ q, limit: 50, passages: 10, ...(c === 3 ? { prefix: 'true' } : {}) }).set('X-Api-Key', KEY);
        if (res.status !== 200) { problems.push(`status ${res.status}: ${JSON.stringify(res.body).slice(0, 200)}`); continue; }
        searches++;
        for (const hit of res.body.hits as { document: { id: string; issuer?: string }; passages: { id: string; snippet: string }[] }[]) {
          if (hit.document.issuer !== IN) problems.push(`out of scope: ${hit.document.id} (${hit.document.issuer})`);
          for (const p of hit.passages) {
            passagesSeen++;
            const text = p.snippet.replace(/<\/?mark>/g, '');
            if (!p.id.startsWith(`${hit.document.id}:`)) problems.push(`passage ${p.id} under ${hit.document.id}`);
            if (!text.includes(`mã ${hit.document.id.replace('-', '')} `)) problems.push(`passage text "${text}" under ${hit.document.id}`);
            if (!text.includes(tag(IN))) problems.push(`passage of an out-of-scope state: "${text}" under ${hit.document.id}`);
          }
        }
      }
    });
    await Promise.all([writing, ...searching]);
    expect(problems.slice(0, 10)).toEqual([]);
    expect(writes).toBeGreaterThan(MIN_DONE);
    expect(freshChecks).toBeGreaterThan(MIN_DONE);
    expect(searches).toBeGreaterThan(MIN_DONE);
    expect(passagesSeen).toBeGreaterThan(50);
  });

  it('a write waiting on another writer past the busy timeout answers engine_unavailable (503), never a 500', async () => {
    const file = path.join(dir, 'policy-search.sqlite');
    const impatient = new SqliteEngine({ file, checkpointMs: 0, busyTimeoutMs: 50 });
    const raw = new SqliteEngine({ file, checkpointMs: 0 });
    // hold the write lock from another connection
    (raw as unknown as { db: { exec(s: string): void } }).db.exec('BEGIN IMMEDIATE');
    try {
      const d = version(0, 999);
      await expect(impatient.upsert(d.document, d.passages)).rejects.toMatchObject({ code: 'engine_unavailable', status: 503, retryAfter: 2 });
    } finally {
      (raw as unknown as { db: { exec(s: string): void } }).db.exec('ROLLBACK');
      await raw.close();
      await impatient.close();
    }
  });

  it('the pool: one queue for its workers, each given one call at a time; past maxQueue a call is refused with 503 at once', async () => {
    const file = path.join(dir, 'policy-search.sqlite');
    const small = new SqlitePool({ file, workers: 2, maxQueue: 5, checkpointMs: 0 });
    await small.init();
    try {
      const calls = Array.from({ length: 5 }, (_, i) => small.search({ q: `kiểm tra ${i}`, limit: 5 }));
      // two running (one per worker), three waiting
      expect(small.queued).toBe(5);
      await expect(small.search({ q: 'một nữa', limit: 5 })).rejects.toMatchObject({ code: 'engine_unavailable', status: 503 });
      const results = await Promise.all(calls);
      expect(results.every((r) => Array.isArray(r.hits))).toBe(true);
      expect(small.queued).toBe(0);
      expect((await small.health()).details).toMatchObject({ workers: 2, queued: 0, maxQueue: 5 });
    } finally {
      await small.close();
    }
  });
});
