/** The one error middleware: AppError → its catalogue status; zod errors → 400; anything else → 500. */
import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { ZodError } from 'zod';
import { AppError, ERROR_CATALOGUE, isAppError } from '../errors.js';

function errorBody(code: keyof typeof ERROR_CATALOGUE, message: string, details?: unknown) {
  return { error: { code, message, ...(details === undefined ? {} : { details }) } };
}

export const notFoundApi: RequestHandler = (req, _res, next) => {
  next(new AppError('not_found', `No route for ${req.method} ${req.path}`));
};

/** `log` gets the request so the line can carry its request id (pino-http's req.log). */
export function errorMiddleware(log: (msg: string, err?: unknown, req?: Request) => void): ErrorRequestHandler {
  return (err, req, res, _next) => {
    let e: AppError;
    if (isAppError(err)) e = err;
    else if (err instanceof ZodError) {
      e = new AppError('bad_request', `Invalid request: ${err.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`, {
        details: err.issues.map((i) => ({ field: i.path.join('.'), message: i.message })),
      });
    } else if (err?.type === 'entity.too.large') e = new AppError('payload_too_large', `The request body is larger than ${err.limit} bytes.`);
    else if (err?.type === 'entity.parse.failed') e = new AppError('bad_request', 'The request body is not valid JSON.');
    else {
      log(`unhandled error on ${req.method} ${req.path}`, err, req);
      e = new AppError('internal');
    }
    if (e.retryAfter !== undefined) res.set('Retry-After', String(e.retryAfter));
    if (res.headersSent) return;
    res.status(e.status).json(errorBody(e.code, e.message, e.details));
  };
}
