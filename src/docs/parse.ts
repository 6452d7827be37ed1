/**
 * parseDocument: raw extracted text (+ optional metadata) → DocumentRecord + passages.
 * Pure: strings in, data out. The ingest runner calls it for every file or JSONL record.
 *
 * Initial version: normalize, title from the first line, paragraph-block passages.
 * (Header, structure and reference tagging plug in here.)
 */
import { createHash } from 'node:crypto';
import type { DocumentRecord, ParsedDocument, PassageRecord } from './model.js';
import { normalize } from '../text/normalize.js';

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
  /** Metadata given by the source (JSONL import); wins over parsed values. */
  meta?: Partial<Pick<DocumentRecord, 'kind' | 'number' | 'issuer' | 'issuedAt' | 'title' | 'status' | 'language'>>;
}

export const MAX_PASSAGE_CHARS = 1500;

export function docIdFor(input: Pick<ParseInput, 'id' | 'path' | 'text'>): string {
  if (input.id) return slugId(input.id);
  const basis = input.path ?? input.text;
  const base = input.path ? input.path.split('/').pop()!.replace(/\.[^.]+$/, '') : 'doc';
  const h = createHash('sha1').update(basis).digest('hex').slice(0, 8);
  return slugId(`${base}-${h}`);
}

function slugId(s: string): string {
  const slug = s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd')
    .toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
  return slug.slice(0, 120) || 'doc';
}

/** Split text into paragraph blocks of at most `max` characters, never cutting inside a paragraph unless it alone is too long (then at sentence ends). */
export function paragraphBlocks(text: string, max = MAX_PASSAGE_CHARS): string[] {
  const paras = text.split(/\n\s*\n|\n/).map((p) => p.trim()).filter(Boolean);
  const out: string[] = [];
  let cur = '';
  const push = () => { if (cur) out.push(cur); cur = ''; };
  for (const p of paras) {
    const pieces = p.length <= max ? [p] : splitSentences(p, max);
    for (const piece of pieces) {
      if (cur && cur.length + 1 + piece.length > max) push();
      cur = cur ? `${cur}\n${piece}` : piece;
    }
  }
  push();
  return out;
}

function splitSentences(p: string, max: number): string[] {
  const sentences = p.match(/[^.!?;:]+[.!?;:]*\s*/g) ?? [p];
  const out: string[] = [];
  let cur = '';
  for (const s of sentences) {
    if (cur && cur.length + s.length > max) { out.push(cur.trim()); cur = ''; }
    if (s.length > max) { for (let i = 0; i < s.length; i += max) out.push(s.slice(i, i + max).trim()); continue; }
    cur += s;
  }
  if (cur.trim()) out.push(cur.trim());
  return out.filter(Boolean);
}

export function parseDocument(input: ParseInput): ParsedDocument {
  const text = normalize(input.text);
  const id = docIdFor(input);
  const firstLine = text.split('\n').map((l) => l.trim()).find(Boolean) ?? '';
  const document: DocumentRecord = {
    id,
    kind: input.meta?.kind ?? 'khác',
    number: input.meta?.number,
    issuer: input.meta?.issuer,
    issuedAt: input.meta?.issuedAt,
    title: input.meta?.title ?? firstLine.slice(0, 300),
    status: input.meta?.status,
    source: { path: input.path, url: input.url, format: input.format, sha256: input.sha256 },
    language: input.meta?.language ?? 'vi',
    refs: [],
  };
  const passages: PassageRecord[] = paragraphBlocks(text).map((t, i) => ({
    id: `${id}:p${i + 1}`,
    docId: id,
    ordinal: i,
    headingPath: '',
    anchor: `p${i + 1}`,
    text: t,
    refs: [],
  }));
  return { document, passages, notes: [] };
}
