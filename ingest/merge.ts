/**
 * One document, several files: the same document (same canonical number `refId` and the same issue
 * date) read from several files or records is stored once, with every source listed in
 * `document.sources` (the one whose text is stored first, as `document.source`).
 *
 * Pure functions; ingest/runner.ts does the engine lookups and writes. Which source's text is kept is
 * decided by the source alone, never by arrival order: Word files first (the author's own text, no page
 * furniture), then HTML, JSONL records, plain text, PDF text layers, and OCR'd text last; a tie goes to
 * the smaller path/URL. A source is identified by its path and URL (a JSONL file's records by their URL).
 */
import type { DocumentRecord, SourceInfo } from '../src/docs/model.js';
import { withDocId } from '../src/docs/parse.js';
import type { StoredDocument } from '../src/engine/types.js';

/** "refId|issuedAt" when the document has both (else it is never merged). */
export function mergeKey(d: DocumentRecord): string | undefined {
  return d.refId && d.issuedAt ? `${d.refId}|${d.issuedAt}` : undefined;
}

export function sameSource(a: SourceInfo, b: SourceInfo): boolean {
  return (a.path ?? '') === (b.path ?? '') && (a.url ?? '') === (b.url ?? '');
}

/** Every source of a document (`source` alone when `sources` is absent). */
export function sourcesOf(d: DocumentRecord): SourceInfo[] {
  return d.sources?.length ? d.sources : [d.source];
}

const FORMAT_RANK: Readonly<Record<string, number>> = { docx: 6, doc: 5, html: 4, jsonl: 3, txt: 2, pdf: 1 };

function rank(s: SourceInfo): number {
  return s.ocr ? 0 : FORMAT_RANK[s.format] ?? 1;
}
const sourceKey = (s: SourceInfo) => `${s.path ?? ''}\u0000${s.url ?? ''}`;

/** True when `a`'s text should be stored rather than `b`'s. */
export function preferSource(a: SourceInfo, b: SourceInfo): boolean {
  const ra = rank(a); const rb = rank(b);
  return ra !== rb ? ra > rb : sourceKey(a) < sourceKey(b);
}

function ordered(first: SourceInfo, all: SourceInfo[]): SourceInfo[] | undefined {
  const rest = all.filter((s) => !sameSource(s, first)).sort((a, b) => (preferSource(a, b) ? -1 : preferSource(b, a) ? 1 : 0));
  return rest.length ? [first, ...rest] : undefined;
}

/**
 * `add` (a freshly read document, maybe already holding several sources) merged into `base` (a stored
 * document with the same key): the result keeps base's id, lists the sources of both (add's version of a
 * source replaces base's), and holds the text of the preferred source. Base's text counts only while its
 * source is still listed (after a source was detached, the text of a remaining source replaces it).
 */
export function mergeDocuments(base: StoredDocument, add: StoredDocument): StoredDocument {
  const id = base.document.id;
  const addSources = sourcesOf(add.document);
  const baseSources = sourcesOf(base.document).filter((s) => !addSources.some((a) => sameSource(a, s)));
  const all = [...baseSources, ...addSources];
  const baseTextValid = baseSources.some((s) => sameSource(s, base.document.source));
  const content = !baseTextValid || preferSource(add.document.source, base.document.source) ? withDocId(add, id) : base;
  const { sources: _drop, ...document } = content.document;
  const sources = ordered(document.source, all);
  return { document: { ...document, ...(sources ? { sources } : {}) }, passages: content.passages };
}

/**
 * The document once the sources read from `path` are gone: null when nothing else remains (delete it);
 * otherwise the remaining sources, and whether the stored text came from `path` (then a remaining source
 * must be read again to replace it: until then `source` is no longer among `sources`).
 */
export function detachSource(stored: StoredDocument, path: string): { document: DocumentRecord; textLost: boolean } | null {
  const rest = sourcesOf(stored.document).filter((s) => s.path !== path);
  if (!rest.length) return null;
  const textLost = stored.document.source.path === path;
  const { sources: _drop, ...document } = stored.document;
  const sources = textLost ? rest : ordered(document.source, rest);
  return { document: { ...document, ...(sources ? { sources } : {}) }, textLost };
}
