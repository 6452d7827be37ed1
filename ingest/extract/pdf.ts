/**
 * PDF: pdf-parse v2 (pdfjs-dist 5 legacy build underneath; works on Node 20 here, checked on the 38
 * text PDFs of pdf-samples). Pages are joined with PAGE_SEPARATOR.
 * - no text layer (scanned images): fewer than MIN_LETTERS_PER_PAGE letters per page on average
 *   → AppError 'no_text_layer' (the Công báo scans keep only the ~35-letter running header per page)
 * - text in annotations (the digital-signature stamp of Công báo PDFs) is not extracted: only page content
 * - password needed → 'encrypted'; anything pdf.js cannot read → 'extract_failed' with its reason.
 */
import { FormatError, InvalidPDFException, PasswordException, PDFParse, VerbosityLevel } from 'pdf-parse';
import { AppError } from '../../src/errors.js';
import { PAGE_SEPARATOR, type ExtractResult } from './types.js';
import { errorMessage, fileLabel, tidyLines } from './util.js';

/**
 * Average letters per page below which a PDF counts as image-only. Measured on pdf-samples: the
 * 4 visible image-only PDFs have 14–34 on average (max 57 on one page), the text PDFs 506–1760.
 */
export const MIN_LETTERS_PER_PAGE = 100;
/** A page with fewer letters than this inside a text PDF is reported in a note (a scanned page?). */
export const SPARSE_PAGE_LETTERS = 60;

function letters(s: string): number {
  let n = 0;
  for (const _ of s.matchAll(/\p{L}/gu)) n++;
  return n;
}

function isPasswordError(e: unknown): boolean {
  return e instanceof PasswordException || (e instanceof Error && (e.name === 'PasswordException' || /password/i.test(e.message)));
}

export async function extractPdf(path: string, bytes: Buffer): Promise<ExtractResult> {
  const label = fileLabel(path);
  if (bytes.length === 0) throw new AppError('empty_file', `${label}: the file is empty (0 bytes)`);
  // pdf.js transfers/detaches the buffer it is given: hand it a copy.
  const parser = new PDFParse({ data: new Uint8Array(bytes), verbosity: VerbosityLevel.ERRORS });
  const notes: string[] = [];
  try {
    let pages: string[];
    let title: string | undefined;
    try {
      // lineEnforce off: pdf-parse's own line breaking compares y positions, which breaks every
      // syllable of rotated (landscape annex) pages onto its own line ("Danh m\nục"); pdf.js's
      // end-of-line flags alone give the same lines on upright pages (measured on pdf-samples:
      // identical output on 21 files, word recall vs reference-text 0.727 → 0.997 on the rotated one).
      const r = await parser.getText({ pageJoiner: '', lineEnforce: false });
      pages = r.pages.map((p) => p.text);
    } catch (e) {
      if (isPasswordError(e)) throw new AppError('encrypted', `${label}: the PDF is encrypted (a password is required to open it)`, { cause: e });
      const kind = e instanceof InvalidPDFException ? 'invalid PDF' : e instanceof FormatError ? 'PDF format error' : 'PDF error';
      throw new AppError('extract_failed', `${label}: ${kind}: ${errorMessage(e)}`, { cause: e });
    }
    try {
      const info = await parser.getInfo();
      const t = (info.info as Record<string, unknown> | undefined)?.Title;
      if (typeof t === 'string' && t.trim()) title = t.trim();
      if ((info.info as Record<string, unknown> | undefined)?.EncryptFilterName) notes.push('PDF is encrypted without a user password (opened; permissions ignored)');
    } catch { /* metadata is optional */ }
    if (pages.length === 0) throw new AppError('extract_failed', `${label}: the PDF has no pages`);
    const counts = pages.map(letters);
    const total = counts.reduce((a, b) => a + b, 0);
    if (total / pages.length < MIN_LETTERS_PER_PAGE) {
      throw new AppError('no_text_layer', `${label}: no text layer (${pages.length} page(s), ${Math.round(total / pages.length)} letters per page on average); OCR is needed`, {
        details: { pages: pages.length, lettersPerPage: Math.round(total / pages.length) },
      });
    }
    // A nearly empty last page is common (end of an issue); only other sparse pages are worth a note.
    const sparse = counts.map((c, i) => (c < SPARSE_PAGE_LETTERS && i < counts.length - 1 ? i + 1 : 0)).filter(Boolean);
    if (sparse.length) notes.push(`${sparse.length} of ${pages.length} pages have almost no text (scanned?): ${sparse.slice(0, 10).join(', ')}${sparse.length > 10 ? ', …' : ''}`);
    const text = pages.map((p) => tidyLines(p)).join(PAGE_SEPARATOR);
    return { text, format: 'pdf', title, pages: pages.length, notes };
  } finally {
    await parser.destroy().catch(() => undefined);
  }
}
