/**
 * Prometheus metrics (prom-client), one registry per app:
 *   process_* / nodejs_*                      default process metrics (CPU, memory, event loop lag, GC…)
 *   http_request_duration_seconds{method,route,status}   histogram of every request
 *   search_duration_seconds                   histogram of service searches (pages and API)
 *   engine_calls_total{engine,method,outcome} counter of engine calls (outcome ok | error)
 *   response_cache_requests_total{route,outcome}  response cache lookups (hit | miss | bypass: engine without a data version or cache off)
 *   response_cache_bytes / response_cache_entries  what the response cache holds (src/api/cache.ts)
 *   search_cost_units_total / search_cost_limited_total  cost units charged to searches, and searches refused (429) by the cost limit
 * Routes are the matched route patterns ("/api/documents/:id"), never raw paths, so label sets stay small.
 * Served at GET /metrics, behind METRICS_TOKEN when set, or on METRICS_PORT instead (see the CLI).
 */
import http from 'node:http';
import type { Request, RequestHandler } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { SearchEngine } from '../engine/types.js';

const SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** The route pattern a request matched ("/api/documents/:id"), '/assets' for static files, else 'unmatched'. */
export function routeOf(req: Pick<Request, 'route' | 'baseUrl' | 'originalUrl'>): string {
  if (req.route?.path && typeof req.route.path === 'string') return `${req.baseUrl ?? ''}${req.route.path}`;
  if (req.originalUrl?.startsWith('/assets/')) return '/assets';
  return 'unmatched';
}

export class Metrics {
  readonly registry = new Registry();
  readonly requests = new Histogram({ name: 'http_request_duration_seconds', help: 'HTTP request duration in seconds, by method, route pattern and status.', labelNames: ['method', 'route', 'status'], buckets: SECONDS, registers: [this.registry] });
  readonly searches = new Histogram({ name: 'search_duration_seconds', help: 'Search time in seconds (service search, all engine calls included).', buckets: SECONDS, registers: [this.registry] });
  readonly engineCalls = new Counter({ name: 'engine_calls_total', help: 'Calls made to the search engine, by engine, method and outcome.', labelNames: ['engine', 'method', 'outcome'], registers: [this.registry] });

  readonly cacheRequests = new Counter({ name: 'response_cache_requests_total', help: 'Response cache lookups by route and outcome (hit, miss, bypass).', labelNames: ['route', 'outcome'], registers: [this.registry] });
  /** What the response cache holds; set by the app that owns the cache. */
  cacheSource?: { bytes: number; entries: number };
  readonly cacheBytes = new Gauge({ name: 'response_cache_bytes', help: 'Bytes held by the response cache (bodies and keys).', registers: [this.registry], collect: () => { this.cacheBytes.set(this.cacheSource?.bytes ?? 0); } });
  readonly cacheEntries = new Gauge({ name: 'response_cache_entries', help: 'Answers held by the response cache.', registers: [this.registry], collect: () => { this.cacheEntries.set(this.cacheSource?.entries ?? 0); } });
  readonly costUnits = new Counter({ name: 'search_cost_units_total', help: 'Cost units charged to searches computed (not answered from the cache).', registers: [this.registry] });
  readonly costLimited = new Counter({ name: 'search_cost_limited_total', help: 'Searches refused with 429 because the caller spent its cost budget.', registers: [this.registry] });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  private readonly cacheChildren = new Map<string, { inc: () => void }>();
  /** One response cache lookup counted (the labelled child is looked up once per route and outcome). */
  cacheOutcome(route: string, outcome: 'hit' | 'miss' | 'bypass'): void {
    const k = `${route} ${outcome}`;
    let child = this.cacheChildren.get(k);
    if (!child) { child = this.cacheRequests.labels({ route, outcome }); this.cacheChildren.set(k, child); }
    child.inc();
  }

  middleware(): RequestHandler {
    return (req, res, next) => {
      const end = this.requests.startTimer();
      res.on('finish', () => end({ method: req.method, route: routeOf(req), status: String(res.statusCode) }));
      next();
    };
  }

  observeSearch(seconds: number): void {
    this.searches.observe(seconds);
  }

  /** The engine with every method call counted (the engine object itself is unchanged). */
  countEngine<E extends SearchEngine>(engine: E): E {
    const counter = this.engineCalls;
    const target = engine;
    // An empty proxy target: the engine's own properties impose no proxy invariants.
    return new Proxy({} as E, {
      has: (_t, prop) => prop in target,
      get(_t, prop) {
        const value = Reflect.get(target, prop, target);
        if (typeof value !== 'function' || typeof prop !== 'string' || prop === 'constructor') return value;
        // a version check, not a call worth counting (the response cache asks it on every request)
        if (prop === 'dataVersion') return value.bind(target);
        return function (this: unknown, ...args: unknown[]) {
          const labels = { engine: target.name, method: prop };
          try {
            const out = value.apply(target, args);
            if (out && typeof (out as Promise<unknown>).then === 'function') {
              return (out as Promise<unknown>).then(
                (v) => { counter.inc({ ...labels, outcome: 'ok' }); return v; },
                (e) => { counter.inc({ ...labels, outcome: 'error' }); throw e; },
              );
            }
            counter.inc({ ...labels, outcome: 'ok' });
            return out;
          } catch (e) {
            counter.inc({ ...labels, outcome: 'error' });
            throw e;
          }
        };
      },
    });
  }

  contentType(): string {
    return this.registry.contentType;
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }
}

/** A bare HTTP server answering GET /metrics only, for METRICS_PORT (the CLI listens). */
export function createMetricsServer(metrics: Metrics): http.Server {
  return http.createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') { res.writeHead(404).end(); return; }
    metrics.render().then(
      (body) => { res.writeHead(200, { 'Content-Type': metrics.contentType() }).end(body); },
      () => { res.writeHead(500).end(); },
    );
  });
}
