/**
 * Copy every document (with its passages) and the ingest state from one engine into another,
 * then check the counts. Used by `policy-search reindex --from sqlite --to meilisearch`.
 *
 * Without downtime: when the target can stage (the Meilisearch engine: createStaging/swapIn), the
 * copy goes into fresh indexes on the same server, the counts are checked there, and only then are
 * the fresh indexes swapped with the live ones in one Meilisearch task. Searches keep hitting the
 * old generation until the swap; a failed copy or count check leaves the live indexes untouched.
 * Other targets are filled in place (upsert is idempotent; documents already in the target and
 * absent from the source are left alone: the count check then fails loudly).
 */
import { AppError } from '../errors.js';
import type { SearchEngine, StoredDocument } from './types.js';

export interface ReindexProgress { documents: number; passages: number; phase: 'copy' | 'check' | 'swap' | 'done' }

export interface ReindexOptions {
  progress?: (p: ReindexProgress) => void;
  /** Concurrent writes into the target. Default 4. */
  concurrency?: number;
  /** Documents per write when the target has upsertMany. Default 64. */
  batchSize?: number;
  /** Copy per-source ingest state too. Default true. */
  sources?: boolean;
}

export interface StagingCapable extends SearchEngine {
  createStaging(): Promise<SearchEngine & { dropIndexes(): Promise<void> }>;
  swapIn(staging: SearchEngine): Promise<void>;
}

export function canStage(e: SearchEngine): e is StagingCapable {
  const x = e as Partial<StagingCapable>;
  return typeof x.createStaging === 'function' && typeof x.swapIn === 'function';
}

type BatchWriter = SearchEngine & { upsertMany(items: StoredDocument[]): Promise<void> };
const canBatch = (e: SearchEngine): e is BatchWriter => typeof (e as Partial<BatchWriter>).upsertMany === 'function';

async function copy(from: SearchEngine, to: SearchEngine, opts: ReindexOptions): Promise<{ documents: number; passages: number }> {
  const concurrency = Math.max(1, opts.concurrency ?? 4);
  const batchSize = Math.max(1, opts.batchSize ?? 64);
  let documents = 0;
  let passages = 0;
  let pending: Promise<void>[] = [];
  let batch: StoredDocument[] = [];
  const flushBatch = () => {
    if (!batch.length) return;
    const items = batch;
    batch = [];
    // engines with a batch write (sqlite, meilisearch) take whole batches; others one document at a time
    pending.push(canBatch(to) ? to.upsertMany(items) : Promise.all(items.map((d) => to.upsert(d.document, d.passages))).then(() => undefined));
  };
  const drain = async () => { await Promise.all(pending); pending = []; };
  for await (const d of from.allDocuments() as AsyncIterable<StoredDocument>) {
    batch.push(d);
    documents++;
    passages += d.passages.length;
    if (batch.length >= (canBatch(to) ? batchSize : 1)) flushBatch();
    if (pending.length >= concurrency) {
      await drain();
      opts.progress?.({ documents, passages, phase: 'copy' });
    }
  }
  flushBatch();
  await drain();
  if (opts.sources !== false) for (const s of await from.getSources()) await to.setSource(s);
  opts.progress?.({ documents, passages, phase: 'copy' });
  return { documents, passages };
}

async function check(to: SearchEngine, copied: { documents: number; passages: number }, opts: ReindexOptions): Promise<void> {
  opts.progress?.({ ...copied, phase: 'check' });
  const s = await to.stats();
  if (s.documents !== copied.documents || s.passages !== copied.passages) {
    throw new AppError('internal', `reindex: count check failed: copied ${copied.documents} documents / ${copied.passages} passages, target ${to.name} holds ${s.documents} / ${s.passages}`, {
      details: { copied, target: { documents: s.documents, passages: s.passages } },
    });
  }
}

export async function reindex(from: SearchEngine, to: SearchEngine, opts: ReindexOptions = {}): Promise<{ documents: number; passages: number }> {
  await from.init();
  await to.init();
  if (canStage(to)) {
    const staging = await to.createStaging();
    try {
      const copied = await copy(from, staging, opts);
      await check(staging, copied, opts);
      opts.progress?.({ ...copied, phase: 'swap' });
      await to.swapIn(staging);
      await check(to, copied, opts);
      opts.progress?.({ ...copied, phase: 'done' });
      return copied;
    } catch (e) {
      await staging.dropIndexes().catch(() => undefined);
      throw e;
    }
  }
  const copied = await copy(from, to, opts);
  await check(to, copied, opts);
  opts.progress?.({ ...copied, phase: 'done' });
  return copied;
}
