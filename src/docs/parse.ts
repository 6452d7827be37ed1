/**
 * parseDocument: raw extracted text (+ optional metadata) → DocumentRecord + passages.
 * Pure: strings in, data out. The ingest runner calls it for every file or JSONL record.
 *
 *   clean (src/text/clean) → header (header/) → structure (structure.ts)
 *   → passages (passages.ts) → references per passage (src/refs)
 *
 * Metadata given by the source (`ParseInput.meta`, e.g. a JSONL import) and the header are reconciled by the conflict
 * policy of metadata.ts (the document's own header wins for number, date, kind and issuer when it parsed with
 * confidence; `overrides` make a given value win); every disagreement that changed a field is in `conflicts`.
 */
import { createHash } from 'node:crypto';
import type { DocumentRecord, ParsedDocument, PassageRecord, Reference } from './model.js';
import { DOCUMENT_KINDS } from './model.js';
import { normalize } from '../text/normalize.js';
import { clean as cleanText } from '../text/clean.js';
import { fold } from '../text/fold.js';
import { findReferences, canonicalize, isoDate, LAWS, lawByName, RefContext } from '../refs/index.js';
import { displayName, parseHeader, pageDate, type HeaderInfo } from './header/index.js';
import { reconcile } from './metadata.js';
import { parseStructure, slug, type StructureNode } from './structure.js';
import { buildPassages, type Span } from './passages.js';

export interface ParseInput {
  /** Extracted text (any Unicode form; cleaned here). */
  text: string;
  /** Extracted HTML, when the source was HTML (headings may help structure). */
  html?: string;
  /** 'txt' | 'html' | 'pdf' | 'docx' | 'doc' | 'jsonl' */
  format: string;
  /** Stable document id; when absent one is derived from path or content. */
  id?: string;
  path?: string;
  url?: string;
  sha256?: string;
  /** Metadata given by the source (JSONL import, page title, admin body); reconciled with the header (metadata.ts). */
  meta?: Partial<Pick<DocumentRecord, 'kind' | 'number' | 'issuer' | 'issuedAt' | 'title' | 'status' | 'language'>>;
  /** Fields of `meta` that override the header ("--fields number=!so_ky_hieu", an admin's JSON body). */
  overrides?: string[];
  /** ISO date of today, for rejecting future issue dates (default: the clock). */
  today?: string;
}

/** A cleaning function (src/text/clean's `clean`): text in, cleaned text and the names of the steps applied out. */
export type Cleaner = (text: string) => { text: string; applied: string[] };

export interface ParseOptions {
  /**
   * Cleaning before parsing. Default: src/text/clean's default steps (legacy encodings, unicode, boilerplate,
   * rejoin-lines, glued syllables); `false`: normalize() only; or a function of your own.
   */
  clean?: Cleaner | false;
  /** Tag references per passage (default true). */
  refs?: boolean;
  /** Passage size bound in characters (default MAX_PASSAGE_CHARS). */
  maxPassageChars?: number;
  /** Return the cleaned text too (ParsedDocument.text), e.g. to map structure offsets (default false). */
  keepText?: boolean;
}

export const MAX_PASSAGE_CHARS = 1500;

/** The document id: the given id slugged, else "<file name>-<hash of the path>", else "doc-<hash of the text>". */
export function docIdFor(input: Partial<Pick<ParseInput, 'id' | 'path' | 'text'>>): string {
  if (input.id) return slugId(input.id);
  const basis = input.path ?? input.text ?? '';
  const base = input.path ? input.path.split('/').pop()!.replace(/\.[^.]+$/, '') : 'doc';
  const h = createHash('sha1').update(basis).digest('hex').slice(0, 8);
  return slugId(`${base}-${h}`);
}

/** The passage id scheme: "<docId>:<anchor>". */
export function passageId(docId: string, anchor: string): string {
  return `${docId}:${anchor}`;
}

/** The same document and passages under another document id (passage ids follow). */
export function withDocId<T extends { document: DocumentRecord; passages: PassageRecord[] }>(d: T, id: string): T {
  if (d.document.id === id) return d;
  return { ...d, document: { ...d.document, id }, passages: d.passages.map((p) => ({ ...p, id: passageId(id, p.anchor), docId: id })) };
}

function slugId(s: string): string {
  const slug = s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd')
    .toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
  return slug.slice(0, 120) || 'doc';
}

const key = (s?: string) => (s ? fold(normalize(s)).replace(/[^a-z0-9]/g, '') : '');

/** Kinds whose documents are named by their title when the number is missing (the laws table's: the Constitution has none). */
const NAMED_BY_TITLE = new Set<string>(LAWS.map((l) => l.prefix));

/**
 * The canonical id of the document's own number: the tagger's canonical form (with the year for
 * administrative numbers), else a slug. A Constitution or a law read without its number is named by its
 * title and year, as references name it: "Hiến pháp nước Cộng hòa …" of 2013-11-28 → "hien-phap-2013",
 * "Luật Giáo dục" of 2019 → "43-2019-qh14" (the laws table; undefined when the table has no such version).
 */
export function refIdFor(number: string | undefined, issuedAt?: string, named?: { kind: string; title: string }): string | undefined {
  if (!number) {
    const year = Number(issuedAt?.slice(0, 4));
    if (!named || !NAMED_BY_TITLE.has(named.kind) || !year) return undefined;
    return lawByName(named.title.replace(/\s+/g, ' '), year)?.canonical;
  }
  let id: string | null = null;
  if (issuedAt) {
    const [y, m, d] = issuedAt.split('-');
    id = canonicalize(`Số: ${number} ngày ${+d}/${+m}/${y}`);
  }
  id ??= canonicalize(number);
  return id ?? (slug(number) || undefined);
}

