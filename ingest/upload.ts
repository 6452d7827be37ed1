/**
 * Single documents arriving through the admin API, ingested like any other file: the functions the CLI
 * hands to createApp (src/api never imports ingest/ or the parser).
 *
 *   const up = createUploadIngest(engine);
 *   await up.ingestFile('cv-3414.pdf', bytes)        → {documents: ['upload-cv-3414-…'], passages: 4, notes: […]}
 *   await up.ingestRecord({text: '…', meta: {kind: 'công văn'}})
 */
import { refreshDerivedStatus, statusTargets } from '../src/engine/status.js';
import { parseDocument, type ParseInput } from '../src/docs/parse.js';
import type { ParsedDocument } from '../src/docs/model.js';
import type { SearchEngine } from '../src/engine/types.js';
import { readDocument } from './document.js';
import { checkChars, checkPassages, resolveLimits, type IngestLimits } from './limits.js';

export interface UploadResult { documents: string[]; passages: number; notes: string[] }

export interface UploadRecord {
  id?: string;
  text: string;
  url?: string;
  meta?: ParseInput['meta'];
}

/** Uploads are bounded like every ingest input (ingest/limits.ts); a bound passed throws 'limit_exceeded' (413). */
export function createUploadIngest(engine: SearchEngine, limits: IngestLimits = resolveLimits()) {
  async function store(parsed: ParsedDocument, notes: string[]): Promise<UploadResult> {
    await engine.upsert(parsed.document, parsed.passages);
    await refreshDerivedStatus(engine, statusTargets(parsed.document));
    return { documents: [parsed.document.id], passages: parsed.passages.length, notes };
  }
  return {
    async ingestFile(name: string, bytes: Buffer): Promise<UploadResult> {
      const { parsed, extractNotes } = await readDocument(name, bytes, { path: `upload/${name}` }, undefined, { limits });
      return store(parsed, [...extractNotes, ...parsed.notes]);
    },
    async ingestRecord(rec: UploadRecord): Promise<UploadResult> {
      checkChars(rec.text, limits);
      const parsed = parseDocument({ id: rec.id, text: rec.text, format: 'txt', url: rec.url, meta: rec.meta });
      checkPassages(parsed.passages.length, limits);
      return store(parsed, parsed.notes);
    },
  };
}
