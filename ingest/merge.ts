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
import type { DocumentRecord, PassageRecord, SourceInfo } from '../src/docs/model.js';
import { withDocId } from '../src/docs/parse.js';
import type { StoredDocument } from '../src/engine/types.js';
import { fold } from '../src/text/fold.js';
import { isOfficialKind } from '../src/kinds/kinds.js';

/**
 * Number and date are checked against the text as well: crawler fields and header parsing are sometimes
 * wrong, so two documents are merged only when they also hold the same text: the share of the shorter
 * text's word 3-grams (folded) found in the other's is at least SAME_TEXT. Two renderings of one document
 * (.doc and .pdf, a record crawled twice) share nearly all of them; two different documents of one
 * issuer share their boilerplate only ("Căn cứ Luật Tổ chức Chính phủ…"). The start of each text
 * after the header (COMPARED_CHARS) is compared: it identifies a document, and a PDF holding a first part of it still matches.
 */
export const SAME_TEXT = 0.5;
/** Characters of each text compared (the start of a document identifies it). */
const COMPARED_CHARS = 20_000;

function shingles(passages: PassageRecord[]): Set<string> {
  let text = '';
  for (const p of passages) {
    if (p.anchor === 'header' || p.anchor.startsWith('header-p')) continue; // number, date, issuer: equal by construction
    if (text.length >= COMPARED_CHARS) break;
    text += ` ${p.text}`;
  }
  const words = fold(text.slice(0, COMPARED_CHARS)).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const out = new Set<string>();
  for (let i = 0; i + 2 < words.length; i++) out.add(`${words[i]} ${words[i + 1]} ${words[i + 2]}`);
  return out;
}

/** Share (0–1) of the shorter text's word 3-grams that the other text has too. */
export function textContainment(a: PassageRecord[], b: PassageRecord[]): number {
  const sa = shingles(a); const sb = shingles(b);
  const [small, large] = sa.size <= sb.size ? [sa, sb] : [sb, sa];
  if (!small.size) return 0;
  let n = 0;
  for (const g of small) if (large.has(g)) n++;
  return n / small.size;
}

/** "refId|issuedAt" when the document has both (else it is never merged). */
export function mergeKey(d: DocumentRecord): string | undefined {
  return d.refId && d.issuedAt ? `${d.refId}|${d.issuedAt}` : undefined;
}

/**
 * When one rendering lacks the number or the date (a PDF whose header table is an image or was cut, a first part
 * of a gazette issue), number and date cannot pair the files. Then two documents are one when everything they do
 * state agrees and their texts are nearly the same: no conflicting canonical number, date or issuer; the same kind
 * (a formal one); one title contained in the other (folded, at least TITLE_WORDS words); and the shorter text's word
 * 3-grams at least LOOSE_SAME_TEXT found in the other's (stricter than SAME_TEXT, since number and date do not
 * vouch for it). Conservative: any disagreement keeps them apart. The ingest report names every such merge.
 */
export const LOOSE_SAME_TEXT = 0.8;
const TITLE_WORDS = 3;

const titleKey = (t?: string) => fold(t ?? '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/** Whether `d` may be merged without a number and date (an official kind, kinds/kinds.ts, and a title of a few words). */
export function looseEligible(d: Pick<DocumentRecord, 'kind' | 'title'>): boolean {
  return isOfficialKind(d.kind) && titleKey(d.title).split(' ').length >= TITLE_WORDS;
}

type Meta = Pick<DocumentRecord, 'kind' | 'title' | 'refId' | 'issuedAt' | 'issuer'>;

/**
 * Why `a` and `b` (at least one without number or date) may be the same document judged by their metadata
 * alone, or undefined when something they state disagrees. The caller still checks the text (LOOSE_SAME_TEXT).
 */
export function looseMetaMatch(a: Meta, b: Meta): string | undefined {
  if (mergeKey(a as DocumentRecord) && mergeKey(b as DocumentRecord)) return undefined; // both keyed: the strict rule decides
  if (a.kind !== b.kind || !looseEligible(a) || !looseEligible(b)) return undefined;
  if (a.refId && b.refId && a.refId !== b.refId) return undefined;
  if (a.issuedAt && b.issuedAt && a.issuedAt !== b.issuedAt) return undefined;
  if (a.issuer && b.issuer && fold(a.issuer) !== fold(b.issuer)) return undefined;
  const ta = titleKey(a.title); const tb = titleKey(b.title);
  const [short, long] = ta.length <= tb.length ? [ta, tb] : [tb, ta];
  if (!(` ${long} `).includes(` ${short} `)) return undefined;
  const same = [a.refId && a.refId === b.refId ? 'number' : '', a.issuedAt && a.issuedAt === b.issuedAt ? 'date' : '', a.issuer && b.issuer ? 'issuer' : ''].filter(Boolean);
  return `same kind, title${same.length ? `, ${same.join(', ')}` : ''}`;
}

export function sameSource(a: SourceInfo, b: SourceInfo): boolean {
  return (a.path ?? '') === (b.path ?? '') && (a.url ?? '') === (b.url ?? '');
}

/** Every source of a document (`source` alone when `sources` is absent). */
export function sourcesOf(d: DocumentRecord): SourceInfo[] {
  return d.sources?.length ? d.sources : [d.source];
}

/** Metadata fields a merged document takes from another rendering when its kept one lacks them. */
const FILLED = ['number', 'refId', 'issuedAt', 'issuer', 'parentIssuer', 'place', 'signer', 'signerTitle', 'signerAuthority', 'signers'] as const;

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
  // The status others give this document (amended, repealed…) belongs to it, whichever text is kept.
  if (content !== base && !document.derivedStatus && base.document.derivedStatus) document.derivedStatus = base.document.derivedStatus;
  // What the kept rendering does not state, the other may (a PDF without its header's number or date).
  const other = content === base ? add.document : base.document;
  for (const f of FILLED) if (document[f] === undefined && other[f] !== undefined) (document as Record<string, unknown>)[f] = other[f];
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
