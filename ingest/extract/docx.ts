/**
 * DOCX: mammoth.convertToHtml, then the HTML walker (headings, paragraphs, list items and table rows
 * become lines). A .docx that is not a ZIP container is refused with a clear 'extract_failed'.
 *
 * Bounded (ingest/limits.ts): the XML parts are inflated and counted first (zip.ts), and mammoth only
 * sees archives within limits.maxInflatedBytes; images (word/media) are never read (mammoth would
 * inline them as base64). mammoth needs about 80 times the XML's size in memory (12 MB of dense
 * document.xml peaked at 1.1 GB RSS here), so conversions run one at a time whatever the ingest
 * concurrency.
 */
import mammoth from 'mammoth';
import { AppError } from '../../src/errors.js';
import { resolveLimits } from '../limits.js';
import { htmlToText } from './html.js';
import type { ExtractOptions, ExtractResult } from './types.js';
import { errorMessage, fileLabel, requireText, tidyLines } from './util.js';
import { checkZipInflation } from './zip.js';

export function isZip(bytes: Buffer): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5 || bytes[2] === 7);
}

/** Parts mammoth does not read as XML (images and embedded objects). */
const NOT_READ = /^word\/(media|embeddings)\//i;

/** mammoth conversions in flight: one at a time (memory, see above). */
let queue: Promise<unknown> = Promise.resolve();
function oneAtATime<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task);
  queue = run.catch(() => undefined);
  return run;
}

export async function extractDocx(path: string, bytes: Buffer, opts: ExtractOptions = {}): Promise<ExtractResult> {
  const limits = opts.limits ?? resolveLimits();
  const label = fileLabel(path);
  if (bytes.length === 0) throw new AppError('empty_file', `${label}: the file is empty (0 bytes)`);
  if (!isZip(bytes)) throw new AppError('extract_failed', `${label}: not a valid DOCX (a DOCX is a ZIP archive; this file does not start with a ZIP header)`);
  await checkZipInflation(bytes, limits, label, (name) => NOT_READ.test(name));
  let html: string;
  const notes: string[] = [];
  try {
    const r = await oneAtATime(() => mammoth.convertToHtml({ buffer: bytes }, { convertImage: mammoth.images.imgElement(async () => ({ src: '' })) }));
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
