/**
 * Portal keys, tenancy scopes, CORS and rate limits for the JSON API.
 *
 *   createPortalSecurity(config, htmlPage?) → { gate, ipLimiter }
 *     gate: one middleware for /api/* (except /api/health and /api/admin/*, see SKIP):
 *       1. reads the key from `X-Api-Key` or the `key` query parameter (the widget's way; it is then
 *          removed from req.url so strict query schemas never see it and it does not reach logs);
 *       2. compares it in constant time with every configured key (sha256 of both sides, timingSafeEqual;
 *          the loop never exits early) → unknown key: 401; no key and PUBLIC_SEARCH=false: 401;
 *       3. checks the Origin header against the key's `origins` (no key: CORS_ORIGINS, "*" = any):
 *          allowed → Access-Control-Allow-Origin: <origin>; not allowed → 403 and no CORS grant.
 *          Same-origin requests (Origin = the service's own origin) are always allowed;
 *       4. answers CORS preflights (OPTIONS) for origins that any key or CORS_ORIGINS allows;
 *       5. rate limits per key (key.ratePerMinute) and per IP (RATE_PER_MINUTE_IP): 429 + Retry-After
 *          (JSON from the catalogue for /api, a Vietnamese HTML page for the pages, which use ipLimiter too).
 *     The resolved key and its scope are left in res.locals (read them with portalOf(res)).
 * The scope of a key is applied to searches and document reads by src/service/scope.ts.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { rateLimit, ipKeyGenerator } from 'express-rate-limit';
import type { Config, PortalKey } from '../config.js';
import { AppError } from '../errors.js';
import { chain } from './chain.js';

export type PortalScope = NonNullable<PortalKey['scope']>;

export interface PortalAccess {
  /** The matched key, or null for public (keyless) access. */
  key: PortalKey | null;
  scope?: PortalScope;
}

const LOCALS = 'portalAccess';

/** The access resolved by the gate for this request (public access when the gate did not run). */
export function portalOf(res: Response): PortalAccess {
  return (res.locals[LOCALS] as PortalAccess | undefined) ?? { key: null };
}

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** Constant-time string equality (compares sha256 digests, so lengths leak nothing either). */
export function safeEqual(a: string, b: string): boolean {
  return timingSafeEqual(sha256(a), sha256(b));
}

/** Find the configured key matching `given`, looking at every key so timing does not depend on which one matched. */
export function matchKey(keys: { key: PortalKey; digest: Buffer }[], given: string): PortalKey | null {
  const d = sha256(given);
  let found: PortalKey | null = null;
  for (const k of keys) if (timingSafeEqual(k.digest, d) && !found) found = k.key;
  return found;
}

/** Routes under /api the gate leaves alone: health is for probes, admin has its own bearer token. */
const SKIP = /^\/api\/(health|admin)(\/|$)/;

