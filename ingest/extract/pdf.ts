/**
 * PDF: pdf-parse v2 (pdfjs-dist 5 legacy build underneath; works on Node 20 here, checked on the 38
 * text PDFs of pdf-samples). Pages are joined with PAGE_SEPARATOR.
 * - no text layer (scanned images): fewer than MIN_LETTERS_PER_PAGE letters per page on average and
 *   pages that paint images (the Công báo scans keep only the ~35-letter running header per page) →
 *   those pages are recognised by OCR (./ocr.ts: pdftoppm + tesseract -l vie) and the result says so
 *   (`ocr`: engine, per-page confidence); without the OCR tools (or with `ocr: false`) → AppError
 *   'no_text_layer' naming what to install; no text and no images → 'empty_file'; a short text PDF
 *   passes with a note
 * - a text PDF with a few image pages (a scanned annex, a signed last page): those pages are OCR'd too
 *   (a failure there is a note, the text layer stays)
 * - text in annotations (the digital-signature stamp of Công báo PDFs) is not extracted: only page content
 * - password needed → 'encrypted'; anything pdf.js cannot read → 'extract_failed' with its reason.
 */
import { FormatError, InvalidPDFException, PasswordException, PDFParse, VerbosityLevel } from 'pdf-parse';
import { AppError } from '../../src/errors.js';
import { OCR_INSTALL_HINT, ocrAvailability, ocrPdfPages, type OcrResult } from './ocr.js';
import { PAGE_SEPARATOR, type ExtractOptions, type ExtractResult, type OcrInfo } from './types.js';
import { errorMessage, fileLabel, tidyLines } from './util.js';

/**
 * Average letters per page below which a PDF is suspected to be image-only; it is then reported as
 * no_text_layer when its pages paint images. Measured on pdf-samples: the 4 visible image-only PDFs
 * have 14–34 letters per page on average (max 57 on one page: the running header), text PDFs 506–1760.
 */
export const MIN_LETTERS_PER_PAGE = 100;
/** A page with fewer letters than this inside a text PDF is looked at: OCR'd when it paints an image, else noted. */
export const SPARSE_PAGE_LETTERS = 60;
/** At most this many sparse pages of a text PDF are checked for images. */
const MAX_SPARSE_CHECKED = 200;

function ocrNote({ info, result }: { info: OcrInfo; result: OcrResult }): string {
  const per = info.pages.slice(0, 20).map((p) => `p.${p.page} ${Math.round(p.confidence)}`).join(', ');
  return `OCR (${info.engine}): ${info.pages.length} page(s) recognised in ${(result.ms / 1000).toFixed(1)} s, `
    + `mean word confidence ${Math.round(info.confidence)}/100 (${per}${info.pages.length > 20 ? ', …' : ''})`;
}

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
 * The pages (0-based) among `candidates` that paint an image, looked at in the order given; stops after
 * `enough` found. Uses pdfjs-dist directly (the copy pdf-parse itself runs on) because pdf-parse does
 * not expose operator lists; only called for pages with little text, so the second parse is rare.
 */
async function pagesPaintingImages(bytes: Buffer, candidates: number[], enough = Infinity): Promise<number[]> {
  if (!candidates.length) return [];
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const ops = new Set(IMAGE_OPS.map((n) => (pdfjs.OPS as Record<string, number>)[n]).filter((n) => n !== undefined));
  const task = pdfjs.getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false });
  const found: number[] = [];
  try {
    const doc = await task.promise;
    for (const i of candidates) {
      const page = await doc.getPage(i + 1);
      const list = await page.getOperatorList();
      if (list.fnArray.some((f) => ops.has(f))) found.push(i);
      page.cleanup();
      if (found.length >= enough) break;
    }
  } catch {
    /* an unreadable operator list: treat as no image */
  } finally {
    await task.destroy().catch(() => undefined);
  }
  return found;
}

/** OCR the pages (0-based) and put their text in place; returns what to record, or throws the tool's error. */
async function ocrInto(bytes: Buffer, pages: string[], which: number[], opts: ExtractOptions): Promise<{ info: OcrInfo; result: OcrResult }> {
  const result = await ocrPdfPages(bytes, which.map((i) => i + 1), {
    onProgress: opts.onProgress && ((done, total) => opts.onProgress!(`OCR page ${done}/${total}`)),
  });
  for (const p of result.pages) pages[p.page - 1] = p.text;
  const words = result.pages.reduce((a, p) => a + p.words, 0);
  const confidence = words ? Math.round(result.pages.reduce((a, p) => a + p.confidence * p.words, 0) / words * 10) / 10 : 0;
  return { info: { engine: result.engine, confidence, pages: result.pages.map((p) => ({ page: p.page, confidence: p.confidence, words: p.words })) }, result };
}

