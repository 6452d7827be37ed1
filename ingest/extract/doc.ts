/**
 * Legacy Word (.doc, OLE compound file): word-extractor. Body text plus footnotes/endnotes when present.
 */
import WordExtractor from 'word-extractor';
import { AppError } from '../../src/errors.js';
import type { ExtractResult } from './types.js';
import { errorMessage, fileLabel, requireText, tidyLines } from './util.js';

export function isOle(bytes: Buffer): boolean {
  return bytes.length >= 8 && bytes.readUInt32BE(0) === 0xd0cf11e0 && bytes.readUInt32BE(4) === 0xa1b11ae1;
}

export async function extractDoc(path: string, bytes: Buffer): Promise<ExtractResult> {
  const label = fileLabel(path);
  if (bytes.length === 0) throw new AppError('empty_file', `${label}: the file is empty (0 bytes)`);
  if (!isOle(bytes)) throw new AppError('extract_failed', `${label}: not a Word 97–2003 .doc (no OLE compound-file header)`);
  let body: string; let notesText = '';
  try {
    const doc = await new WordExtractor().extract(bytes);
    body = doc.getBody();
    const foot = [doc.getFootnotes(), doc.getEndnotes()].map((s) => s.trim()).filter(Boolean);
    if (foot.length) notesText = foot.join('\n');
  } catch (e) {
    throw new AppError('extract_failed', `${label}: .doc could not be read: ${errorMessage(e)}`, { cause: e });
  }
  const notes: string[] = [];
  let text = tidyLines(body.normalize('NFC'));
  if (notesText) { text += `\n\n${tidyLines(notesText.normalize('NFC'))}`; notes.push('footnotes/endnotes appended after the body'); }
  requireText(text, path, 'no text in the .doc');
  return { text, format: 'doc', notes };
}
