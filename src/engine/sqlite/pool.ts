/**
 * The sqlite engine off the event loop: reads (search, document reads, reference lookups) run in a
 * pool of worker threads, each with its own read-only connection to the same WAL database file;
 * writes, per-source state and health stay on one writer connection in the calling thread.
 *
 *   const engine = new SqlitePool({ file: 'data/policy-search.sqlite', workers: 2, maxQueue: 16 });
 *   await engine.init();   // the writer creates the schema, then the workers open the file
 *
 * - Bounded queue: at most `maxQueue` calls wait or run in the workers; one more is refused at once
 *   with engine_unavailable (HTTP 503 + Retry-After), never an unbounded wait.
 * - One queue for all workers: a call goes to a worker only when that worker is free (one call at a
 *   time each), so a short search never waits behind a long one in a busy worker's own queue while
 *   another worker is idle (the tail latency under load is the queue's, first come first served).
 * - health() answers from the writer connection, in the calling thread, whatever the workers' load.
 * - Each worker call reads one snapshot (SqliteEngine reads run in a read transaction), so a write
 *   committed meanwhile by the writer or by another process (a CLI ingest) is seen whole or not at all.
 * - A worker that dies fails its pending calls (engine_unavailable) and is replaced.
 */
import { Worker } from 'node:worker_threads';
import os from 'node:os';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { DocumentRecord, PassageRecord } from '../../docs/model.js';
import { AppError } from '../../errors.js';
import type {
  CitingPassage, DocumentSummary, EngineHealth, EngineStats, SearchEngine, SearchRequest, SearchResult, SourceState, StoredDocument,
} from '../types.js';
import { SqliteEngine, type SqliteEngineOptions } from './index.js';
import type { PoolReply, PoolRequest } from './pool-protocol.js';

export interface SqlitePoolOptions extends SqliteEngineOptions {
  /** Worker threads (default: the number of cores). */
  workers?: number;
  /** Calls running or waiting in the workers before new ones get 503 (default 32 per worker). */
  maxQueue?: number;
  /** Retry-After (seconds) when the queue is full. Default 1. */
  retryAfter?: number;
}

interface Call { id: number; method: string; args: unknown[]; resolve: (v: unknown) => void; reject: (e: unknown) => void }
interface Slot { worker: Worker; pending: Map<number, Call>; ready: Promise<void>; started: boolean }

/**
 * The worker entry: worker.js when this module is compiled; worker.ts when it is TypeScript (tests,
 * `tsx src/cli.ts`), started through a tiny ESM bootstrap that registers tsx's loader in the worker
 * (Node 20 does not carry a parent's loader hooks into worker threads).
 */