function ownOrigin(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? ''}`;
}

/** Remove `key` from the query string of req.url (Express 5 re-parses req.query from req.url on each access). */
function stripKeyParam(req: Request): void {
  const i = req.url.indexOf('?');
  if (i < 0) return;
  const params = new URLSearchParams(req.url.slice(i + 1));
  if (!params.has('key')) return;
  params.delete('key');
  const rest = params.toString();
  req.url = req.url.slice(0, i) + (rest ? `?${rest}` : '');
}

/** A query string that may hold a `key` parameter (its name may be percent-encoded). */
const MAY_HOLD_KEY = /[?&](?:k|%6b)(?:e|%65)(?:y|%79)(?:=|&|$)/i;

/** A page (title, message) → HTML; given by the caller that mounts the pages (the API renders no HTML itself). */
export type HtmlPage = (title: string, message: string) => string;

function rateLimited(prop: string, who: string, htmlPage?: HtmlPage) {
  return (req: Request, res: Response, next: (err?: unknown) => void) => {
    const info = (req as unknown as Record<string, { resetTime?: Date } | undefined>)[prop];
    const secs = info?.resetTime ? Math.max(1, Math.ceil((info.resetTime.getTime() - Date.now()) / 1000)) : 60;
    if (htmlPage && !req.originalUrl.startsWith('/api/')) {
      // A page: people, not programs, read this answer.
      res.status(429).set('Retry-After', String(secs)).type('html')
        .send(htmlPage('Quá nhiều yêu cầu', `Bạn đã gửi quá nhiều yêu cầu trong thời gian ngắn. Vui lòng thử lại sau ${secs} giây.`));
      return;
    }
    next(new AppError('rate_limited', `Too many requests for this ${who}; retry in ${secs} s.`, { retryAfter: secs }));
  };
}

export function createPortalSecurity(config: Config, htmlPage?: HtmlPage) {
  const keys = config.portalKeys.map((key) => ({ key, digest: sha256(key.key) }));
  const publicOrigins = new Set(config.corsOrigins);
  const anyPublicOrigin = publicOrigins.has('*');
  const preflightOrigins = new Set([...config.corsOrigins, ...config.portalKeys.flatMap((k) => k.origins)]);

  const ipLimiter = rateLimit({
    windowMs: 60_000,
    limit: config.ratePerMinuteIp,
    requestPropertyName: 'rateLimitIp',
    standardHeaders: false,
    legacyHeaders: false,
    keyGenerator: (req) => ipKeyGenerator(req.ip ?? 'unknown'),
    // health (probes) and admin (limited per token, admin.ts) are not counted per IP
    skip: (req) => SKIP.test(req.originalUrl.split('?')[0]),
    handler: rateLimited('rateLimitIp', 'IP address', htmlPage),
  });

  const keyLimiter = rateLimit({
    windowMs: 60_000,
    limit: (_req, res) => portalOf(res).key?.ratePerMinute ?? Number.MAX_SAFE_INTEGER,
    requestPropertyName: 'rateLimitKey',
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    skip: (_req, res) => !portalOf(res).key,
    // The key's name, not the key itself, so the store never holds secrets.
    keyGenerator: (_req, res) => `key:${portalOf(res).key!.name}:${config.portalKeys.indexOf(portalOf(res).key!)}`,
    handler: rateLimited('rateLimitKey', 'portal key', htmlPage),
  });

  const resolve: RequestHandler = (req, res, next) => {
    if (SKIP.test(req.originalUrl.split('?')[0])) return next();
    const origin = req.get('origin');
    const sameOrigin = !origin || origin === ownOrigin(req);
    res.vary('Origin');

    if (req.method === 'OPTIONS') {
      if (origin && (anyPublicOrigin || preflightOrigins.has(origin) || sameOrigin)) {
        res.set({
          'Access-Control-Allow-Origin': origin,
          'Access-Control-Allow-Methods': 'GET, POST',
          'Access-Control-Allow-Headers': 'X-Api-Key, Content-Type',
          'Access-Control-Max-Age': '600',
        });
        res.status(204).end();
        return;
      }
      return next(new AppError('forbidden', `Origin ${origin ?? '(none)'} is not allowed to call this API.`));
    }

    const headerKey = req.get('x-api-key');
    // most requests carry no key in the query: parse the query string only when it may hold one
    let queryKey: string | undefined;
    if (MAY_HOLD_KEY.test(req.url)) {
      queryKey = new URLSearchParams(req.url.split('?')[1] ?? '').get('key') ?? undefined;
      stripKeyParam(req);
    }
    const given = headerKey ?? queryKey;
    let access: PortalAccess;
    if (given !== undefined && given !== '') {
      const key = matchKey(keys, given);
      if (!key) return next(new AppError('unauthorized', 'Unknown API key.'));
      access = { key, scope: key.scope };
    } else {
      if (!config.publicSearch) return next(new AppError('unauthorized', 'This service requires an API key (X-Api-Key header or key query parameter).'));
      access = { key: null };
    }
    res.locals[LOCALS] = access;

    if (!sameOrigin) {
      const allowed = access.key ? access.key.origins.includes(origin!) : anyPublicOrigin || publicOrigins.has(origin!);
      if (!allowed) {
        return next(new AppError('forbidden', access.key
          ? `Origin ${origin} is not allowed for this key.`
          : `Origin ${origin} is not allowed to call this API without a key.`));
      }
      res.set('Access-Control-Allow-Origin', origin!);
      res.set('Access-Control-Expose-Headers', 'Retry-After, RateLimit, RateLimit-Policy');
    }
    next();
  };

  /** The key limit runs for requests made with a key only (keyless requests skip its async pass). */
  const keyLimit: RequestHandler = (req, res, next) => (portalOf(res).key ? keyLimiter(req, res, next) : next());

  /** Mount on /api before the routes: resolve key + CORS, then the IP limit, then the key limit (one router layer). */
  const gate: RequestHandler = chain(resolve, ipLimiter, keyLimit);
  return { gate, ipLimiter };
}
