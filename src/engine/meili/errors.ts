/**
 * Meilisearch client errors → the AppError catalogue (src/errors.ts).
 *
 * | client error                                   | AppError            | HTTP |
 * |------------------------------------------------|---------------------|------|
 * | request timed out (MeilisearchRequestTimeOutError) | engine_timeout  | 504  |
 * | waiting for a task timed out                   | engine_timeout      | 504  |
 * | connection refused / DNS / reset (request failed) | engine_unavailable (retryAfter) | 503 |
 * | API 429, 502, 503, 504                          | engine_unavailable (retryAfter) | 503 |
 * | API other 5xx, any 4xx (bad key, bad filter…)  | engine_error        | 502  |
 * | a task that ended `failed` or `canceled`        | engine_error        | 502  |
 * The Meilisearch error code/type/link and the operation name go into `details`; the original
 * error is kept as `cause`.
 */
import {
  MeilisearchApiError, MeilisearchRequestError, MeilisearchRequestTimeOutError, MeilisearchTaskTimeOutError,
} from 'meilisearch';
import type { Task } from 'meilisearch';
import { AppError, isAppError } from '../../errors.js';
import { meiliCause } from './http.js';

export const DEFAULT_RETRY_AFTER_S = 5;

function retryAfterOf(res: Response | undefined): number {
  const h = res?.headers?.get('retry-after');
  const n = h ? Number(h) : NaN;
  return Number.isFinite(n) && n >= 0 ? Math.ceil(n) : DEFAULT_RETRY_AFTER_S;
}

/** The most specific reason in a cause chain: a system error code (ECONNREFUSED…) or the innermost message. */
function rootReason(e: unknown): string | undefined {
  let reason: string | undefined;
  for (let c = e as { code?: unknown; message?: unknown; cause?: unknown } | undefined, i = 0; c && i < 6; c = c.cause as typeof c, i++) {
    if (typeof c.code === 'string') return c.code;
    if (typeof c.message === 'string' && c.message) reason = c.message;
  }
  return reason;
}

export function mapMeiliError(err: unknown, op: string): AppError {
  if (isAppError(err)) return err;
  // API errors thrown by our httpClient come wrapped in a MeilisearchRequestError (./http.ts)
  const e = meiliCause(err);
  if (e instanceof MeilisearchTaskTimeOutError) {
    return new AppError('engine_timeout', `Meilisearch did not finish task ${e.cause.taskUid} within ${e.cause.timeout} ms (${op}).`, {
      cause: e, details: { engine: 'meilisearch', op, taskUid: e.cause.taskUid, timeoutMs: e.cause.timeout },
    });
  }
  if (e instanceof MeilisearchRequestError) {
    const cause = e.cause;
    if (cause instanceof MeilisearchRequestTimeOutError) {
      return new AppError('engine_timeout', `Meilisearch did not answer within ${cause.cause.timeout} ms (${op}).`, {
        cause: e, details: { engine: 'meilisearch', op, timeoutMs: cause.cause.timeout },
      });
    }
    const inner = rootReason(cause);
    return new AppError('engine_unavailable', `Meilisearch is unreachable (${op}): ${inner ?? e.message}`, {
      cause: e, retryAfter: DEFAULT_RETRY_AFTER_S, details: { engine: 'meilisearch', op, reason: inner },
    });
  }
  if (e instanceof MeilisearchApiError) {
    const status = e.response?.status ?? 0;
    const body = e.cause;
    const details = { engine: 'meilisearch', op, status, code: body?.code, type: body?.type, link: body?.link };
    if (status === 429 || status === 502 || status === 503 || status === 504) {
      return new AppError('engine_unavailable', `Meilisearch is unavailable (${op}): HTTP ${status}${body?.message ? ` ${body.message}` : ''}`, {
        cause: e, retryAfter: retryAfterOf(e.response), details,
      });
    }
    return new AppError('engine_error', `Meilisearch refused the request (${op}): ${body?.message ?? `HTTP ${status}`}`, { cause: e, details });
  }
  if (e instanceof SyntaxError) {
    // the server answered something that is not JSON (a proxy error page, a truncated body)
    return new AppError('engine_error', `Meilisearch sent an unreadable answer (${op}): ${e.message}`, { cause: e, details: { engine: 'meilisearch', op } });
  }
  return new AppError('engine_error', `Meilisearch request failed (${op}): ${(e as Error)?.message ?? String(e)}`, {
    cause: e, details: { engine: 'meilisearch', op },
  });
}

/** A finished task that did not succeed → engine_error naming the task and Meilisearch's error. */
export function taskError(task: Task, op: string): AppError {
  const err = task.error;
  return new AppError('engine_error', `Meilisearch task ${task.uid} (${task.type}) ${task.status} (${op})${err?.message ? `: ${err.message}` : ''}`, {
    details: { engine: 'meilisearch', op, taskUid: task.uid, taskType: task.type, status: task.status, code: err?.code, type: err?.type, link: err?.link },
  });
}
