/**
 * The server-rendered pages, on the service only:
 *   GET /               search page (home page with examples and the newest documents when no query)
 *   GET /d/:id          a document with its outline, references and "cited by"
 *   GET /r/:canonical   a canonical reference id → the document (302, with ?at= landing on the pinpoint),
 *                       its candidates (300) or a "not in the corpus" page (404)
 *   /assets/*           the pages' stylesheet (404 when missing)
 *   anything else       an HTML 404 page
 * Every page route is closed (403 page) when PUBLIC_SEARCH=false, and every failure is an HTML page
 * with the catalogue's status (503 with Retry-After when the engine is down), never JSON.
 */
import express, { type ErrorRequestHandler, type Express, type RequestHandler, type Response } from 'express';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import { SearchQuery } from '../service/params.js';
import { passageForAnchor } from '../docs/anchors.js';
import { docLink } from '../service/links.js';
import type { SearchAnswer, SearchParams, Service } from '../service/index.js';
import { renderCandidatesPage, renderCitedOnlyPage, renderDocumentPage, renderMessagePage, renderSearchPage, renderWidgetDemoPage } from './pages.js';
import { statusHint } from '../service/relations.js';

const ASSETS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'assets');

export interface SiteDeps {
  config: Config;
  service: Service;
  log: (msg: string, err?: unknown) => void;
  /** Per-IP rate limit for page routes. */
  limiter: RequestHandler;
  /** The search as the API runs it (with its metrics). */
  search: (params: SearchParams) => Promise<SearchAnswer>;
}

/** Seconds a browser is told to wait when the engine is down (when the error does not say). */
const RETRY_AFTER_S = 5;

/** The HTML page for a failed page request: the catalogue's status, Retry-After on 503. */
function sendErrorPage(res: Response, e: unknown): void {
  const status = e instanceof AppError ? e.status : 500;
  if (status === 503 || status === 429) res.set('Retry-After', String((e instanceof AppError && e.retryAfter) || RETRY_AFTER_S));
  const [title, message] = status === 503 || status === 502 || status === 504
    ? ['Hệ thống tạm thời gián đoạn', 'Hệ thống tìm kiếm đang tạm thời gián đoạn. Vui lòng thử lại sau ít phút.']
    : status === 429
      ? ['Quá nhiều yêu cầu', 'Bạn gửi quá nhiều yêu cầu trong thời gian ngắn. Vui lòng thử lại sau.']
      : status === 404
        ? ['Không tìm thấy trang', 'Trang bạn tìm không tồn tại.']
        : status < 500
          ? ['Yêu cầu không hợp lệ', e instanceof Error ? e.message : 'Yêu cầu không hợp lệ.']
          : ['Lỗi hệ thống', 'Đã có lỗi xảy ra. Vui lòng thử lại sau.'];
  res.status(status).type('html').send(renderMessagePage(title, message));
}

