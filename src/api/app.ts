/**
 * createApp(config, engine, deps): the HTTP service. It talks only to the engine and the pure
 * modules; ingestion (admin upload) arrives as a function from the caller, so api/ never imports ingest/.
 * `listen` happens only in the CLI.
 */
import express, { type Request, type Response, type NextFunction } from 'express';
import helmet from 'helmet';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../config.js';
import type { SearchEngine, SearchFilters } from '../engine/types.js';
import type { DocumentRecord } from '../docs/model.js';
import { AppError } from '../errors.js';
import { errorMiddleware, notFoundApi } from './errors.js';
import { CitingQuery, DocumentParams, SearchQuery } from './schemas.js';
import { Metrics } from './metrics.js';
import { createPortalSecurity, portalOf, applyScope, inScope, citingInScope, type PortalScope } from './security.js';
import { mountAdmin, type AdminDeps } from './admin.js';
import { mountWidget } from './web.js';
import { buildOpenApi } from './openapi.js';
import { docLink, refLink } from '../web/links.js';
import { passageForAnchor } from '../docs/anchors.js';
import { refsRouter } from './refs.js';
import { resolveOutgoing, resolveReferenceDocuments, searchWithUnderstanding } from '../search/service.js';
import { renderDocumentPage, renderMessagePage, renderSearchPage, renderCandidatesPage, statusHint } from '../web/pages.js';

/** ingestFile (admin upload) is provided by the CLI, which wires ingest/. */
export interface AppDeps extends AdminDeps {
  log?: (msg: string, err?: unknown) => void;
}

const WEB_ASSETS = path.join(path.dirname(fileURLToPath(import.meta.url)), '../web/assets');

/** Express 5 forwards rejected promises to the error middleware; this only narrows the types. */
type Handler = (req: Request, res: Response, next: NextFunction) => Promise<unknown> | unknown;
const route = (fn: Handler) => fn;

