/**
 * The ingest runner: paths (folders, files, .jsonl/.jsonl.gz) → extract → parseDocument → engine.upsert,
 * incrementally. Every source file's sha256 is kept with engine.setSource, so a re-run only touches
 * files whose content changed, and removes the documents of files that disappeared from the folders
 * given in this run. A bad file or record never stops the run: it is reported as data in the
 * IngestReport, and the caller decides the exit status (exitCodeFor).
 */
import { refreshDerivedStatus, statusTargets } from '../src/engine/status.js';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipelineFingerprint } from './pipeline.js';
import { checkChars, checkPassages, formatBytes, limitError, resolveLimits, type IngestLimits } from './limits.js';
import { readDocument } from './document.js';
import { detachSource, LOOSE_SAME_TEXT, looseEligible, looseMetaMatch, mergeDocuments, mergeKey, SAME_TEXT, sourcesOf, textContainment } from './merge.js';
import cliProgress from 'cli-progress';
import { DocumentRecord, type ParsedDocument } from '../src/docs/model.js';
import { formatConflict, type Conflict } from '../src/docs/metadata.js';
import { docIdFor, parseDocument, type ParseInput } from '../src/docs/parse.js';
import type { DocumentSummary, SearchEngine, SourceState, StoredDocument } from '../src/engine/types.js';
import { isAppError, type ErrorCode } from '../src/errors.js';
import { htmlToText } from './extract/index.js';
import { errorMessage } from './extract/util.js';
import { sourceKindFor, walkFolder, type SourceKind } from './sources/folder.js';
import { parseFieldMap, parseWhere, readJsonl, type FieldMap, type ImportRecord, type Where } from './sources/jsonl.js';

export interface IngestOptions {
  /** JSONL field map, parsed or as CLI text ("number=so_ky_hieu_guess,issuedAt=ngay_ban_hanh_guess"). */
  fields?: FieldMap | string;
  /** JSONL record filter, parsed or as CLI text ("lang=vi"). */
  where?: Where | string;
  /** Recorded in the report; exitCodeFor(report) is non-zero only when strict and something failed. */
  strict?: boolean;
  /** Show a progress bar on stderr. Default: when stderr is a TTY. Never drawn when stderr is not a TTY. */
  progress?: boolean;
  /** Files extracted at the same time. Default: min(4, CPUs). */
  concurrency?: number;
  /** One line per event worth telling (failures, removals). Default: none. */
  log?: (message: string) => void;
  /** Documents per engine write when the engine has upsertMany. Default 64. */
  batchSize?: number;
  /** Ignore stored hashes: re-ingest every file. */
  force?: boolean;
  /** Identifies the code that turns files into documents (default: pipelineFingerprint(), from PIPELINE_VERSION); stored with each source's hash, so a new version re-reads the files. */
  pipeline?: string;
  /** OCR image-only PDF pages when tesseract is installed (ingest/extract/ocr.ts). Default true. */
  ocr?: boolean;
  /** Replace parseDocument (tests, experiments). */
  parse?: (input: ParseInput) => ParsedDocument;
  /** Bounds on files, DOCX parts, characters, passages and JSONL lines (default: src/config.ts DEFAULT_INGEST_LIMITS). */
  limits?: Partial<IngestLimits>;
}

export interface IngestFailure { file: string; reason: string; code: ErrorCode | string }
export interface IngestReport {
  /** Documents written (new or changed). */
  ingested: number;
  /** Documents left as they were because their source file did not change. */
  unchanged: number;
  /** Documents deleted (their file is gone, or their record left a changed JSONL file). */
  removed: number;
  /** Files or records that could not be ingested; `file` is "path" or "path:line" for JSONL records. */
  failed: IngestFailure[];
  /** Files or records deliberately not ingested (JSONL records without text). */
  skipped: { file: string; reason: string }[];
  notes: { file: string; note: string }[];
  /** Disagreements between a document's header and its source that changed a field (src/docs/metadata.ts). */
  conflicts: Array<{ file: string } & Conflict>;
  /** Issuers the authority registry (src/kinds/issuers.ts) does not know, kept as found: name → documents. */
  unknownIssuers: Record<string, number>;
  /** Totals in the engine after the run. */
  documents: number;
  passages: number;
  /** Passages written in this run. */
  passagesWritten: number;
  files: { seen: number; changed: number; unchanged: number; removed: number };
  strict: boolean;
  ms: number;
}

