/**
 * What every extractor returns. Extractors are (path, bytes) → ExtractResult; they never read the
 * file themselves (the runner does), so they are easy to test with bytes built in memory.
 * They throw AppError (src/errors.ts) with one of: empty_file, not_text, extract_failed,
 * no_text_layer, encrypted, unsupported_format — the runner turns that into a per-file failure.
 */
import type { OcrInfo } from '../../src/docs/model.js';

import type { IngestLimits } from '../../src/config.js';

export type ExtractFormat = 'txt' | 'html' | 'pdf' | 'docx' | 'doc';

export interface ExtractResult {
  /** Plain text, one block (paragraph, heading, table row) per line. PDF pages are separated by "\n\f\n". */
  text: string;
  /** Cleaned HTML (HTML sources only; DOCX gives mammoth's HTML). */
  html?: string;
  format: ExtractFormat;
  /** Title given by the file's own metadata (HTML <title>, PDF Title), when there is one. */
  title?: string;
  /** Page count (PDF only). */
  pages?: number;
  /** Things the caller should know (encoding guessed, extension disagreed with content, pages without text…). */
  notes: string[];
  /** Present when some of the text was recognised by OCR (scanned PDF pages): which pages, and how sure. */
  ocr?: OcrInfo;
}

/** How OCR'd text came about (engine, per-page confidence): defined with the document model. */
export type { OcrInfo };

/** Options every extractor accepts (only the PDF extractor uses them today). */
export interface ExtractOptions {
  /** Bounds on what extractors may inflate (DOCX parts); default src/config.ts DEFAULT_INGEST_LIMITS. */
  limits?: IngestLimits;
  /** OCR image-only PDF pages when tesseract is installed. Default true. */
  ocr?: boolean;
  /** Progress of slow steps (OCR): a short message such as "OCR page 3/17". */
  onProgress?: (message: string) => void;
}

/** Form feed between the pages of a PDF, on its own line (trimmed away by paragraph splitting). */
export const PAGE_SEPARATOR = '\n\f\n';
