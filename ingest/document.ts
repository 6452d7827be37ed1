/**
 * One file's bytes → a parsed document: the single path from a file to a document, shared by the
 * runner, `policy-search parse` and admin uploads (an HTML page's <title> becomes the title hint).
 * Every step is bounded (ingest/limits.ts; `extract.limits`): file size, inflated DOCX parts,
 * characters, passages.
 */
import { parseDocument, type ParseInput } from '../src/docs/parse.js';
import type { ParsedDocument } from '../src/docs/model.js';
import { extractFile, type ExtractOptions } from './extract/index.js';
import { fileLabel } from './extract/util.js';
import { checkChars, checkPassages, formatBytes, limitError, resolveLimits } from './limits.js';

export async function readDocument(
  file: string,
  bytes: Buffer,
  input: Omit<Partial<ParseInput>, 'text' | 'html' | 'format'> = {},
  parse: (input: ParseInput) => ParsedDocument = parseDocument,
  extract: ExtractOptions = {},
): Promise<{ parsed: ParsedDocument; extractNotes: string[] }> {
  const limits = extract.limits ?? resolveLimits();
  if (bytes.length > limits.maxFileBytes) throw limitError('maxFileBytes', `${fileLabel(file)}: the file is ${formatBytes(bytes.length)}`, limits);
  const ex = await extractFile(file, bytes, { ...extract, limits });
  checkChars(ex.text, limits);
  const meta = ex.format === 'html' && ex.title ? { title: ex.title, ...input.meta } : input.meta;
  const parsed = parse({ ...input, text: ex.text, html: ex.html, format: ex.format, meta });
  checkPassages(parsed.passages.length, limits);
  // Text read by OCR is marked on its source, with the engine and per-page confidence.
  if (ex.ocr) parsed.document.source = { ...parsed.document.source, ocr: ex.ocr };
  return { parsed, extractNotes: ex.notes };
}
