/** The ingest pipeline's public surface (for src/cli.ts and scripts). */
export { ingest, formatReport, exitCodeFor, fileDocId } from './runner.js';
export type { IngestOptions, IngestReport, IngestFailure, BatchUpsertEngine } from './runner.js';
export { parseFieldMap, parseWhere, toIsoDate, readJsonl, RECORD_FIELDS } from './sources/jsonl.js';
export type { FieldMap, Where, WhereClause, ImportRecord, JsonlItem } from './sources/jsonl.js';
export { walkFolder } from './sources/folder.js';
export { extractFile, sniffFormat, EXTENSION_FORMAT } from './extract/index.js';
export type { ExtractResult, ExtractFormat } from './extract/index.js';