/** An engine may offer a batch write; each document stays atomic, the batch need not be. */
export interface BatchUpsertEngine {
  upsertMany(items: StoredDocument[]): Promise<void>;
}
function canBatch(engine: SearchEngine): engine is SearchEngine & BatchUpsertEngine {
  return typeof (engine as Partial<BatchUpsertEngine>).upsertMany === 'function';
}

/** 0 unless `strict` was set and something failed. */
export function exitCodeFor(report: IngestReport, strict = report.strict): number {
  return strict && report.failed.length > 0 ? 1 : 0;
}

export { parseFieldMap, parseWhere };

interface Job { abs: string; kind: SourceKind; idBase: string }

function sha256(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}
function sha1short(s: string, n = 8): string {
  return createHash('sha1').update(s).digest('hex').slice(0, n);
}
async function sha256File(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}

/**
 * Stable document id of a file: parseDocument's id for its path relative to the folder above the root
 * given on the command line ("files/congbao__x.pdf" → "congbao__x-<hash>"), so ids do not depend on
 * where the corpus sits on disk.
 */
export function fileDocId(idBase: string): string {
  return docIdFor({ path: idBase.split(path.sep).join('/') });
}

function isUnder(p: string, root: string): boolean {
  return p.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}

/** Shorten a path for the report: relative to the cwd when it is inside it. */
function display(abs: string): string {
  const rel = path.relative(process.cwd(), abs);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : abs;
}

/** A run writing at least this many passages compacts the index at its end (SearchEngine.compact). */
export const COMPACT_MIN_PASSAGES = 2000;

