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
 *   PRAGMA data_version + the writer's own commits) is read once per turn of the event loop (the
 *   requests read from the sockets in one turn arrived together: each sees every commit completed
 *   before its turn began; the next turn reads it again), not once per request (a SQLite call each);
 *   when it changed, the whole cache is dropped. An answer is stored only when the version is still the one read before it
 *   was computed, so an answer that raced a write is never kept under the new version. An engine
 *   without a version (Meilisearch here) gets no caching.
 * - Bounded: LRU (lru-cache) by bytes (body + key), an answer over maxBytes/8 not kept.
 * - Identical requests arriving while one is computed share that computation (one worker call).
 * - Only 200 answers are kept; errors (404, 503…) are computed each time.
 * - Known requests skip parsing: once a raw request (route, scope, URL as received, without the key)
 *   has been parsed and answered, `sendKnown` finds its answer from the raw URL alone (same URL →
 *   same validated parameters → same entry), without the query parser, the zod schema and the
 *   canonical key. A URL never answered 200 takes the normal path (validation errors included).
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

/** Raw requests remembered (raw URL → normalized key); past this many the map starts again. */
const MAX_KNOWN = 20_000;

export class ResponseCache {
  private readonly lru: LRUCache<string, CachedAnswer> | null;
  private readonly inflight = new Map<string, Promise<CachedAnswer>>();
  /** route, scope and raw URL → the normalized key its parameters gave (valid while the version holds) */
  private readonly known = new Map<string, string>();
  private seenVersion: string | undefined;
  /** the version read in this turn of the event loop (undefined: not read yet) */
  private turnVersion: { v: string | undefined } | undefined;

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

  /** The current version (read once per event-loop turn); a change drops every entry. */
  private version(): string | undefined {
    if (this.turnVersion) return this.turnVersion.v;
    const v = this.opts.version();
    this.turnVersion = { v };
    setImmediate(() => { this.turnVersion = undefined; });
    if (v !== this.seenVersion) { this.seenVersion = v; this.lru?.clear(); this.inflight.clear(); this.known.clear(); }
    return v;
  }

  private static rawKey(route: string, scope: object | undefined, raw: string): string {
    return `${route}\u0000${scopeId(scope)}\u0000${raw}`;
  }

  /**
   * The kept answer of a request already parsed and answered with exactly this raw URL (`req.url`
   * after the portal key was taken out), sent as a hit: true. Else false (nothing sent): parse the
   * request and call answer() with the same `raw`.
   */
  sendKnown(req: Request, res: Response, route: string, raw: string, scope: object | undefined): boolean {
    if (!this.lru || this.version() === undefined) return false;
    const key = this.known.get(ResponseCache.rawKey(route, scope, raw));
    const hit = key === undefined ? undefined : this.lru.get(key);
    if (!hit) return false;
    this.opts.metrics?.cacheOutcome(route, 'hit');
    this.send(req, res, hit, 'hit');
    return true;
  }

  /**
   * Answer from the cache, or compute (`build`: the JSON answer as an object), send and keep it.
   * `onMiss` runs before a computation (the cost limiter charges there; it may throw, e.g. 429).
   */
  async answer(req: Request, res: Response, route: string, params: unknown, scope: object | undefined,
    build: () => Promise<unknown>, onMiss?: () => Promise<void> | void, raw?: string): Promise<void> {
    const version = this.lru ? this.version() : undefined;
    if (version === undefined) {
      this.opts.metrics?.cacheOutcome(route, 'bypass');
      await onMiss?.();
      res.json(await build());
      return;
    }
    const key = `${route}\u0000${scopeId(scope)}\u0000${canonicalJson(params)}`;
    const remember = () => {
      if (raw === undefined) return;
      if (this.known.size >= MAX_KNOWN) this.known.clear();
      this.known.set(ResponseCache.rawKey(route, scope, raw), key);
    };
    const hit = this.lru!.get(key);
    if (hit) {
      this.opts.metrics?.cacheOutcome(route, 'hit');
      remember();
      this.send(req, res, hit, 'hit');
      return;
    }
    this.opts.metrics?.cacheOutcome(route, 'miss');
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
        if (this.version() === version) { this.lru!.set(key, answer); remember(); }
      }, clear);
    }
    this.send(req, res, await pending, 'miss');
  }

  private send(req: Request, res: Response, answer: CachedAnswer, how: 'hit' | 'miss'): void {
    // plain setHeader: the values are known to be valid strings (no res.set/res.type lookups)
    res.setHeader('X-Cache', how);
    res.setHeader('ETag', answer.etag);
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    // req.fresh only for conditional requests (it is false without these headers)
    if ((req.headers['if-none-match'] !== undefined || req.headers['if-modified-since'] !== undefined) && req.fresh) { res.status(304).end(); return; }
    res.setHeader('Content-Length', answer.body.length);
    res.end(answer.body);
  }
}
