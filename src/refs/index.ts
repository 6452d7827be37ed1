/**
 * Reference tagger for Vietnamese policy documents, shaped like eyecite:
 *   clean (clean.ts: NFC, Ð/Cyrillic look-alikes, offset map)
 *   → find (find.ts: spans of numbers and law names, grammar in patterns.ts, tables in tables.ts)
 *   → resolve (resolve.ts: kind, standard number, canonical id, date, pinpoint, relation, self)
 *   → annotate (annotate.ts: HTML with links, everything else escaped)
 * Pure: strings in, data out. Offsets are UTF-16 indices into the string given (also for NFD input).
 *
 * Public API
 *   findReferences(text, { headerZone?, date? }) → Reference[] every reference, sorted, non-overlapping;
 *                                                             date = the citing document's date (laws by name: the version in force)
 *   parseReference(written) → Reference | null                one written reference
 *   canonicalize(written) → string | null                    its canonical id ("71-2020-nd-cp")
 *   annotate(text, refs, linkFor) → string                    HTML
 *   parsePartialReference(query) → PartialReference | null    "nd 71/2020", "tt 26 2020 bgd", "cv 3414 gdtrh"
 *   lawByName(name, year?) → LawLookup | null                 "Luật Giáo dục" → 43/2019/QH14
 *   documentKind(kind) → DocumentKind                         a reference kind as one of the model's kinds
 *   canonicalId(number, adminYear?) → string                  the slug of a standard number
 *   tables: LAWS, TYPE_CODES, ISSUER_CODES, KIND_WORDS, codeKey
 */
import type { Reference } from './model.js';
import { cleanAndFold } from './clean.js';
import { findSpans } from './find.js';
import { resolveSpans, type ResolveOptions } from './resolve.js';

export { annotate } from './annotate.js';
export { RefContext } from './context.js';
export { canonicalId } from './resolve.js';
export { codeKey, ISSUER_CODES, KIND_WORDS, TYPE_CODES } from './tables.js';
export { isoDate, LAWS, pickVersion } from './laws.js';
export type { LawEntry, LawVersion, LawPick } from './laws.js';
export { documentKind, lawByName, parsePartialReference, type LawLookup, type PartialReference } from './query.js';

export type FindOptions = ResolveOptions;

/**
 * Every reference in `text`, sorted by start, non-overlapping; `raw === text.slice(start, end)`.
 * `opts.headerZone` (default 3000): a number written after "Số:" (or "Số" at a line start) within this
 * many characters of the start is the document's own number and gets `self: true`; 0 turns this off.
 */
export function findReferences(text: string, opts: FindOptions = {}): Reference[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const { cleaned, folded } = cleanAndFold(text);
  const spans = findSpans(cleaned.text, folded);
  const refs = resolveSpans(cleaned, spans, opts, folded);
  for (const r of refs) r.raw = text.slice(r.start, r.end);
  return refs;
}

/** One written reference ("Thông tư 26/2020/TT-BGD&ĐT", "72-QĐ/TW", "Luật Giáo dục 2019") → its Reference (the longest found), or null. */
export function parseReference(written: string): Reference | null {
  const refs = findReferences(written, { headerZone: 0 });
  if (!refs.length) return null;
  return refs.reduce((a, b) => (b.end - b.start > a.end - a.start ? b : a));
}

/** Any written form of one reference → its canonical id ("26 /2020/TT- BGD ĐT" → "26-2020-tt-bgddt"), or null. */
export function canonicalize(written: string): string | null {
  return parseReference(written)?.canonical ?? null;
}
