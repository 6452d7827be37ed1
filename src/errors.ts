/**
 * The one error catalogue. Every error the service returns or the pipeline reports has a code
 * from here; the API maps `status` to HTTP and renders {error: {code, message, details}}.
 */

export const ERROR_CATALOGUE = {
  bad_request: { status: 400, message: 'The request is invalid.' },
  invalid_query: { status: 400, message: 'The search query is invalid.' },
  unauthorized: { status: 401, message: 'A valid token or key is required.' },
  forbidden: { status: 403, message: 'This key is not allowed to do that.' },
  not_found: { status: 404, message: 'Not found.' },
  reference_not_found: { status: 404, message: 'No document in the corpus matches this reference.' },
  payload_too_large: { status: 413, message: 'The request body is too large.' },
  unsupported_format: { status: 415, message: 'This file format is not supported.' },
  too_many_references: { status: 422, message: 'Too many references in one request.' },
  rate_limited: { status: 429, message: 'Too many requests; slow down.' },
  internal: { status: 500, message: 'Internal error.' },
  engine_unavailable: { status: 503, message: 'The search engine is unavailable; try again shortly.' },
  engine_error: { status: 502, message: 'The search engine refused the request.' },
  engine_timeout: { status: 504, message: 'The search engine did not answer in time.' },
  // Ingest (reported per file, never thrown past the runner)
  extract_failed: { status: 422, message: 'Could not extract text from the file.' },
  no_text_layer: { status: 422, message: 'The PDF has no text layer (scanned image); OCR is needed.' },
  encrypted: { status: 422, message: 'The file is encrypted.' },
  empty_file: { status: 422, message: 'The file is empty.' },
  not_text: { status: 422, message: 'The file does not contain text.' },
  invalid_record: { status: 422, message: 'The record is invalid.' },
  limit_exceeded: { status: 413, message: 'The input exceeds an ingest limit (file size, inflated size, characters, passages or line length).' },
} as const;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details?: unknown;
  /** Seconds, for 429/503 Retry-After. */
  readonly retryAfter?: number;
  constructor(code: ErrorCode, message?: string, opts: { details?: unknown; cause?: unknown; retryAfter?: number } = {}) {
    super(message ?? ERROR_CATALOGUE[code].message, { cause: opts.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = ERROR_CATALOGUE[code].status;
    this.details = opts.details;
    this.retryAfter = opts.retryAfter;
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
