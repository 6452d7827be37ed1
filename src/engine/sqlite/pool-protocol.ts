/** Messages between the sqlite pool (pool.ts) and its workers (worker.ts). */
import type { ErrorCode } from '../../errors.js';

/** The engine calls a worker answers: reads only (writes stay on the pool's one writer connection). */
export const POOL_READS = new Set(['search', 'getDocument', 'findByRefId', 'findByRefPrefix', 'findByRefIds', 'citingCounts', 'citing', 'stats', 'suggest']);

export interface PoolRequest { id: number; method: string; args: unknown[] }

export type PoolReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { message: string; appCode?: ErrorCode; retryAfter?: number; details?: unknown; sqliteCode?: string } };
