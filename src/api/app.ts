/**
 * createApp(config, engine, deps): the HTTP service. It talks only to the engine and the pure
 * modules; ingestion (admin upload) arrives as a function from the caller, so api/ never imports ingest/.
 * `listen` happens only in the CLI.
 */
import express, { type Express, type Request, type RequestHandler, type Response, type NextFunction } from 'express';
import helmet from 'helmet';
import type { Config } from '../config.js';
import type { SearchEngine } from '../engine/types.js';
import { AppError } from '../errors.js';
import { errorMiddleware, notFoundApi } from './errors.js';
import { CitingQuery, DocumentParams, SearchQuery } from './schemas.js';
import { Metrics } from './metrics.js';
import { createLogger, requestLogger, type Logger } from './log.js';
import { createPortalSecurity, portalOf, safeEqual, type HtmlPage } from './security.js';
import { mountAdmin, type AdminDeps } from './admin.js';
import { mountWidget } from './web.js';
import { buildOpenApi } from './openapi.js';
import { docLink, refLink } from '../service/links.js';
import { refsRouter } from './refs.js';
import { createService, type Scope, type SearchAnswer, type SearchParams, type Service } from '../service/index.js';
import { searchCost } from '../service/cost.js';
import { ResponseCache } from './cache.js';
import { createCostLimiter } from './cost-limit.js';
import { chain } from './chain.js';
import { turnSlices } from './turns.js';

/** ingestFile (admin upload) is provided by the CLI, which wires ingest/. */
export interface AppDeps extends AdminDeps {
  /** The service log (default: a pino logger at config.logLevel, src/api/log.ts). */
  logger?: Logger;
  /** The metrics registry (default: a new one); the CLI passes its own to serve it on METRICS_PORT. */
  metrics?: Metrics;
  /** The pages, mounted after the API routes (src/server.ts passes src/site's mountSite). */
  site?: (app: Express, ctx: PagesContext) => void;
  /** An HTML page for page-route answers made here (429); src/server.ts passes src/site's. */
  htmlPage?: HtmlPage;
}

/** What the pages get from the app: the service and the search as the API runs it (with its metrics). */
export interface PagesContext {
  config: Config;
  service: Service;
  log: (msg: string, err?: unknown) => void;
  limiter: RequestHandler;
  search: (params: SearchParams) => Promise<SearchAnswer>;
}

/**
 * Helmet's headers, replayed: this configuration sets the same headers on every response (no nonce,
 * nothing read from the request), so helmet runs once on a recording response and each request gets
 * the recorded headers in one middleware instead of helmet's chain of thirteen. A configuration whose
 * middleware does anything else (reads the request, calls other methods) is used as it is.
 */
function securityHeaders(helmetMiddleware: RequestHandler): RequestHandler {
  const set: [string, string][] = [];
  const removed: string[] = [];
  let done = false;
  try {
    const recorder = {
      setHeader: (name: string, value: unknown) => { set.push([name, String(value)]); },
      removeHeader: (name: string) => { removed.push(name); },
    };
    const req = new Proxy({}, { get: () => { throw new Error('reads the request'); } });
    helmetMiddleware(req as Request, recorder as unknown as Response, (err?: unknown) => { done = !err; });
  } catch { done = false; }
  if (!done) return helmetMiddleware;
  return (_req, res, next) => {
    for (const [name, value] of set) res.setHeader(name, value);
    for (const name of removed) res.removeHeader(name);
    next();
  };
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(.+)$/i.exec(header ?? '');
  return !!m && safeEqual(m[1].trim(), token);
}

/** Requests that go on per turn of the event loop (turns.ts; measured with bench:http at 50 connections). */
const TURN_REQUESTS = 8;

/** The paths app.use('/api', …) matches: /api itself and below (the query string is not part of the path). */
const API_PATH = /^\/api(?:[/?]|$)/i;

/** Express 5 forwards rejected promises to the error middleware; this only narrows the types. */
type Handler = (req: Request, res: Response, next: NextFunction) => Promise<unknown> | unknown;
const route = (fn: Handler) => fn;

/** The source file is named, not located: server paths stay private. */
function fileNameOnly<T extends { path?: string }>(source: T): T {
  return { ...source, path: source.path?.split(/[\\/]/).pop() };
}

