/** chain() (src/api/chain.ts): several middleware as one router layer, with the router's semantics. */
import { describe, expect, it } from 'vitest';
import express, { type RequestHandler } from 'express';
import request from 'supertest';
import { chain } from '../../src/api/chain.js';

function app(mw: RequestHandler) {
  const a = express();
  a.use(mw);
  a.get('/', (_req, res) => { res.json({ seen: res.locals.seen ?? [] }); });
  a.use(((err, _req, res, _next) => { res.status(500).json({ error: String((err as Error).message) }); }) as express.ErrorRequestHandler);
  return a;
}
const mark = (name: string): RequestHandler => (_req, res, next) => { (res.locals.seen ??= []).push(name); next(); };

describe('chain', () => {
  it('runs the middleware in order, then the routes', async () => {
    expect((await request(app(chain(mark('a'), mark('b'), mark('c')))).get('/').expect(200)).body.seen).toEqual(['a', 'b', 'c']);
  });
  it('next(err), a throw or a rejected promise stop the chain and reach the error middleware', async () => {
    const viaNext: RequestHandler = (_req, _res, next) => next(new Error('by next'));
    const throws: RequestHandler = () => { throw new Error('thrown'); };
    const rejects: RequestHandler = async () => { throw new Error('rejected'); };
    for (const [mw, msg] of [[viaNext, 'by next'], [throws, 'thrown'], [rejects, 'rejected']] as const) {
      const res = await request(app(chain(mark('a'), mw, mark('never')))).get('/').expect(500);
      expect(res.body.error).toBe(msg);
    }
  });
  it('a middleware that answers ends the request there', async () => {
    const answers: RequestHandler = (_req, res) => { res.status(204).end(); };
    await request(app(chain(mark('a'), answers, mark('never')))).get('/').expect(204);
  });
});