export async function ingest(paths: string[], engine: SearchEngine, opts: IngestOptions = {}): Promise<IngestReport> {
  const t0 = performance.now();
  const fields = typeof opts.fields === 'string' ? parseFieldMap(opts.fields) : opts.fields ?? {};
  const where = typeof opts.where === 'string' ? parseWhere(opts.where) : opts.where ?? [];
  const parse = opts.parse ?? parseDocument;
  const batchSize = Math.max(1, opts.batchSize ?? 64);
  const concurrency = Math.max(1, opts.concurrency ?? Math.min(4, os.availableParallelism?.() ?? 2));
  const log = opts.log ?? (() => undefined);
  const limits = resolveLimits(opts.limits);
  const report: IngestReport = {
    ingested: 0, unchanged: 0, removed: 0, failed: [], skipped: [], notes: [], conflicts: [], unknownIssuers: {},
    documents: 0, passages: 0, passagesWritten: 0,
    files: { seen: 0, changed: 0, unchanged: 0, removed: 0 }, strict: !!opts.strict, ms: 0,
  };
  let multi: cliProgress.MultiBar | null = null;
  let bar: cliProgress.SingleBar | undefined;
  const say = (msg: string) => {
    if (multi) multi.log(`${msg}\n`);
    log(msg);
  };
  const fail = (file: string, code: ErrorCode | string, reason: string) => {
    report.failed.push({ file, code, reason });
    say(`failed ${file} [${code}] ${reason}`);
  };

  await engine.init();

  // 1. Sources of this run.
  const jobs: Job[] = [];
  const roots: string[] = [];
  /** Folders the walk could not read: nothing under them is pruned. */
  const unreadable: string[] = [];
  const seen = new Set<string>();
  for (const p of paths) {
    const abs = path.resolve(p);
    const st = await stat(abs).catch(() => null);
    if (!st) { fail(display(abs), 'not_found', 'no such file or folder'); continue; }
    if (st.isDirectory()) {
      roots.push(abs);
      const { files, unreadable: bad } = await walkFolder(abs);
      for (const u of bad) { unreadable.push(u.path); fail(display(u.path), 'extract_failed', `cannot read the folder: ${u.reason}`); }
      const base = path.dirname(abs);
      for (const f of files) {
        if (seen.has(f.path)) continue;
        seen.add(f.path);
        jobs.push({ abs: f.path, kind: f.kind, idBase: path.relative(base, f.path) });
      }
    } else {
      const kind = sourceKindFor(abs);
      if (!kind) { fail(display(abs), 'unsupported_format', `unsupported file type "${path.extname(abs) || '(no extension)'}"`); continue; }
      if (seen.has(abs)) continue;
      seen.add(abs);
      jobs.push({ abs, kind, idBase: path.basename(abs) });
    }
  }
  report.files.seen = jobs.length;

  const pipeline = opts.pipeline ?? pipelineFingerprint();
  /** What is stored per source: the content hash and the code that read it. */
  const stateKey = (hash: string) => (pipeline ? `${hash}#${pipeline}` : hash);
  const previous = new Map<string, SourceState>((await engine.getSources()).map((s) => [s.path, s]));
  /** docId → source that wrote it in this run (to notice two sources claiming one id). */
  const owners = new Map<string, string>();

  // 2. Progress bar (TTY only).
  const showBar = (opts.progress ?? true) && !!process.stderr.isTTY;
  if (showBar) {
    multi = new cliProgress.MultiBar({ stream: process.stderr, hideCursor: true, clearOnComplete: false, format: 'ingest [{bar}] {value}/{total} files | {docs} docs | {file}' }, cliProgress.Presets.shades_classic);
    bar = multi.create(jobs.length, 0, { docs: 0, file: '' });
  }

  // 3. Writes. Documents of one file go together; one document is one engine.upsert (atomic).
  /** Documents the engine refused (per source path), so that source is retried next run. */
  const refusedBy = new Map<string, number>();
  /** Canonical ids whose derived status (amended / replaced / repealed) the written documents may change. */
  const statusIds = new Set<string>();
  /**
   * Writes run one at a time (extraction still runs in parallel): a document found in two files read at
   * once must see the other's write to be merged with it (ingest/merge.ts).
   */
  let writeChain: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const p = writeChain.then(fn, fn);
    writeChain = p.catch(() => undefined);
    return p;
  };
  /** Sources to read again in this run: the stored text of a document came from a source that is gone. */
  const redo = new Set<string>();
  const formats = (d: DocumentRecord) => sourcesOf(d).map((x) => x.format + (x.ocr ? ' (OCR)' : '')).join(', ');

  /**
   * One document, several files: documents of the batch with the same canonical number and date become
   * one, and each is merged into the stored document with that number and date, if any (its id is kept).
   */
  /** Documents without number or date written in this run, unpaired (see the loose pass in mergeWithStored). */
  const keylessOfRun: DocumentSummary[] = [];
  const mergeWithStored = async (valid: { parsed: ParsedDocument; where: string }[]) => {
    const out: { parsed: ParsedDocument; where: string }[] = [];
    const byKey = new Map<string, { parsed: ParsedDocument; where: string }[]>();
    const apart = (where: string, other: string, d: DocumentRecord, share: number) => report.notes.push({ file: where,
      note: `same number and date as ${other} (${d.refId}, ${d.issuedAt}) but not the same text (${Math.round(share * 100)}% of word 3-grams shared): kept apart` });
    for (const it of valid) {
      const key = mergeKey(it.parsed.document);
      const copy = { ...it };
      if (!key) { out.push(copy); continue; }
      const group = byKey.get(key) ?? [];
      let merged = false;
      for (const prev of group) {
        const share = textContainment(prev.parsed.passages, it.parsed.passages);
        if (share < SAME_TEXT) { apart(it.where, prev.where, it.parsed.document, share); continue; }
        const m = mergeDocuments(prev.parsed, it.parsed);
        prev.parsed = { ...prev.parsed, document: m.document, passages: m.passages, notes: [...prev.parsed.notes, ...it.parsed.notes] };
        report.notes.push({ file: it.where, note: `same document as ${prev.where} (${it.parsed.document.refId}, ${it.parsed.document.issuedAt}): merged into ${m.document.id}, sources: ${formats(m.document)}` });
        merged = true;
        break;
      }
      if (merged) continue;
      group.push(copy);
      byKey.set(key, group);
      out.push(copy);
    }
    const keyed = [...byKey.values()].flat();
    const refIds = [...new Set(out.map((it) => it.parsed.document.refId).filter((r): r is string => !!r))];
    const found: Map<string, DocumentSummary[]> = refIds.length ? await engine.findByRefIds(refIds) : new Map();
    const taken = new Set<string>();
    const mergedStored = new Set<{ parsed: ParsedDocument; where: string }>();
    for (const it of keyed) {
      const d = it.parsed.document;
      const matches = (found.get(d.refId!) ?? []).filter((m) => m.issuedAt === d.issuedAt && !taken.has(m.id)).map((m) => m.id).sort();
      for (const id of matches.slice(0, 8)) {
        const stored = await engine.getDocument(id);
        if (!stored) continue;
        // The document under its own id is itself (a re-read); any other must have the same text.
        const own = id === d.id;
        const share = own ? 1 : textContainment(stored.passages, it.parsed.passages);
        if (share < SAME_TEXT) { apart(it.where, id, d, share); continue; }
        const m = mergeDocuments(stored, it.parsed);
        if (m.document.sources && !own) report.notes.push({ file: it.where, note: `same document as ${m.document.id} (${d.refId}, ${d.issuedAt}): one document with ${sourcesOf(m.document).length} sources (${formats(m.document)})` });
        it.parsed = { ...it.parsed, document: m.document, passages: m.passages };
        taken.add(id);
        mergedStored.add(it);
        break;
      }
    }
    // Renderings without number or date (ingest/merge.ts looseMetaMatch). Candidates: the stored documents with the
    // same canonical number; those of this run without number or date (either file may come first); and, for a
    // document without them, those its title finds among stored documents of its kind. A document with number and
    // date does not search by title (a search per document would slow every ingest): across runs, a rendering
    // without them read later finds its twin, not the other way round.
    for (const it of out) {
      const d = it.parsed.document;
      if (mergedStored.has(it) || !looseEligible(d)) continue;
      const keyed = !!mergeKey(d);
      const candidates = new Map<string, DocumentSummary>();
      for (const c of d.refId ? found.get(d.refId) ?? [] : []) candidates.set(c.id, c);
      for (const c of keylessOfRun) if (c.kind === d.kind) candidates.set(c.id, c);
      if (!keyed) {
        const r = await engine.search({ q: d.title, filters: { kind: [d.kind] }, limit: 5, passagesPerDoc: 1, ranking: 'plain', facets: false });
        for (const h of r.hits) candidates.set(h.document.id, h.document);
      }
      const same: { stored: StoredDocument; why: string; share: number }[] = [];
      for (const c of candidates.values()) {
        if (c.id === d.id || taken.has(c.id) || !looseMetaMatch(d, c)) continue;
        const stored = await engine.getDocument(c.id);
        const why = stored && looseMetaMatch(d, stored.document);
        if (!stored || !why) continue;
        const share = textContainment(stored.passages, it.parsed.passages);
        if (share >= LOOSE_SAME_TEXT) same.push({ stored, why, share });
      }
      if (same.length !== 1) {
        if (same.length) report.notes.push({ file: it.where, note: `may be the same document as ${same.map((x) => x.stored.document.id).join(', ')}, but without number or date to tell which: kept apart` });
        if (!keyed) keylessOfRun.push({ id: d.id, kind: d.kind, title: d.title, refId: d.refId, issuedAt: d.issuedAt, issuer: d.issuer });
        continue;
      }
      const [{ stored, why, share }] = same;
      const m = mergeDocuments(stored, it.parsed);
      report.notes.push({ file: it.where, note: `same document as ${stored.document.id}, though one of them has no number or date to pair them (${why}, ${Math.round(share * 100)}% of word 3-grams shared): one document with ${sourcesOf(m.document).length} sources (${formats(m.document)})` });
      it.parsed = { ...it.parsed, document: m.document, passages: m.passages };
      taken.add(stored.document.id);
    }
    return out;
  };

  const write = (items: { parsed: ParsedDocument; where: string }[], source: string): Promise<Set<string>> => {
    const checked: { parsed: ParsedDocument; where: string }[] = [];
    for (const it of items) {
      const check = DocumentRecord.safeParse(it.parsed.document);
      if (!check.success) { fail(it.where, 'invalid_record', `document does not fit the model: ${check.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`); continue; }
      checked.push(it);
    }
    return serial(async () => writeNow(await mergeWithStored(checked), source));
  };
  const writeNow = async (valid: { parsed: ParsedDocument; where: string }[], source: string): Promise<Set<string>> => {
    const ok = new Set<string>();
    const one = async (it: { parsed: ParsedDocument; where: string }) => {
      try {
        await engine.upsert(it.parsed.document, it.parsed.passages);
        ok.add(it.parsed.document.id);
      } catch (e) {
        fail(it.where, isAppError(e) ? e.code : 'engine_error', `engine refused the document: ${errorMessage(e)}`);
        refusedBy.set(source, (refusedBy.get(source) ?? 0) + 1);
      }
    };
    if (canBatch(engine) && valid.length > 1) {
      try {
        await engine.upsertMany(valid.map((v) => ({ document: v.parsed.document, passages: v.parsed.passages })));
        for (const v of valid) ok.add(v.parsed.document.id);
      } catch {
        for (const v of valid) await one(v); // find the bad one
      }
    } else {
      for (const v of valid) await one(v);
    }
    for (const v of valid) {
      if (!ok.has(v.parsed.document.id)) continue;
      const id = v.parsed.document.id;
      for (const t of statusTargets(v.parsed.document)) statusIds.add(t);
      const other = owners.get(id);
      if (other && other !== v.where && !v.parsed.document.sources) report.notes.push({ file: v.where, note: `document id "${id}" was also written by ${other}; the later one wins` });
      owners.set(id, v.where);
      report.ingested++;
      report.passagesWritten += v.parsed.passages.length;
      for (const n of v.parsed.notes) report.notes.push({ file: v.where, note: n });
      for (const c of v.parsed.conflicts ?? []) report.conflicts.push({ file: v.where, ...c });
      const unknown = v.parsed.unknownIssuer;
      if (unknown) report.unknownIssuers[unknown] = (report.unknownIssuers[unknown] ?? 0) + 1;
    }
    return ok;
  };

  const finishSource = async (job: Job, hash: string, newIds: Set<string>) => {
    const prev = previous.get(job.abs);
    if (refusedBy.get(job.abs)) {
      // Some documents were refused by the engine: keep every id (old and new) and a hash that cannot
      // match, so the next run retries the whole source and only then prunes.
      await engine.setSource({ path: job.abs, sha256: `incomplete:${hash}`, docIds: [...new Set([...(prev?.docIds ?? []), ...newIds])] });
      return;
    }
    for (const old of prev?.docIds ?? []) {
      if (newIds.has(old)) continue;
      if (await release(old, job.abs)) report.removed++;
    }
    const state = { path: job.abs, sha256: stateKey(hash), docIds: [...newIds] };
    await engine.setSource(state);
    previous.set(job.abs, state);
  };

  /**
   * The source at `srcPath` no longer gives document `docId`: delete it, unless other sources remain
   * (then only this source leaves its list; if the stored text came from it, a remaining source is
   * read again in this run). True when the document was deleted.
   */
  const release = (docId: string, srcPath: string): Promise<boolean> => serial(async () => {
    const stored = await engine.getDocument(docId).catch(() => null);
    if (!stored) return false;
    const left = detachSource(stored, srcPath);
    if (!left) return engine.delete(docId).catch(() => false);
    await engine.upsert(left.document, stored.passages);
    report.notes.push({ file: display(srcPath), note: `document ${docId} is kept: its other source(s) remain (${sourcesOf(left.document).map((x) => x.path ? path.basename(x.path) : x.url).join(', ')})` });
    if (left.textLost) for (const x of sourcesOf(left.document)) if (x.path) redo.add(x.path);
    return false;
  });

  const runFile = async (job: Job, force = !!opts.force) => {
    const shown = display(job.abs);
    let bytes: Buffer;
    try {
      // Too big: refused before reading (readDocument checks again for callers that pass bytes).
      const size = (await stat(job.abs)).size;
      if (size > limits.maxFileBytes) { fail(shown, 'limit_exceeded', limitError('maxFileBytes', `the file is ${formatBytes(size)}`, limits).message); return; }
      bytes = await readFile(job.abs);
    } catch (e) { fail(shown, 'extract_failed', `cannot read the file: ${errorMessage(e)}`); return; }
    const hash = sha256(bytes);
    const prev = previous.get(job.abs);
    if (!force && prev && prev.sha256 === stateKey(hash)) { report.unchanged += prev.docIds.length; report.files.unchanged++; return; }
    report.files.changed++;
    let parsed: ParsedDocument;
    try {
      const read = await readDocument(job.abs, bytes, { id: fileDocId(job.idBase), path: job.abs, sha256: hash }, parse, {
        ocr: opts.ocr,
        limits,
        onProgress: (m) => bar?.update({ file: `${path.basename(job.abs)} (${m})` }),
      });
      for (const n of read.extractNotes) report.notes.push({ file: shown, note: n });
      parsed = read.parsed;
    } catch (e) {
      // Extractor messages start with the file name (they stand alone elsewhere); the report has it already.
      const reason = errorMessage(e).replace(`${path.basename(job.abs)}: `, '');
      fail(shown, isAppError(e) ? e.code : 'extract_failed', reason);
      return;
    }
    const ok = await write([{ parsed, where: shown }], job.abs);
    if (ok.size) await finishSource(job, hash, ok);
  };

  const runJsonl = async (job: Job, force = !!opts.force) => {
    const shown = display(job.abs);
    let fileHash: string;
    try { fileHash = await sha256File(job.abs); } catch (e) { fail(shown, 'extract_failed', `cannot read the file: ${errorMessage(e)}`); return; }
    // The options that select and map records are part of the source's identity.
    const hash = sha256(`${fileHash}\n${JSON.stringify(fields)}\n${JSON.stringify(where)}`);
    const prev = previous.get(job.abs);
    if (!force && prev && prev.sha256 === stateKey(hash)) { report.unchanged += prev.docIds.length; report.files.unchanged++; return; }
    report.files.changed++;
    const written = new Set<string>();
    let batch: { parsed: ParsedDocument; where: string }[] = [];
    let filtered = 0; let records = 0;
    const flush = async () => {
      if (!batch.length) return;
      for (const id of await write(batch, job.abs)) written.add(id);
      batch = [];
      bar?.update({ file: `${path.basename(job.abs)} (${records} records)` });
    };
    const fileBase = path.basename(job.abs).replace(/\.jsonl(\.gz)?$/i, '');
    try {
      for await (const item of readJsonl(job.abs, { fields, where, maxLineBytes: limits.maxLineBytes })) {
        const at = `${shown}:${item.line}`;
        if (item.type === 'filtered') { filtered++; continue; }
        if (item.type === 'error') { fail(at, item.code, item.reason); continue; }
        if (item.type === 'skipped') { report.skipped.push({ file: at, reason: item.id ? `${item.id}: ${item.reason}` : item.reason }); continue; }
        records++;
        try {
          batch.push({ parsed: parseRecord(item.record, job, fileBase, parse, limits), where: at });
        } catch (e) {
          fail(at, isAppError(e) ? e.code : 'invalid_record', errorMessage(e));
          continue;
        }
        for (const n of item.notes) report.notes.push({ file: at, note: n });
        if (batch.length >= batchSize) await flush();
      }
      await flush();
    } catch (e) {
      await flush().catch(() => undefined);
      fail(shown, 'extract_failed', `reading stopped: ${errorMessage(e)}`);
      return; // keep the previous state: the next run retries the whole file
    }
    if (filtered) report.notes.push({ file: shown, note: `${filtered} record(s) left out by the filter (${where.map((w) => `${w.field}${w.op}${w.value}`).join(',')})` });
    await finishSource(job, hash, written);
  };

  // 4. Run jobs with a small pool (extraction overlaps; engine writes are awaited per file).
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const job = jobs[next++];
      bar?.update({ file: path.basename(job.abs) });
      try {
        if (job.kind === 'jsonl') await runJsonl(job);
        else await runFile(job);
      } catch (e) {
        // Engine failures while recording state: still one file, still not the whole run.
        fail(display(job.abs), isAppError(e) ? e.code : 'internal', errorMessage(e));
      }
      done++;
      bar?.update(done, { docs: report.ingested });
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(1, jobs.length)) }, worker));

    // 5. Files that disappeared from the folders of this run.
    for (const s of previous.values()) {
      if (seen.has(s.path) || !roots.some((r) => isUnder(s.path, r)) || unreadable.some((u) => isUnder(s.path, u))) continue;
      let n = 0;
      for (const id of s.docIds) if (await release(id, s.path)) n++;
      await engine.deleteSource(s.path);
      previous.delete(s.path);
      report.removed += n;
      report.files.removed++;
      say(`removed ${display(s.path)} (${n} document(s)): the file is gone`);
    }

    // 6. Documents whose stored text came from a source that left them: read a remaining source again.
    const redone = new Set<string>();
    for (let p = redo.values().next().value; p !== undefined; p = redo.values().next().value) {
      redo.delete(p);
      if (redone.has(p)) continue;
      redone.add(p);
      const kind = sourceKindFor(p);
      if (!kind || !(await stat(p).catch(() => null))?.isFile()) continue;
      const job = jobs.find((j) => j.abs === p) ?? { abs: p, kind, idBase: path.basename(p) };
      try {
        if (kind === 'jsonl') await runJsonl(job, true);
        else await runFile(job, true);
      } catch (e) {
        fail(display(p), isAppError(e) ? e.code : 'internal', errorMessage(e));
      }
    }
  } finally {
    multi?.stop();
  }

  // documents the written ones amend, replace or repeal (and the written ones themselves) get their status recomputed
  try {
    const n = await refreshDerivedStatus(engine, statusIds);
    if (n) say(`derived status updated on ${n} document(s)`);
  } catch (e) {
    report.notes.push({ file: '(engine)', note: `derived status not updated: ${errorMessage(e)}` });
  }

  // A bulk run leaves the index in many small segments (sqlite FTS5: every word read walks each of them):
  // merged once here, a search for common words reads several times fewer pages.
  if (report.passagesWritten >= COMPACT_MIN_PASSAGES && engine.compact) {
    try {
      await engine.compact();
    } catch (e) {
      report.notes.push({ file: '(engine)', note: `index not compacted: ${errorMessage(e)}` });
    }
  }

  try {
    const st = await engine.stats();
    report.documents = st.documents;
    report.passages = st.passages;
  } catch (e) {
    report.notes.push({ file: '(engine)', note: `stats unavailable: ${errorMessage(e)}` });
  }
  report.ms = Math.round(performance.now() - t0);
  return report;
}