function workerEntry(): URL {
  if (!import.meta.url.endsWith('.ts')) return new URL('./worker.js', import.meta.url);
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const entry = new URL('./worker.ts', import.meta.url).href;
  const code = `import { register } from ${JSON.stringify(tsxApi)}; register(); await import(${JSON.stringify(entry)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}

export class SqlitePool implements SearchEngine {
  readonly name = 'sqlite';
  readonly writer: SqliteEngine;
  private slots: Slot[] = [];
  /** Calls waiting for a free worker, oldest first. */
  private waiting: Call[] = [];
  private seq = 0;
  private closed = false;
  private readonly size: number;
  private readonly maxQueue: number;

  constructor(private readonly opts: SqlitePoolOptions) {
    if (opts.file === ':memory:') throw new AppError('bad_request', 'sqlite pool: workers need a database file, not :memory:');
    this.writer = new SqliteEngine(opts);
    this.size = Math.max(1, opts.workers ?? os.availableParallelism());
    this.maxQueue = Math.max(1, opts.maxQueue ?? this.size * 32);
  }

  /** Idempotent (callers such as ingest may init an engine again): workers are started once. */
  async init(): Promise<void> {
    await this.writer.init();
    if (!this.slots.length) for (let i = 0; i < this.size; i++) this.slots.push(this.spawn());
    await Promise.all(this.slots.map((s) => s.ready));
  }

  private spawn(): Slot {
    const { workers: _w, maxQueue: _q, retryAfter: _r, ...engineOpts } = this.opts;
    const worker = new Worker(workerEntry(), { workerData: engineOpts });
    const slot: Slot = { worker, pending: new Map(), ready: Promise.resolve(), started: false };
    slot.ready = new Promise<void>((resolve, reject) => {
      const onMessage = (m: PoolReply | { ready: true }) => {
        if ('ready' in m) { slot.started = true; resolve(); this.dispatch(); return; }
        const call = slot.pending.get(m.id);
        if (!call) return;
        slot.pending.delete(m.id);
        this.dispatch();
        if (m.ok) call.resolve(m.value);
        else {
          const e = m.error;
          call.reject(e.appCode
            ? new AppError(e.appCode, e.message, { retryAfter: e.retryAfter, details: e.details })
            : Object.assign(new Error(e.message), { code: e.sqliteCode }));
        }
      };
      worker.on('message', onMessage);
      const fail = (err: unknown) => {
        reject(err);
        for (const call of slot.pending.values()) call.reject(new AppError('engine_unavailable', `sqlite worker stopped: ${(err as Error)?.message ?? err}`, { retryAfter: 1, cause: err }));
        slot.pending.clear();
        const i = this.slots.indexOf(slot);
        if (i >= 0 && !this.closed) this.slots[i] = this.spawn();
      };
      worker.on('error', fail);
      worker.on('exit', (code) => { if (!this.closed) fail(new Error(`exit code ${code}`)); });
    });
    slot.ready.catch(() => undefined);
    return slot;
  }

  /** Calls waiting or running in the workers. */
  get queued(): number {
    return this.waiting.length + this.slots.reduce((n, s) => n + s.pending.size, 0);
  }

  /** Hand the oldest waiting calls to free (started, idle) workers. */
  private dispatch(): void {
    while (this.waiting.length) {
      const slot = this.slots.find((s) => s.started && s.pending.size === 0);
      if (!slot) return;
      const call = this.waiting.shift()!;
      slot.pending.set(call.id, call);
      slot.worker.postMessage({ id: call.id, method: call.method, args: call.args } satisfies PoolRequest);
    }
  }

  private run<T>(method: string, args: unknown[]): Promise<T> {
    if (this.closed) return Promise.reject(new AppError('engine_unavailable', 'The sqlite engine is closed.', { retryAfter: 5 }));
    if (this.queued >= this.maxQueue) {
      return Promise.reject(new AppError('engine_unavailable', `The search engine is busy (${this.queued} requests in progress); try again shortly.`, { retryAfter: this.opts.retryAfter ?? 1 }));
    }
    const id = ++this.seq;
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ id, method, args, resolve: resolve as (v: unknown) => void, reject });
      this.dispatch();
    });
  }

  // ---- reads: in the workers ----
  search(req: SearchRequest): Promise<SearchResult> { return this.run('search', [req]); }
  getDocument(id: string): Promise<StoredDocument | null> { return this.run('getDocument', [id]); }
  findByRefId(refId: string): Promise<DocumentSummary[]> { return this.run('findByRefId', [refId]); }
  findByRefPrefix(prefix: string): Promise<DocumentSummary[]> { return this.run('findByRefPrefix', [prefix]); }
  findByRefIds(refIds: string[], opts?: { prefix?: boolean }): Promise<Map<string, DocumentSummary[]>> { return this.run('findByRefIds', [refIds, opts]); }
  citingCounts(refIds: string[], opts?: { prefix?: boolean }): Promise<Map<string, number>> { return this.run('citingCounts', [refIds, opts]); }
  citing(refId: string, opts?: { limit?: number; offset?: number; prefix?: boolean }): Promise<{ total: number; items: CitingPassage[] }> { return this.run('citing', [refId, opts]); }
  stats(): Promise<EngineStats> { return this.run('stats', []); }
  suggest(word: string): Promise<string | null> { return this.run('suggest', [word]); }

  // ---- writes, sources, health: the writer connection ----
  upsert(document: DocumentRecord, passages: PassageRecord[]): Promise<void> { return this.writer.upsert(document, passages); }
  upsertMany(items: StoredDocument[]): Promise<void> { return this.writer.upsertMany(items); }
  delete(docId: string): Promise<boolean> { return this.writer.delete(docId); }
  compact(): Promise<void> { return this.writer.compact(); }
  getSources(): Promise<SourceState[]> { return this.writer.getSources(); }
  setSource(state: SourceState): Promise<void> { return this.writer.setSource(state); }
  deleteSource(path: string): Promise<void> { return this.writer.deleteSource(path); }
  allDocuments(): AsyncIterable<StoredDocument> { return this.writer.allDocuments(); }

  /** The writer connection's view (data_version + its own commits): every commit, whoever made it. */
  dataVersion(): string { return this.writer.dataVersion(); }

  async health(): Promise<EngineHealth> {
    const h = await this.writer.health();
    return { ...h, details: { ...h.details, workers: this.slots.length, queued: this.queued, maxQueue: this.maxQueue } };
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    const closedError = () => new AppError('engine_unavailable', 'The sqlite engine closed.', { retryAfter: 5 });
    for (const s of this.slots) for (const c of s.pending.values()) c.reject(closedError());
    for (const c of this.waiting) c.reject(closedError());
    this.waiting = [];
    this.slots = [];
    await this.writer.close();
  }
}
