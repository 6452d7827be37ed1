/**
 * DOCX: mammoth.convertToHtml, then the HTML walker (headings, paragraphs, list items and table rows
 * become lines). A .docx that is not a ZIP container is refused with a clear 'extract_failed'.
 */
import mammoth from 'mammoth';
import { AppError } from '../../src/errors.js';
import { htmlToText } from './html.js';
import type { ExtractResult } from './types.js';
import { errorMessage, fileLabel, requireText, tidyLines } from './util.js';

export function isZip(bytes: Buffer): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5 || bytes[2] === 7);
}

export async function extractDocx(path: string, bytes: Buffer): Promise<ExtractResult> {
  const label = fileLabel(path);
  if (bytes.length === 0) throw new AppError('empty_file', `${label}: the file is empty (0 bytes)`);
  if (!isZip(bytes)) throw new AppError('extract_failed', `${label}: not a valid DOCX (a DOCX is a ZIP archive; this file does not start with a ZIP header)`);
  let html: string;
  const notes: string[] = [];
  try {
    const r = await mammoth.convertToHtml({ buffer: bytes });
    html = r.value;
    const warnings = r.messages.filter((m) => m.type === 'error');
    if (warnings.length) notes.push(`mammoth: ${warnings.length} error message(s), first: ${warnings[0].message}`);
  } catch (e) {
    throw new AppError('extract_failed', `${label}: DOCX could not be read: ${errorMessage(e)}`, { cause: e });
  }
  const r = htmlToText(html);
  const text = tidyLines(r.text);
  requireText(text, path, 'no text in the DOCX');
  return { text, html, format: 'docx', notes };
}
