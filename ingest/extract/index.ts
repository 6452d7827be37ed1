/**
 * extractFile(path, bytes): pick the extractor by extension, unless the first bytes prove the file
 * is something else (a ".doc" that is really a DOCX or HTML, a ".pdf" that is a Word file…), in
 * which case the content wins and a note says so.
 */
import path from 'node:path';
import { AppError } from '../../src/errors.js';
import { extractDoc, isOle } from './doc.js';
import { extractDocx, isZip } from './docx.js';
import { extractHtml } from './html.js';
import { extractPdf } from './pdf.js';
import { extractTxt } from './txt.js';
import type { ExtractFormat, ExtractOptions, ExtractResult } from './types.js';
import { fileLabel } from './util.js';

export type { ExtractFormat, ExtractOptions, ExtractResult, OcrInfo } from './types.js';
export { PAGE_SEPARATOR } from './types.js';
export { extractDoc, extractDocx, extractHtml, extractPdf, extractTxt };
export { decodeText } from './txt.js';
export { htmlToText } from './html.js';

/** File extensions (lower case, with dot) handled by extractFile. */
export const EXTENSION_FORMAT: Readonly<Record<string, ExtractFormat>> = {
  '.txt': 'txt', '.text': 'txt',
  '.html': 'html', '.htm': 'html', '.xhtml': 'html',
  '.pdf': 'pdf',
  '.docx': 'docx',
  '.doc': 'doc',
};

export function formatForPath(p: string): ExtractFormat | undefined {
  return EXTENSION_FORMAT[path.extname(p).toLowerCase()];
}

/** What the first bytes say, when they say something unambiguous. 'rtf' and 'zip' are not extractable. */
export function sniffFormat(bytes: Buffer): ExtractFormat | 'rtf' | 'zip' | undefined {
  if (bytes.length >= 5 && bytes.subarray(0, 1024).includes('%PDF-')) return 'pdf';
  if (isOle(bytes)) return 'doc';
  if (isZip(bytes)) {
    // The local file headers store member names uncompressed: a DOCX has word/document.xml.
    return bytes.includes('word/document.xml') || bytes.includes('[Content_Types].xml') && bytes.includes('word/') ? 'docx' : 'zip';
  }
  const head = bytes.subarray(0, 1024).toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart().toLowerCase();
  if (head.startsWith('{\\rtf')) return 'rtf';
  if (/^(<!doctype html|<html[\s>]|<\?xml[^>]*>\s*<html)/.test(head)) return 'html';
  return undefined;
}

const EXTRACTORS: Record<ExtractFormat, (p: string, b: Buffer, o: ExtractOptions) => Promise<ExtractResult>> = {
  txt: extractTxt, html: extractHtml, pdf: extractPdf, docx: extractDocx, doc: extractDoc,
};

/** `opts.limits` bound what extractors may inflate (DOCX parts); readDocument checks file size, characters and passages. */
export async function extractFile(p: string, bytes: Buffer, opts: ExtractOptions = {}): Promise<ExtractResult> {
  const label = fileLabel(p);
  const byExt = formatForPath(p);
  if (bytes.length === 0) throw new AppError('empty_file', `${label}: the file is empty (0 bytes)`);
  const sniffed = sniffFormat(bytes);
  if (sniffed === 'rtf') throw new AppError('unsupported_format', `${label}: RTF content${byExt ? ` (named .${byExt})` : ''} is not supported; save it as DOCX or PDF`);
  if (sniffed === 'zip' && byExt !== 'docx') throw new AppError('unsupported_format', `${label}: a ZIP archive that is not a Word document`);
  let format: ExtractFormat | undefined = byExt;
  const notes: string[] = [];
  // Content wins over the extension only when it is unambiguous. A ".docx" that is not a ZIP at all
  // stays a docx (and fails clearly) unless its bytes are another known format.
  if (sniffed && sniffed !== 'zip' && sniffed !== byExt) {
    notes.push(`extension says ${byExt ?? 'nothing known'}, content is ${sniffed}: read as ${sniffed}`);
    format = sniffed;
  }
  if (!format) throw new AppError('unsupported_format', `${label}: unsupported file type "${path.extname(p) || '(no extension)'}"`);
  const r = await EXTRACTORS[format](p, bytes, opts);
  return notes.length ? { ...r, notes: [...notes, ...r.notes] } : r;
}