/** One JSONL record → ParsedDocument. Records with html and no text are converted with the HTML walker. */
function parseRecord(r: ImportRecord, job: Job, fileBase: string, parse: (i: ParseInput) => ParsedDocument, limits: IngestLimits): ParsedDocument {
  let text = r.text;
  if (!text && r.html) text = htmlToText(r.html).text;
  const body = text ?? '';
  checkChars(body, limits);
  const id = r.id ?? `${fileBase}-${sha1short(body, 12)}`;
  const parsed = parse({
    text: body, html: r.html, format: 'jsonl', id, path: job.abs, url: r.url, sha256: sha256(body),
    meta: {
      ...(r.title ? { title: r.title } : {}), ...(r.kind ? { kind: r.kind } : {}), ...(r.number ? { number: r.number } : {}),
      ...(r.issuer ? { issuer: r.issuer } : {}), ...(r.issuedAt ? { issuedAt: r.issuedAt } : {}),
      ...(r.status ? { status: r.status } : {}), ...(r.lang ? { language: r.lang } : {}),
    },
    ...(r.overrides?.length ? { overrides: r.overrides } : {}),
  });
  checkPassages(parsed.passages.length, limits);
  return parsed;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** Human-readable summary for the CLI. At most `limit` lines per list. */
export function formatReport(report: IngestReport, opts: { limit?: number } = {}): string {
  const limit = opts.limit ?? 20;
  const lines: string[] = [];
  lines.push(`Ingested ${plural(report.ingested, 'document')} (${plural(report.passagesWritten, 'passage')}) in ${(report.ms / 1000).toFixed(1)} s; `
    + `${report.unchanged.toLocaleString('en-US')} unchanged, ${report.removed.toLocaleString('en-US')} removed.`);
  lines.push(`Files: ${report.files.seen} seen, ${report.files.changed} new or changed, ${report.files.unchanged} unchanged, ${report.files.removed} gone.`);
  lines.push(`Index now holds ${plural(report.documents, 'document')}, ${plural(report.passages, 'passage')}.`);
  const list = <T>(title: string, items: T[], fmt: (t: T) => string) => {
    if (!items.length) return;
    lines.push('', `${title} (${items.length}):`);
    for (const it of items.slice(0, limit)) lines.push(`  ${fmt(it)}`);
    if (items.length > limit) lines.push(`  … and ${items.length - limit} more`);
  };
  if (report.failed.length) {
    const byCode = new Map<string, number>();
    for (const f of report.failed) byCode.set(String(f.code), (byCode.get(String(f.code)) ?? 0) + 1);
    lines.push(`Failures by code: ${[...byCode].sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c} ${n}`).join(', ')}.`);
  }
  list('Failed', report.failed, (f) => `${f.file}  [${f.code}] ${f.reason}`);
  list('Skipped', report.skipped, (s) => `${s.file}  ${s.reason}`);
  list('Metadata conflicts that changed a field', report.conflicts, (c) => `${c.file}  ${formatConflict(c)}`);
  const unknown = Object.entries(report.unknownIssuers).sort((a, b) => b[1] - a[1]);
  if (unknown.length) {
    const docs = unknown.reduce((a, [, n]) => a + n, 0);
    list(`Issuers not in the authority list, kept as found (${plural(docs, 'document')})`, unknown, ([name, n]) => `${name}  ×${n}`);
  }
  list('Notes', report.notes, (n) => `${n.file}  ${n.note}`);
  if (report.failed.length) lines.push('', report.strict ? `${plural(report.failed.length, 'failure')}: exit status 1 (--strict).` : `${plural(report.failed.length, 'failure')} (use --strict to make failures an error).`);
  return lines.join('\n');
}
