/**
 * Reference tagger for Vietnamese documents, shaped like eyecite:
 *   clean (clean.ts) → find (find.ts) → resolve (resolve.ts) → annotate (annotate.ts)
 * Grammar tables are data (tables.ts); patterns are composed from named pieces (patterns.ts).
 * Pure: strings in, data out.
 */
import type { Reference } from '../docs/model.js';
import { clean } from './clean.js';
import { findSpans } from './find.js';
import { foldWindow } from './foldfast.js';
import { canonicalId, resolveSpans, type ResolveOptions } from './resolve.js';

export { annotate, escapeHtml } from './annotate.js';
export { canonicalId } from './resolve.js';
export { LAWS, TYPE_CODES, ISSUER_CODES, KIND_WORDS, MODEL_KINDS, codeKey } from './tables.js';
export type { LawEntry, LawVersion } from './tables.js';
export { parsePartialReference, lawByName, type PartialReference } from './query.js';

export interface FindOptions extends ResolveOptions {}

/**
 * Every reference in `text`, sorted by start, non-overlapping. Offsets are UTF-16 indices into `text`
 * as given (also for NFD input); `raw === text.slice(start, end)`.
 */
export function findReferences(text: string, opts: FindOptions = {}): Reference[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const cleaned = clean(text);
  const folded = foldWindow(cleaned.text);
  const spans = findSpans(cleaned.text, folded);
  const refs = resolveSpans(cleaned, spans, opts, folded);
  for (const r of refs) r.raw = text.slice(r.start, r.end);
  return refs;
}

/** One written reference ("Thông tư 26/2020/TT-BGD&ĐT", "72-QĐ/TW", "Luật Giáo dục 2019") → its Reference, or null. */
export function parseReference(written: string): Reference | null {
  const refs = findReferences(written, { headerZone: 0 });
  if (!refs.length) return null;
  return refs.reduce((a, b) => (b.end - b.start > a.end - a.start ? b : a));
}

/** Any written form of one reference → its canonical id ("26 /2020/TT- BGD ĐT" → "26-2020-tt-bgddt"), or null. */
export function canonicalize(written: string): string | null {
  return parseReference(written)?.canonical ?? null;
}

/** Kind of a reference as one of the model's DOCUMENT_KINDS ('khác' for kinds the model does not name). */
export { documentKind } from './query.js';
void canonicalId;
