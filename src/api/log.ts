/**
 * Logs: one pino logger for the service and a pino-http request log (one JSON line per request with
 * its request id, route, status and duration). LOG_LEVEL is pino's level; lines are JSON unless
 * stdout is a terminal, where pino-pretty prints them readably.
 *
 *   {"level":30,"time":…,"reqId":"5f0c…","req":{"method":"GET","url":"/api/search?q=…"},
 *    "route":"/api/search","res":{"statusCode":200},"responseTime":12,"msg":"request completed"}
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, RequestHandler } from 'express';
import { pino, type DestinationStream, type Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { Config } from '../config.js';
import { routeOf } from './metrics.js';

export type { Logger };

/**
 * The service's logger, writing to stdout (or `destination`). `pretty`: default when stdout is a
 * terminal and no destination is given.
 */
export function createLogger(level: Config['logLevel'], opts: { pretty?: boolean; destination?: DestinationStream } = {}): Logger {
  const pretty = opts.pretty ?? (!opts.destination && !!process.stdout.isTTY);
  const options = { level, base: undefined };
  if (pretty && level !== 'silent') return pino({ ...options, transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } } });
  return opts.destination ? pino(options, opts.destination) : pino(options);
}

/** A request id: the caller's X-Request-Id when it looks like one, else a new UUID; echoed in the response. */
function requestId(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

/** Query parameters never written to logs (portal keys may travel in the query string). */
const SECRET_PARAMS = /([?&](?:key|api_key|token)=)[^&]*/gi;

export function requestLogger(logger: Logger): RequestHandler {
  // LOG_LEVEL=silent: nothing would be written; the request id is still given and echoed, without
  // pino-http's per-request child logger (its cost shows in CPU profiles of the server under load).
  if (logger.level === 'silent') {
    return (req, res, next) => { (req as unknown as { id: string }).id = requestId(req, res); next(); };
  }
  return pinoHttp({
    logger,
    genReqId: requestId,
    // Every line logged for a request (req.log, the error middleware) carries its reqId.
    quietReqLogger: true,
    customAttributeKeys: { reqId: 'reqId' },
    // 5xx are errors, 4xx warnings, the rest info.
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    // The route pattern is known once the response is sent (pino-http asks at the start too).
    customProps: (req, res) => (res.headersSent ? { route: routeOf(req as Request) } : {}),
    // Small records: no headers (they hold keys and tokens), the query string without secrets.
    serializers: {
      req: (req: { method: string; url: string }) => ({ method: req.method, url: String(req.url).replace(SECRET_PARAMS, '$1…') }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
}
