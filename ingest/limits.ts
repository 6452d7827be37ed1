/**
 * Ingest limits (the bounds themselves and their defaults live in src/config.ts: IngestLimits).
 * Every check throws AppError 'limit_exceeded' with a message naming the bound, the value seen and
 * the setting that raises it, so the report says why a file or record was left out.
 */
import { DEFAULT_INGEST_LIMITS, type IngestLimits } from '../src/config.js';
import { AppError } from '../src/errors.js';

export type { IngestLimits };
export { DEFAULT_INGEST_LIMITS };

/** The limits in force: the defaults with any given values over them. */
export function resolveLimits(given: Partial<IngestLimits> = {}): IngestLimits {
  const out = { ...DEFAULT_INGEST_LIMITS };
  for (const [k, v] of Object.entries(given) as [keyof IngestLimits, number | undefined][]) if (v !== undefined) out[k] = v;
  return out;
}

/** 33554432 → "32 MB", 1500 → "1.5 kB" (limits and sizes in messages). */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${+(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} kB`;
  return `${n} bytes`;
}

const SETTING: Record<keyof IngestLimits, string> = {
  maxFileBytes: 'INGEST_MAX_FILE_MB / --max-file-mb',
  maxInflatedBytes: 'INGEST_MAX_INFLATED_MB / --max-inflated-mb',
  maxChars: 'INGEST_MAX_CHARS / --max-chars',
  maxPassages: 'INGEST_MAX_PASSAGES / --max-passages',
  maxLineBytes: 'INGEST_MAX_LINE_MB / --max-line-mb',
};

/** The error for a bound that was passed; `what` says what was measured ("the file is 40 MB"). */
export function limitError(limit: keyof IngestLimits, what: string, limits: IngestLimits): AppError {
  const bound = limit === 'maxChars' || limit === 'maxPassages' ? limits[limit].toLocaleString('en-US') : formatBytes(limits[limit]);
  return new AppError('limit_exceeded', `${what}, over the limit of ${bound} (${SETTING[limit]})`, { details: { limit, value: limits[limit] } });
}

/** Throw when the extracted text is longer than maxChars. */
export function checkChars(text: string, limits: IngestLimits): void {
  if (text.length > limits.maxChars) throw limitError('maxChars', `the extracted text has ${text.length.toLocaleString('en-US')} characters`, limits);
}

/** Throw when a parsed document has more than maxPassages passages. */
export function checkPassages(count: number, limits: IngestLimits): void {
  if (count > limits.maxPassages) throw limitError('maxPassages', `the document has ${count.toLocaleString('en-US')} passages`, limits);
}
