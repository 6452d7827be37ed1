/**
 * The response cache: serialized JSON answers of the read routes (search, document, relations,
 * cited-by), kept in memory and answered from the main thread without a worker round trip.
 *
 *   const cache = new ResponseCache({ maxBytes: 64 << 20, version: () => service.dataVersion() });
 *   await cache.answer(req, res, 'search', parsedQuery, scope, async () => buildJsonAnswer());
 *
 * - Key: the route, the normalized request (the validated parameters, defaults applied, keys sorted:
 *   `q=x&limit=10` and `limit=10&q=x` are one entry) and the portal key's scope (two keys with the same
 *   scope share entries; a scoped answer is never served to another scope), under the data version.
 * - Correct under writes by any process: the data version (SearchEngine.dataVersion: sqlite's
 *   PRAGMA data_version + the writer's own commits) is read on every request; when it changed, the
 *   whole cache is dropped. An answer is stored only when the version is still the one read before it
 *   was computed, so an answer that raced a write is never kept under the new version. An engine
 *   without a version (Meilisearch here) gets no caching.
 * - Bounded: LRU (lru-cache) by bytes (body + key), an answer over maxBytes/8 not kept.
 * - Identical requests arriving while one is computed share that computation (one worker call).
 * - Only 200 answers are kept; errors (404, 503…) are computed each time.
 * - `X-Cache: hit | miss` tells callers (and the bench) which it was; metrics count hits and misses
 *   per route (response_cache_requests_total) and the bytes held (response_cache_bytes).
 */
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { LRUCache } from 'lru-cache';
import type { Metrics } from './metrics.js';

export interface CachedAnswer {
  body: Buffer;
  etag: string;
}

export interface ResponseCacheOptions {
  /** Most bytes held (bodies + keys); 0 disables the cache. */
  maxBytes: number;
  /** The data version, or undefined when the engine reports none (then nothing is cached). */
  version: () => string | undefined;
  metrics?: Metrics;
}

/** JSON with object keys sorted (arrays keep their order): one string per normalized request. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v).filter((k) => (v as Record<string, unknown>)[k] !== undefined).sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** Express's default (weak) ETag shape, computed once per stored answer. */
function weakEtag(body: Buffer): string {
  return `W/"${body.length.toString(16)}-${createHash('sha1').update(body).digest('base64').slice(0, 27)}"`;
}

const scopeIds = new WeakMap<object, string>();
function scopeId(scope: object | undefined): string {
  if (!scope) return '';
  let id = scopeIds.get(scope);
  if (id === undefined) { id = canonicalJson(scope); scopeIds.set(scope, id); }
  return id;
}

export class ResponseCache {
  private readonly lru: LRUCache<string, CachedAnswer> | null;
  private readonly inflight = new Map<string, Promise<CachedAnswer>>();
  private seenVersion: string | undefined;

  constructor(private readonly opts: ResponseCacheOptions) {
    this.lru = opts.maxBytes > 0
      ? new LRUCache<string, CachedAnswer>({
        maxSize: opts.maxBytes,
        maxEntrySize: Math.max(1, Math.floor(opts.maxBytes / 8)),
        sizeCalculation: (v, k) => v.body.length + k.length * 2 + 64,
      })
      : null;
  }

  get enabled(): boolean { return this.lru !== null; }
  get bytes(): number { return this.lru?.calculatedSize ?? 0; }
  get entries(): number { return this.lru?.size ?? 0; }

  /** The current version; a change drops every entry. */
  private version(): string | undefined {
    const v = this.opts.version();
    if (v !== this.seenVersion) { this.seenVersion = v; this.lru?.clear(); this.inflight.clear(); }
    return v;
  }

  /**
   * Answer from the cache, or compute (`build`: the JSON answer as an object), send and keep it.
   * `onMiss` runs before a computation (the cost limiter charges there; it may throw, e.g. 429).
   */
  async answer(req: Request, res: Response, route: string, params: unknown, scope: object | undefined,
    build: () => Promise<unknown>, onMiss?: () => Promise<void> | void): Promise<void> {
    const version = this.lru ? this.version() : undefined;
    if (version === undefined) {
      this.opts.metrics?.cacheRequests.inc({ route, outcome: 'bypass' });
      await onMiss?.();
      res.json(await build());
      return;
    }
    const key = `${route}\u0000${scopeId(scope)}\u0000${canonicalJson(params)}`;
    const hit = this.lru!.get(key);
    if (hit) {
      this.opts.metrics?.cacheRequests.inc({ route, outcome: 'hit' });
      this.send(req, res, hit, 'hit');
      return;
    }
    this.opts.metrics?.cacheRequests.inc({ route, outcome: 'miss' });
    let pending = this.inflight.get(key);
    if (!pending) {
      await onMiss?.();
      pending = (async () => {
        const body = Buffer.from(JSON.stringify(await build()), 'utf8');
        return { body, etag: weakEtag(body) };
      })();
      this.inflight.set(key, pending);
      const clear = () => { if (this.inflight.get(key) === pending) this.inflight.delete(key); };
      pending.then((answer) => {
        clear();
        // kept only when no write happened meanwhile (the answer may predate it)
        if (this.version() === version) this.lru!.set(key, answer);
      }, clear);
    }
    this.send(req, res, await pending, 'miss');
  }

  private send(req: Request, res: Response, answer: CachedAnswer, how: 'hit' | 'miss'): void {
    res.set('X-Cache', how);
    res.set('ETag', answer.etag);
    res.type('application/json; charset=utf-8');
    if (req.fresh) { res.status(304).end(); return; }
    res.set('Content-Length', String(answer.body.length));
    res.end(answer.body);
  }
}