export async function extractPdf(path: string, bytes: Buffer, opts: ExtractOptions = {}): Promise<ExtractResult> {
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
    let ocr: OcrInfo | undefined;
    const wantOcr = opts.ocr !== false;
    if (total / pages.length < MIN_LETTERS_PER_PAGE) {
      // Little text: a scan (pages painted as images) or a genuinely short document? Ask the pages
      // (least text first; one image page settles it).
      const byText = counts.map((c, i) => ({ c, i })).sort((a, b) => a.c - b.c).map((x) => x.i);
      const imagePages = (await pagesPaintingImages(bytes, byText.slice(0, 8), 1)).length;
      if (imagePages > 0) {
        const scanned = `no text layer (${pages.length} page(s), ${perPage} letters per page on average, pages are images)`;
        const details = { pages: pages.length, lettersPerPage: perPage, imagePages };
        if (!wantOcr) throw new AppError('no_text_layer', `${label}: ${scanned}; OCR is needed (it was turned off)`, { details });
        const avail = await ocrAvailability();
        if (!avail.ok) throw new AppError('no_text_layer', `${label}: ${scanned}; OCR is needed: ${avail.reason}; ${OCR_INSTALL_HINT}`, { details });
        // Every page without a real text layer is recognised (a scan's pages hold only a running header).
        const which = counts.map((c, i) => (c < MIN_LETTERS_PER_PAGE ? i : -1)).filter((i) => i >= 0);
        let done: { info: OcrInfo; result: OcrResult };
        try {
          done = await ocrInto(bytes, pages, which, opts);
        } catch (e) {
          throw new AppError('extract_failed', `${label}: ${scanned}; ${errorMessage(e)}`, { cause: e, details });
        }
        ocr = done.info;
        if (!ocr.pages.some((p) => p.words > 0)) throw new AppError('no_text_layer', `${label}: ${scanned}; OCR found no words on ${which.length} page(s)`, { details });
        notes.push(ocrNote(done));
      } else {
        if (total === 0) throw new AppError('empty_file', `${label}: the PDF has neither text nor images (${pages.length} blank page(s))`);
        notes.push(`very little text (${perPage} letters per page) but no scanned images`);
      }
    } else {
      // A text PDF with a few pages that are images (a scanned annex, a signed page): OCR those.
      const sparse = counts.map((c, i) => (c < SPARSE_PAGE_LETTERS ? i : -1)).filter((i) => i >= 0);
      const imaged = sparse.length ? await pagesPaintingImages(bytes, sparse.slice(0, MAX_SPARSE_CHECKED)) : [];
      const list = (ix: number[]) => `${ix.slice(0, 10).map((i) => i + 1).join(', ')}${ix.length > 10 ? ', …' : ''}`;
      if (imaged.length) {
        const avail = wantOcr ? await ocrAvailability() : ({ ok: false, reason: 'OCR turned off' } as const);
        if (avail.ok) {
          try {
            const done = await ocrInto(bytes, pages, imaged, opts);
            ocr = done.info;
            notes.push(ocrNote(done));
          } catch (e) {
            notes.push(`${imaged.length} page(s) are images (${list(imaged)}) and OCR failed: ${errorMessage(e)}`);
          }
        } else {
          notes.push(`${imaged.length} of ${pages.length} pages are images without text (${list(imaged)}): ${avail.reason}${wantOcr ? `; ${OCR_INSTALL_HINT}` : ''}`);
        }
      }
      // A nearly empty last page is common (end of an issue); only other sparse pages are worth a note.
      const rest = sparse.filter((i) => !imaged.includes(i) && i < counts.length - 1);
      if (rest.length) notes.push(`${rest.length} of ${pages.length} pages have almost no text: ${list(rest)}`);
    }
    const text = pages.map((p) => tidyLines(p)).join(PAGE_SEPARATOR);
    return { text, format: 'pdf', title, pages: pages.length, notes, ...(ocr ? { ocr } : {}) };
  } finally {
    await parser.destroy().catch(() => undefined);
  }
}