export function createApp(config: Config, rawEngine: SearchEngine, deps: AppDeps = {}) {
  const logger = deps.logger ?? createLogger(config.logLevel);
  /** Errors go to the request's own logger when there is one (its lines carry the reqId). */
  const log = (msg: string, err?: unknown, req?: Request) => { (req?.log ?? logger).error({ err }, msg); };
  const app = express();
  const metrics = deps.metrics ?? new Metrics();
  const engine = metrics.countEngine(rawEngine);
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.set('query parser', 'extended');
  const service = createService(engine);

  app.use(metrics.middleware());
  // Health and metrics first, before the other middleware: probes and scrapes are answered at once whatever
  // the load (measured, not logged, not rate limited; the sqlite pool's health is the writer connection's, never a worker's).
  app.get('/api/health', route(async (_req, res) => {
    const h = await service.health();
    res.status(h.ok ? 200 : 503);
    if (!h.ok) res.set('Retry-After', '5');
    res.json({ status: h.ok ? 'ok' : 'degraded', engine: h });
  }));

  // Metrics: on METRICS_PORT instead when configured (the CLI serves them there), else here, behind METRICS_TOKEN when set.
  if (config.metricsPort === undefined) {
    app.get('/metrics', route(async (req, res) => {
      if (config.metricsToken && !bearerMatches(req.get('authorization'), config.metricsToken)) {
        res.set('WWW-Authenticate', 'Bearer');
        throw new AppError('unauthorized', 'GET /metrics needs Authorization: Bearer <METRICS_TOKEN>.');
      }
      res.type(metrics.contentType()).send(await metrics.render());
    }));
  }

  // Everything after health and metrics runs in slices of the event loop's turns (turns.ts): under a
  // saturating load, health and new connections wait for one slice, not for a whole burst of requests.
  app.use(turnSlices(TURN_REQUESTS));

  // Security headers and the request log: one router layer (chain.ts).
  app.use(chain(securityHeaders(helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'"], imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"], fontSrc: ["'self'"], objectSrc: ["'none'"], baseUri: ["'none'"],
        frameAncestors: ["'self'"], formAction: ["'self'"],
      },
    },
    crossOriginResourcePolicy: { policy: 'same-site' },
  })), requestLogger(logger)));
  // Portal keys, CORS, rate limits (security.ts).
  const security = createPortalSecurity(config, deps.htmlPage);
  // The gate runs for /api and everything under it, as app.use('/api', gate) would (case-insensitive,
  // like the router's paths), but as a path-less layer: a mount path makes the router trim and restore
  // req.url around it, and every later layer then parses the URL again.
  app.use((req, res, next) => (API_PATH.test(req.url) ? security.gate(req, res, next) : next()));
  app.use(['/d', '/r'], security.ipLimiter);
  // (admin routes, widget assets and the OpenAPI document are mounted after the read routes below:
  // their paths are disjoint, and the router then tries fewer layers for every search)

  const absolute = (p: string) => (config.publicBaseUrl ? `${config.publicBaseUrl}${p}` : p);

  async function runSearch(query: SearchParams, scope?: Scope) {
    const t0 = performance.now();
    const result = await service.search(query, scope);
    metrics.observeSearch((performance.now() - t0) / 1000);
    return result;
  }

  // Serialized answers of the read routes, reused while the data version stays the same (cache.ts);
  // searches computed are charged their cost (cost-limit.ts), cached answers are not.
  const cache = new ResponseCache({ maxBytes: config.responseCacheBytes, version: () => service.dataVersion(), metrics });
  metrics.cacheSource = cache;
  const charge = createCostLimiter(config, metrics);

  // ---- JSON API ----
  // Each read route first asks the cache for the answer of the same raw URL (cache.ts sendKnown:
  // no parsing), then parses, validates and answers (computed or cached) as usual.
  app.get('/api/search', route(async (req, res) => {
    const access = portalOf(res);
    if (cache.sendKnown(req, res, 'search', req.url, access.scope)) return;
    const query = SearchQuery.parse(req.query);
    const cost = () => charge(req, access, searchCost({ q: query.q, limit: query.limit, passagesPerDoc: query.passages, prefix: query.prefix }));
    await cache.answer(req, res, 'search', query, access.scope, () => searchJson(query, access.scope), cost, req.url);
  }));

  async function searchJson(query: SearchQuery, scope: Scope | undefined) {
    const result = await runSearch(query, scope);
    return {
      query: { q: query.q, limit: query.limit, offset: query.offset, sort: query.sort },
      ...(result.reference ? { reference: { ...result.reference, documents: result.reference.documents.map((d) => ({ ...d, link: absolute(docLink(d.id)) })) } } : {}),
      ...(result.decoded ? { decoded: result.decoded } : {}),
      ...(result.unmatched?.length ? { unmatched: result.unmatched } : {}),
      ...(result.suggestion ? { suggestion: result.suggestion } : {}),
      ...(result.relaxed ? { relaxed: true } : {}),
      total: result.total,
      totalPassages: result.totalPassages,
      ...(result.totalIsEstimate ? { totalIsEstimate: true } : {}),
      ...(result.budget ? { budget: result.budget } : {}),
      facets: result.facets,
      hits: result.hits.map((hit) => ({
        ...hit,
        document: { ...hit.document, link: absolute(docLink(hit.document.id)), sourceUrl: hit.document.url },
        passages: hit.passages.map((p) => ({
          ...p,
          link: absolute(docLink(hit.document.id, p.anchor)),
          refs: p.refs.filter((r) => !r.self).map((r) => ({ ...r, link: absolute(refLink(r)) })),
        })),
      })),
    };
  }

  app.get('/api/documents/:id', route(async (req, res) => {
    const scope = portalOf(res).scope;
    if (cache.sendKnown(req, res, 'document', req.url, scope)) return;
    const { id } = DocumentParams.parse(req.params);
    await cache.answer(req, res, 'document', id, scope, () => documentJson(id, scope), undefined, req.url);
  }));

  async function documentJson(id: string, scope: Scope | undefined) {
    const view = await service.document(id, scope);
    if (!view) throw new AppError('not_found', `No document with id "${id}".`);
    const { stored, citedBy, outgoing } = view;
    return {
      document: {
        ...stored.document, source: fileNameOnly(stored.document.source),
        ...(stored.document.sources ? { sources: stored.document.sources.map(fileNameOnly) } : {}),
        link: absolute(docLink(id)),
      },
      passages: stored.passages.map((p) => ({ ...p, link: absolute(docLink(id, p.anchor)) })),
      references: outgoing.map((o) => ({
        ...o.reference, link: absolute(refLink(o.reference)), status: o.status,
        documents: o.documents.map((d) => ({ id: d.id, title: d.title, number: d.number, link: absolute(docLink(d.id)) })),
      })),
      citedBy: { total: citedBy.total, items: citedBy.items },
      statusHint: view.statusHint,
    };
  }

  app.get('/api/documents/:id/relations', route(async (req, res) => {
    const scope = portalOf(res).scope;
    if (cache.sendKnown(req, res, 'relations', req.url, scope)) return;
    const { id } = DocumentParams.parse(req.params);
    await cache.answer(req, res, 'relations', id, scope, () => relationsJson(id, scope), undefined, req.url);
  }));

  async function relationsJson(id: string, scope: Scope | undefined) {
    const view = await service.document(id, scope);
    if (!view) throw new AppError('not_found', `No document with id "${id}".`);
    const d = view.stored.document;
    return {
      document: { id: d.id, number: d.number, title: d.title, kind: d.kind, issuedAt: d.issuedAt, link: absolute(docLink(id)) },
      status: view.derivedStatus ? { status: view.derivedStatus.status, by: view.derivedStatus.by.map((b) => ({ id: b.id, number: b.number, title: b.title, issuedAt: b.issuedAt, link: absolute(docLink(b.id)) })) } : null,
      statusHint: view.statusHint ?? null,
      groups: view.relations.map((g) => ({
        ...g,
        items: g.items.map((it) => ({
          ...it,
          document: it.document ? { id: it.document.id, number: it.document.number, title: it.document.title, kind: it.document.kind, issuedAt: it.document.issuedAt, link: absolute(docLink(it.document.id)) } : null,
          evidence: { ...it.evidence, link: absolute(docLink(it.evidence.docId, it.evidence.anchor)) },
        })),
      })),
    };
  }

  app.get('/api/documents/:id/cited-by', route(async (req, res) => {
    const scope = portalOf(res).scope;
    if (cache.sendKnown(req, res, 'cited-by', req.url, scope)) return;
    const { id } = DocumentParams.parse(req.params);
    const { limit, offset } = CitingQuery.parse(req.query);
    await cache.answer(req, res, 'cited-by', { id, limit, offset }, scope, async () => {
      const cited = await service.citedBy(id, scope, { limit, offset });
      if (!cited) throw new AppError('not_found', `No document with id "${id}".`);
      return cited;
    }, undefined, req.url);
  }));

  app.use('/api', refsRouter(service, { absolute }));
  // Admin routes (their own bearer token and limits, admin.ts); widget assets; the OpenAPI document.
  mountAdmin(app, config, engine, deps);

  app.use('/api', notFoundApi);
  mountWidget(app);
  app.get('/openapi.json', (_req, res) => { res.json(buildOpenApi(config)); });

  // ---- Pages (src/site) ----
  deps.site?.(app, { config, service, log, limiter: security.ipLimiter, search: runSearch });

  app.use(errorMiddleware(log));
  return app;
}
