/**
 * The document model. These zod schemas are the source of truth for the shapes that flow
 * between the pipeline, the engines and the API (types are inferred from them).
 */
import { z } from 'zod';
import { MODEL_KIND_NAMES } from '../kinds/kinds.js';
import type { StructureNode } from './structure.js';
import type { Conflict } from './metadata.js';
import { Reference } from '../refs/model.js';

export { Pinpoint, Reference, Relation, RELATIONS } from '../refs/model.js';

/** The model's document kinds: the kind registry's (src/kinds/kinds.ts) model entries. */
export const DOCUMENT_KINDS = MODEL_KIND_NAMES as readonly string[];
export const DocumentKind = z.enum(MODEL_KIND_NAMES as [string, ...string[]]);
export type DocumentKind = z.infer<typeof DocumentKind>;

/** How a source's text was recognised when it came from OCR (scanned PDF pages): engine, mean word confidence 0–100. */
export const OcrInfo = z.object({
  engine: z.string(),
  confidence: z.number(),
  pages: z.array(z.object({ page: z.number().int().positive(), confidence: z.number(), words: z.number().int().nonnegative() })),
});
export type OcrInfo = z.infer<typeof OcrInfo>;

export const SourceInfo = z.object({
  path: z.string().optional(),
  url: z.string().optional(),
  format: z.string(),
  sha256: z.string().optional(),
  /** Present when (part of) the text was read by OCR. */
  ocr: OcrInfo.optional(),
  /** Values the source gave (crawler fields) that the document's own header overruled (src/docs/metadata.ts). */
  metadata: z.record(z.string(), z.string()).optional(),
});
export type SourceInfo = z.infer<typeof SourceInfo>;

export const DocumentRecord = z.object({
  id: z.string().min(1),
  kind: z.string(),
  number: z.string().optional(),
  refId: z.string().optional(),
  issuer: z.string().optional(),
  parentIssuer: z.string().optional(),
  place: z.string().optional(),
  issuedAt: z.string().optional(),
  title: z.string(),
  signer: z.string().optional(),
  signerTitle: z.string().optional(),
  /** Authority prefix lines of the signature ("TM. CHÍNH PHỦ / KT. THỦ TƯỚNG"), when present. */
  signerAuthority: z.string().optional(),
  /** All signers of a joint document, in order, each with its position and authority lines (absent for one signer). */
  signers: z.array(z.object({ name: z.string(), title: z.string().optional(), authority: z.string().optional() })).optional(),
  recipients: z.array(z.string()).optional(),
  /** The source whose text is stored (passages come from it). */
  source: SourceInfo,
  /**
   * Every source this document was read from, when there are several (the same canonical number and date
   * in several files or records; ingest/merge.ts): `source` first. Absent for a single source.
   */
  sources: z.array(SourceInfo).optional(),
  language: z.string().default('vi'),
  status: z.string().optional(),
  /**
   * What other documents in the corpus do to this one (engine/status.ts keeps it up to date after writes):
   * amended, replaced or repealed, and by which documents (newest first). The `status` facet reads it.
   */
  derivedStatus: z.object({
    status: z.enum(['amended', 'replaced', 'repealed']),
    by: z.array(z.object({ id: z.string(), number: z.string().optional(), issuedAt: z.string().optional() })),
  }).optional(),
  /** Outgoing references of the whole document (deduplicated by canonical id). */
  refs: z.array(Reference).default([]),
});
export type DocumentRecord = z.infer<typeof DocumentRecord>;

export const PassageRecord = z.object({
  id: z.string().min(1),
  docId: z.string().min(1),
  ordinal: z.number().int().nonnegative(),
  /** Human-readable heading path, e.g. "Chương II › Điều 5 › Khoản 2" (empty for plain paragraphs). */
  headingPath: z.string().default(''),
  anchor: z.string().min(1),
  /** Other anchors that land on this passage: enclosing units whose short intro ("Điều 3. …") opens this passage. */
  aliases: z.array(z.string()).optional(),
  text: z.string(),
  refs: z.array(Reference).default([]),
});
export type PassageRecord = z.infer<typeof PassageRecord>;

/** A document as it leaves the pipeline: metadata + passages, ready for engine.upsert. */
export interface ParsedDocument {
  document: DocumentRecord;
  passages: PassageRecord[];
  /** Notes from cleaning and parsing (e.g. "converted from cp1258", "issuedAt 2027-02-28 given by the source rejected: in the future"). */
  notes: string[];
  /** Disagreements between the header and the source that changed a field (src/docs/metadata.ts). */
  conflicts?: Conflict[];
  /** The issuer as found when the authority registry (src/kinds/issuers.ts) does not know it. */
  unknownIssuer?: string;
  /** The document's outline (src/docs/structure.ts), for the document page's table of contents. Its offsets point into `text`. */
  structure?: StructureNode[];
  /** The cleaned text that was parsed (structure offsets point into it); present when ParseOptions.keepText is set. */
  text?: string;
}