export function mountSite(app: Express, { config, service, log, limiter, search }: SiteDeps): void {
  // The pages live on their own router so their failures get HTML pages (pageErrors below), not the API's JSON.
  const site = express.Router();
  site.use('/assets', express.static(ASSETS, { maxAge: '1h' }), (_req, res) => { res.status(404).type('text/plain').send('Not found'); });

  /** PUBLIC_SEARCH=false closes every page route: the service then answers portals with keys only. */
  const publicOnly: RequestHandler = (_req, res, next) => {
    if (config.publicSearch) return next();
    res.status(403).type('html').send(renderMessagePage('Tra cứu công khai đang tắt', 'Máy chủ này chỉ phục vụ tra cứu qua cổng thông tin có khóa truy cập.'));
  };
  site.use(['/d', '/r'], limiter, publicOnly);

  // The embed snippet and a live widget (open even with PUBLIC_SEARCH=false: portals embed with their key).
  site.get('/widget-demo', (req, res) => {
    const base = config.publicBaseUrl ?? `${req.protocol}://${req.get('host')}`;
    res.type('html').send(renderWidgetDemoPage({ base, publicSearch: config.publicSearch }));
  });

  site.get('/', limiter, publicOnly, async (req, res) => {
    const parsed = SearchQuery.safeParse(req.query);
    const q = typeof req.query.q === 'string' ? req.query.q : '';
    if (!parsed.success) {
      res.status(400).type('html').send(renderSearchPage({ q, limit: 10, offset: 0 }, null, 'Yêu cầu tìm kiếm không hợp lệ: ' + parsed.error.issues.map((i) => i.path.join('.')).join(', ')));
      return;
    }
    const query = parsed.data;
    const params = { q: query.q, kind: query.kind, issuer: query.issuer, year: query.year, from: query.from, to: query.to, sort: query.sort, limit: query.limit, offset: query.offset };
    const browsing = !query.q.trim() && !query.kind && !query.issuer && !query.year && !query.from && !query.to;
    if (browsing) { // the home page: examples and the newest documents
      const latest = await search({ ...query, sort: 'date', limit: 8, offset: 0 }).catch((e) => { log('home page: latest documents failed', e); return undefined; });
      res.type('html').send(renderSearchPage(params, null, undefined, latest));
      return;
    }
    try {
      const result = await search(query);
      res.type('html').send(renderSearchPage(params, result));
    } catch (e) {
      log('search page failed', e);
      const status = e instanceof AppError ? e.status : 500;
      if (status === 503) res.set('Retry-After', String((e instanceof AppError && e.retryAfter) || RETRY_AFTER_S));
      res.status(status).type('html').send(renderSearchPage(params, null, 'Hệ thống tìm kiếm đang tạm thời gián đoạn. Vui lòng thử lại sau ít phút.'));
    }
  });

  site.get('/d/:id', async (req, res) => {
    const id = String(req.params.id);
    const view = await service.document(id);
    if (!view) { res.status(404).type('html').send(renderMessagePage('Không tìm thấy văn bản', `Không có văn bản với mã “${id}”.`)); return; }
    const q = typeof req.query.q === 'string' ? req.query.q.slice(0, 500) : undefined;
    res.type('html').send(renderDocumentPage({
      stored: view.stored, q, citedBy: view.citedBy.items, citedByTotal: view.citedBy.total, statusHint: view.statusHint, outgoing: view.outgoing, relations: view.relations,
    }));
  });

  site.get('/r/:canonical', async (req, res) => {
    const canonical = String(req.params.canonical).toLowerCase();
    const at = typeof req.query.at === 'string' && /^[a-z0-9-]{1,80}$/.test(req.query.at) ? req.query.at : '';
    const docs = await service.resolve({ canonical, canonicalPrefix: canonical, number: canonical });
    if (docs.length === 1) {
      // The pinpoint lands on the passage that holds it ("dieu-5-khoan-2" may live in the passage "dieu-5").
      const stored = at ? await service.getDocument(docs[0].id) : null;
      const landing = stored ? passageForAnchor(stored.passages, at)?.anchor : undefined;
      res.redirect(302, docLink(docs[0].id, landing));
      return;
    }
    if (docs.length > 1) { res.status(300).type('html').send(renderCandidatesPage(canonical, docs)); return; }
    // not in the corpus but cited: the passages citing it and who amends, replaces or repeals it
    const citing = await service.citing(canonical, undefined, { limit: 50 });
    if (citing.total > 0) { res.type('html').send(renderCitedOnlyPage(canonical, citing.items, citing.total, statusHint(citing.items))); return; }
    res.status(404).type('html').send(renderMessagePage('Văn bản chưa có trong kho', `Văn bản “${canonical}” được dẫn chiếu nhưng chưa có trong kho dữ liệu. Bạn có thể tìm các văn bản dẫn chiếu nó bằng ô tìm kiếm.`, canonical));
  });

  site.use((req, res) => {
    res.status(404).type('html').send(renderMessagePage('Không tìm thấy trang', `Không có trang “${req.path}”.`));
  });

  const pageErrors: ErrorRequestHandler = (err, req, res, next) => {
    if (res.headersSent) return next(err);
    if (!(err instanceof AppError)) log(`page ${req.method} ${req.path} failed`, err);
    sendErrorPage(res, err);
  };
  site.use(pageErrors);
  app.use(site);
}
