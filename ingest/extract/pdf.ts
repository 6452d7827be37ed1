/**
 * PDF: pdf-parse v2 (pdfjs-dist 5 legacy build underneath; works on Node 20 here, checked on the 38
 * text PDFs of pdf-samples). Pages are joined with PAGE_SEPARATOR.
 * - no text layer (scanned images): fewer than MIN_LETTERS_PER_PAGE letters per page on average and
 *   pages that paint images → AppError 'no_text_layer' (the Công báo scans keep only the ~35-letter
 *   running header per page); no text and no images → 'empty_file'; a short text PDF passes with a note
 * - text in annotations (the digital-signature stamp of Công báo PDFs) is not extracted: only page content
 * - password needed → 'encrypted'; anything pdf.js cannot read → 'extract_failed' with its reason.
 */
import { FormatError, InvalidPDFException, PasswordException, PDFParse, VerbosityLevel } from 'pdf-parse';
import { AppError } from '../../src/errors.js';
import { PAGE_SEPARATOR, type ExtractResult } from './types.js';
import { errorMessage, fileLabel, tidyLines } from './util.js';

/**
 * Average letters per page below which a PDF is suspected to be image-only; it is then reported as
 * no_text_layer when its pages paint images. Measured on pdf-samples: the 4 visible image-only PDFs
 * have 14–34 letters per page on average (max 57 on one page: the running header), text PDFs 506–1760.
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

/** pdf.js operators that paint an image (names from pdfjs-dist's OPS table). */
const IMAGE_OPS = ['paintImageXObject', 'paintInlineImageXObject', 'paintJpegXObject', 'paintImageMaskXObject',
  'paintImageXObjectRepeat', 'paintInlineImageXObjectGroup', 'paintImageMaskXObjectGroup', 'paintImageMaskXObjectRepeat'];

/**
 * 1 when one of the low-text pages (at most 8 looked at, least text first) paints an image, else 0. Uses pdfjs-dist directly (the
 * copy pdf-parse itself runs on) because pdf-parse does not expose operator lists; only called for
 * PDFs with little text, so the second parse is cheap and rare.
 */
async function countImagePages(bytes: Buffer, lettersPerPage: number[]): Promise<number> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const ops = new Set(IMAGE_OPS.map((n) => (pdfjs.OPS as Record<string, number>)[n]).filter((n) => n !== undefined));
  const task = pdfjs.getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false });
  try {
    const doc = await task.promise;
    const candidates = lettersPerPage.map((c, i) => ({ c, i })).sort((a, b) => a.c - b.c).slice(0, 8);
    let n = 0;
    for (const { i } of candidates) {
      const page = await doc.getPage(i + 1);
      const list = await page.getOperatorList();
      const painted = list.fnArray.some((f) => ops.has(f));
      page.cleanup();
      if (painted) { n++; break; } // one scanned page settles it

    }
    return n;
  } catch {
    return 0;
  } finally {
    await task.destroy().catch(() => undefined);
  }
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
      // cellThreshold 15 (default 7): a tab only for real column gaps. Justified lines widen word gaps
      // past 7 units ("Điều 1. Sửa\tđổi, bổ\tsung"): on pdf-samples, lines with a tab between two
      // words fall from 119 to 9, while table cells keep theirs (7134 → 5842 tabs).
      const r = await parser.getText({ pageJoiner: '', lineEnforce: false, cellThreshold: 15 });
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
    const perPage = Math.round(total / pages.length);
    if (total / pages.length < MIN_LETTERS_PER_PAGE) {
      // Little text: a scan (pages painted as images) or a genuinely short document? Ask the pages.
      const imagePages = await countImagePages(bytes, counts);
      if (imagePages > 0) {
        throw new AppError('no_text_layer', `${label}: no text layer (${pages.length} page(s), ${perPage} letters per page on average, pages are images); OCR is needed`, {
          details: { pages: pages.length, lettersPerPage: perPage, imagePages },
        });
      }
      if (total === 0) throw new AppError('empty_file', `${label}: the PDF has neither text nor images (${pages.length} blank page(s))`);
      notes.push(`very little text (${perPage} letters per page) but no scanned images`);
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
