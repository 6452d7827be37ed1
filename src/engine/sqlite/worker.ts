/**
 * A search worker (worker thread) of the sqlite pool (pool.ts): its own read-only connection to the
 * database file, answering the engine's read calls one at a time, each on one snapshot
 * (SqliteEngine reads run in a read transaction). Messages: {id, method, args} in; {id, ok, value} or
 * {id, ok: false, error} out.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { isAppError } from '../../errors.js';
import { SqliteEngine, type SqliteEngineOptions } from './index.js';
import { POOL_READS, type PoolReply, type PoolRequest } from './pool-protocol.js';

const opts = workerData as SqliteEngineOptions;
const engine = new SqliteEngine({ ...opts, readonly: true, checkpointMs: 0 });
const port = parentPort!;

port.on('message', async (m: PoolRequest) => {
  let reply: PoolReply;
  try {
    if (!POOL_READS.has(m.method)) throw new Error(`sqlite worker: "${m.method}" is not a read`);
    const fn = (engine as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[m.method];
    reply = { id: m.id, ok: true, value: await fn.apply(engine, m.args) };
  } catch (e) {
    const err = e as Error & { code?: string; retryAfter?: number; details?: unknown };
    reply = {
      id: m.id, ok: false,
      error: { message: err.message, appCode: isAppError(e) ? e.code : undefined, retryAfter: err.retryAfter, details: isAppError(e) ? e.details : undefined, sqliteCode: isAppError(e) ? undefined : err.code },
    };
  }
  port.postMessage(reply);
});
port.postMessage({ ready: true });