export function createApp(config: Config, engine: SearchEngine, deps: AppDeps = {}) {
  const log = deps.log ?? ((msg: string, err?: unknown) => { if (config.logLevel !== 'silent') console.error(msg, err ?? ''); });
  const app = express();
  const metrics = new Metrics();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.set('query parser', 'extended');
  app.use(helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'"], imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"], fontSrc: ["'self'"], objectSrc: ["'none'"], baseUri: ["'none'"],
        frameAncestors: ["'self'"], formAction: ["'self'"],
      },
    },
    crossOriginResourcePolicy: { policy: 'same-site' },
  }));
  app.use(metrics.middleware());
  app.use('/assets', express.static(WEB_ASSETS, { maxAge: '1h', fallthrough: false }));
  // Portal keys, CORS, rate limits (security.ts); admin routes; widget assets; the OpenAPI document.
  const security = createPortalSecurity(config);
  app.use('/api', security.gate);
  app.use(['/d', '/r'], security.ipLimiter);
  mountAdmin(app, config, engine, deps);
  mountWidget(app, config);
  app.get('/openapi.json', (_req, res) => { res.json(buildOpenApi(config)); });

  const absolute = (p: string) => (config.publicBaseUrl ? `${config.publicBaseUrl}${p}` : p);

  /** A document's place in the citation graph: who cites it (within the scope), what it cites (resolved), the status hint. */
  async function citationGraph(document: DocumentRecord, scope?: PortalScope) {
    const [citedBy, outgoing] = await Promise.all([
      citingInScope(engine, document.refId, scope, { limit: 100 }),
      resolveOutgoing(engine, document.refs),
    ]);
    return { citedBy, outgoing, hint: statusHint(citedBy.items) };
  }

  async function runSearch(query: SearchQuery, scope?: PortalScope) {
    const filters: SearchFilters = applyScope({
      kind: query.kind, issuer: query.issuer, year: query.year,
      dateFrom: query.from, dateTo: query.to,
    }, scope);
    const t0 = performance.now();
    const result = await searchWithUnderstanding(engine, {
      q: query.q, filters, sort: query.sort, limit: query.limit, offset: query.offset,
      prefix: query.prefix, passagesPerDoc: query.passages,
    });
    metrics.observeSearch(performance.now() - t0);
    return result;
  }

  // ---- JSON API ----
  app.get('/api/health', route(async (_req, res) => {
    const h = await engine.health();
    res.status(h.ok ? 200 : 503);
    if (!h.ok) res.set('Retry-After', '5');
    res.json({ status: h.ok ? 'ok' : 'degraded', engine: h });
  }));

  app.get('/api/search', route(async (req, res) => {
    const query = SearchQuery.parse(req.query);
    const scope = portalOf(res).scope;
    const result = await runSearch(query, scope);
    result.hits = result.hits.filter((hit) => inScope(hit.document, scope)); // defence in depth: an engine that ignored a filter
    res.json({
      query: { q: query.q, limit: query.limit, offset: query.offset, sort: query.sort },
      ...(result.reference ? { reference: { ...result.reference, documents: result.reference.documents.map((d) => ({ ...d, link: absolute(docLink(d.id)) })) } } : {}),
      ...(result.decoded ? { decoded: result.decoded } : {}),
      total: result.total,
      totalPassages: result.totalPassages,
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
    });
  }));

  app.get('/api/documents/:id', route(async (req, res) => {
    const { id } = DocumentParams.parse(req.params);
    const scope = portalOf(res).scope;
    const stored = await engine.getDocument(id);
    if (!stored || !inScope(stored.document, scope)) throw new AppError('not_found', `No document with id "${id}".`);
    const { citedBy, outgoing, hint } = await citationGraph(stored.document, scope);
    res.json({
      // The source file is named, not located: server paths stay private.
      document: { ...stored.document, source: { ...stored.document.source, path: stored.document.source.path?.split(/[\\/]/).pop() }, link: absolute(docLink(id)) },
      passages: stored.passages.map((p) => ({ ...p, link: absolute(docLink(id, p.anchor)) })),
      references: outgoing.map((o) => ({
        ...o.reference, link: absolute(refLink(o.reference)), status: o.status,
        documents: o.documents.filter((d) => inScope(d, scope)).map((d) => ({ id: d.id, title: d.title, number: d.number, link: absolute(docLink(d.id)) })),
      })),
      citedBy: { total: citedBy.total, items: citedBy.items },
      statusHint: hint,
    });
  }));

  app.get('/api/documents/:id/cited-by', route(async (req, res) => {
    const { id } = DocumentParams.parse(req.params);
    const { limit, offset } = CitingQuery.parse(req.query);
    const scope = portalOf(res).scope;
    const stored = await engine.getDocument(id);
    if (!stored || !inScope(stored.document, scope)) throw new AppError('not_found', `No document with id "${id}".`);
    res.json(await citingInScope(engine, stored.document.refId, scope, { limit, offset }));
  }));

  app.use('/api', refsRouter(engine, { absolute }));

  app.get('/metrics', (_req, res) => { res.type('text/plain; version=0.0.4').send(metrics.render()); });

  app.use('/api', notFoundApi);

  // ---- Pages ----
  app.get('/', security.ipLimiter, route(async (req, res) => {
    if (!config.publicSearch) { res.status(403).type('html').send(renderMessagePage('Tra cứu công khai đang tắt', 'Máy chủ này chỉ phục vụ tra cứu qua cổng thông tin có khóa truy cập.')); return; }
    const parsed = SearchQuery.safeParse(req.query);
    const q = typeof req.query.q === 'string' ? req.query.q : '';
    if (!parsed.success) {
      res.status(400).type('html').send(renderSearchPage({ q, limit: 10, offset: 0 }, null, 'Yêu cầu tìm kiếm không hợp lệ: ' + parsed.error.issues.map((i) => i.path.join('.')).join(', ')));
      return;
    }
    const query = parsed.data;
    const params = { q: query.q, kind: query.kind, issuer: query.issuer, year: query.year, sort: query.sort, limit: query.limit, offset: query.offset };
    const browsing = !query.q.trim() && !query.kind && !query.issuer && !query.year;
    if (browsing) { // the home page: examples and the newest documents
      const latest = await runSearch({ ...query, sort: 'date', limit: 8, offset: 0 }).catch((e) => { log('home page: latest documents failed', e); return undefined; });
      res.type('html').send(renderSearchPage(params, null, undefined, latest));
      return;
    }
    try {
      const result = await runSearch(query);
      res.type('html').send(renderSearchPage(params, result));
    } catch (e) {
      log('search page failed', e);
      res.status(e instanceof AppError ? e.status : 500).type('html').send(renderSearchPage(params, null, 'Hệ thống tìm kiếm đang tạm thời gián đoạn. Vui lòng thử lại sau ít phút.'));
    }
  }));

  app.get('/d/:id', route(async (req, res) => {
    const id = String(req.params.id);
    const stored = await engine.getDocument(id);
    if (!stored) { res.status(404).type('html').send(renderMessagePage('Không tìm thấy văn bản', `Không có văn bản với mã “${id}”.`)); return; }
    const { citedBy, outgoing, hint } = await citationGraph(stored.document);
    const q = typeof req.query.q === 'string' ? req.query.q.slice(0, 500) : undefined;
    res.type('html').send(renderDocumentPage({ stored, q, citedBy: citedBy.items, citedByTotal: citedBy.total, statusHint: hint, outgoing }));
  }));

  app.get('/r/:canonical', route(async (req, res) => {
    const canonical = String(req.params.canonical).toLowerCase();
    const at = typeof req.query.at === 'string' && /^[a-z0-9-]{1,80}$/.test(req.query.at) ? req.query.at : '';
    const docs = await resolveReferenceDocuments(engine, { canonical, canonicalPrefix: canonical, number: canonical });
    if (docs.length === 1) {
      // The pinpoint lands on the passage that holds it ("dieu-5-khoan-2" may live in the passage "dieu-5").
      const stored = at ? await engine.getDocument(docs[0].id) : null;
      const landing = stored ? passageForAnchor(stored.passages, at)?.anchor : undefined;
      res.redirect(302, docLink(docs[0].id, landing));
      return;
    }
    if (docs.length > 1) { res.status(300).type('html').send(renderCandidatesPage(canonical, docs)); return; }
    res.status(404).type('html').send(renderMessagePage('Văn bản chưa có trong kho', `Văn bản “${canonical}” được dẫn chiếu nhưng chưa có trong kho dữ liệu. Bạn có thể tìm các văn bản dẫn chiếu nó bằng ô tìm kiếm.`, canonical));
  }));

  app.use((req, res) => {
    res.status(404).type('html').send(renderMessagePage('Không tìm thấy trang', `Không có trang “${req.path}”.`));
  });
  app.use(errorMiddleware(log));
  return app;
}
