/**
 * chain(a, b, c): several middleware as one router layer. Express's router pays a layer lookup, a path
 * match and (under a mount path) a prefix trim per layer and per request; middleware that always run
 * together (the API gate: key + CORS, IP limit, key limit) cost one layer instead of three.
 * Semantics are the router's: each calls `next()` to go on, `next(err)` (or a thrown error, or a
 * rejected promise: Express 5's async handlers) stops the chain and goes to the error middleware;
 * a middleware that answers and does not call next ends the request there.
 *
 *   app.use('/api', chain(resolveKey, ipLimiter, keyLimiter));
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';

export function chain(...handlers: RequestHandler[]): RequestHandler {
  if (handlers.length === 1) return handlers[0];
  return (req: Request, res: Response, next: NextFunction) => {
    let i = 0;
    const step = (err?: unknown): void => {
      if (err !== undefined && err !== null) { next(err); return; }
      const handler = handlers[i++];
      if (!handler) { next(); return; }
      try {
        const out = handler(req, res, step) as unknown;
        if (out && typeof (out as Promise<unknown>).then === 'function') (out as Promise<unknown>).then(undefined, (e: unknown) => next(e ?? new Error('Rejected promise')));
      } catch (e) {
        next(e);
      }
    };
    step();
  };
}
