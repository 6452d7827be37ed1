/** The ingest pipeline's public surface (for src/cli.ts and scripts). */
export { ingest, formatReport, exitCodeFor, fileDocId } from './runner.js';
export type { IngestOptions, IngestReport, IngestFailure, BatchUpsertEngine } from './runner.js';
export { parseFieldMap, parseWhere, toIsoDate, readJsonl, RECORD_FIELDS } from './sources/jsonl.js';
export type { FieldMap, Where, WhereClause, ImportRecord, JsonlItem } from './sources/jsonl.js';
export { walkFolder } from './sources/folder.js';
export { readDocument } from './document.js';
export { extractFile, extractPdf, sniffFormat, EXTENSION_FORMAT, PAGE_SEPARATOR } from './extract/index.js';
export type { ExtractResult, ExtractFormat, ExtractOptions, OcrInfo } from './extract/index.js';
export { ocrAvailability, ocrPdfPages, tsvToText, OCR_INSTALL_HINT, OCR_PACKAGES, OCR_POOL_SIZE } from './extract/ocr.js';
export type { OcrOptions, OcrPage, OcrResult } from './extract/ocr.js';