export function parseDocument(input: ParseInput, opts: ParseOptions = {}): ParsedDocument {
  const notes: string[] = [];
  let text: string;
  if (opts.clean === false) text = normalize(input.text);
  else {
    const c = (opts.clean ?? cleanText)(input.text);
    text = normalize(c.text);
    if (c.applied.length) notes.push(`cleaned: ${c.applied.join(', ')}`);
  }
  const id = docIdFor(input);
  const max = opts.maxPassageChars ?? MAX_PASSAGE_CHARS;

  // header
  const h: HeaderInfo = parseHeader(text);
  if (!h.formal && !h.issuedAt) {
    // news pages: the date sits in page chrome that cleaning removes; read it from the uncleaned text
    const d = pageDate(normalize(input.text));
    if (d) { h.issuedAt = d; h.dateSource = 'page'; }
  }
  const bodyStart = h.headerSpan?.end ?? 0;
  const skip: Span[] = [...h.noiseSpans, ...h.tailSpans];

  // structure + passages
  const tree: StructureNode[] = parseStructure(text, { from: bodyStart, skip: h.tailSpans });
  const drafts = buildPassages(text, tree, { max, bodyStart, skip, header: h.headerSpan });

  // metadata: header and source reconciled (metadata.ts); the title given by the source wins
  const meta = input.meta ?? {};
  const given = (v?: string) => (v !== undefined && v !== '' ? v : undefined);
  const r = reconcile({
    header: h, display: displayName, today: input.today, overrides: input.overrides,
    given: { number: given(meta.number), issuedAt: given(meta.issuedAt), kind: given(meta.kind), issuer: given(meta.issuer) },
  });
  notes.push(...r.notes);
  const { number, issuedAt } = r;
  let kind = r.kind ?? 'khác';
  if (!(DOCUMENT_KINDS as readonly string[]).includes(kind)) {
    const k = DOCUMENT_KINDS.find((d) => key(d) === key(kind));
    kind = k ?? kind;
  }
  const title = given(meta.title) ?? h.title ?? firstLine(text);
  const refId = refIdFor(number, issuedAt, { kind, title });

  // references per passage; the document's own number is marked self and left out of document.refs
  const wantRefs = opts.refs !== false;
  const docRefs = new Map<string, Reference>();
  const context = new RefContext(); // short forms ("Thông tư 22") resolve against the document's earlier citations
  const docDate = isoDate(issuedAt);
  const passages: PassageRecord[] = drafts.map((d, i) => {
    let refs: Reference[] = [];
    if (wantRefs) {
      refs = findReferences(d.text, { headerZone: d.anchor === 'header' ? undefined : 0, date: docDate, context, own: refId ? [refId] : undefined });
      for (const r of refs) {
        if (refId && r.canonical === refId) r.self = true;
        // a law's own title ("LUẬT GIÁO DỤC" in the header of 43/2019/QH14, "HIẾN PHÁP" in the 2013 Constitution's,
        // whose date picks the 1992 one still in force) names the document, whatever version the date picks
        const own = number ?? refId;
        if (own && r.family === 'law-by-name' && d.anchor === 'header' && lawVersionsOf(r)?.includes(key(own))) r.self = true;
        if (number && r.number && key(r.number) === key(number) && (d.anchor === 'header' || r.self)) r.self = true;
        if (!r.self && !docRefs.has(r.canonical)) docRefs.set(r.canonical, r);
      }
    }
    const p: PassageRecord = { id: passageId(id, d.anchor), docId: id, ordinal: i, headingPath: d.headingPath, anchor: d.anchor, text: d.text, refs };
    if (d.aliases?.length) p.aliases = d.aliases;
    return p;
  });
  if (!passages.length) {
    // an empty or unparseable text still gets one passage so the document can be shown
    const t = text.trim();
    if (t) passages.push({ id: passageId(id, 'p1'), docId: id, ordinal: 0, headingPath: '', anchor: 'p1', text: t.slice(0, max), refs: [] });
  }

  const document: DocumentRecord = {
    id,
    kind,
    number,
    refId,
    issuer: r.issuer,
    parentIssuer: r.parentIssuer,
    place: h.place,
    issuedAt,
    title: title.slice(0, 500),
    signer: h.signer,
    signerTitle: h.signerTitle,
    signerAuthority: h.signerAuthority,
    signers: h.signers,
    recipients: h.recipients,
    source: { path: input.path, url: input.url, format: input.format, sha256: input.sha256, ...(Object.keys(r.overruled).length ? { metadata: r.overruled } : {}) },
    language: meta.language ?? 'vi',
    status: meta.status,
    refs: [...docRefs.values()],
  };
  for (const k of Object.keys(document) as Array<keyof DocumentRecord>) if (document[k] === undefined) delete document[k];
  const out: ParsedDocument = { document, passages, notes, conflicts: r.conflicts, structure: tree };
  if (r.unknownIssuer) out.unknownIssuer = r.unknownIssuer;
  if (opts.keepText) out.text = text;
  return out;
}

/** The numbers (as keys) of every version of the law a by-name reference names. */
function lawVersionsOf(r: Reference): string[] | undefined {
  const l = lawByName(r.raw.replace(/\s+/g, ' '));
  return l?.versions.map((v) => key(v.number));
}

function firstLine(text: string): string {
  return (text.split('\n').map((l) => l.trim()).find(Boolean) ?? '').slice(0, 300);
}
