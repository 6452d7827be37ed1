/**
 * The benchmark corpus: the Vietnamese texts of /work/shared/corpus ingested through the normal path
 * (ingest() → parseDocument → SqliteEngine.upsertMany) into a cached database file.
 */
import path from 'node:path';
import { pipelineFingerprint } from '../../ingest/pipeline.js';
import { ingest } from '../../ingest/runner.js';
import { INDEX_VERSION, SqliteEngine } from '../../src/engine/sqlite/index.js';
import { cachedIndex, corpusRoot, inputsHash } from './bench-util.js';

export interface CorpusSource { file: string; fields: string; where?: string }

export const BENCH_SOURCES: CorpusSource[] = [
  // vbpl-central: 575 Vietnamese full texts (PROVENANCE: filter lang=vi; *_guess fields are heuristics).
  { file: path.join(corpusRoot, 'vbpl-central/docs.jsonl.gz'), fields: 'number=so_ky_hieu_guess,issuedAt=ngay_ban_hanh_guess,kind=loai_van_ban_guess,issuer=co_quan_ban_hanh_guess,status=tinh_trang_hieu_luc', where: 'lang=vi' },
  // congbao-8chude: 412 gazette texts.
  { file: path.join(corpusRoot, 'congbao-8chude/docs.jsonl.gz'), fields: 'number=so_ky_hieu_guess,kind=loai' },
  // phapdien: 40,857 consolidated articles with their source citation.
  { file: path.join(corpusRoot, 'phapdien/articles.jsonl.gz'), fields: 'title=title,number=source_doc_so_ky_hieu' },
];

// 2: the ingest runner compacts the index after a bulk run (SearchEngine.compact)
const BUILDER_VERSION = 'bench-corpus-2';

/** Build (or reuse) the benchmark index; returns its file and, when built now, the build time. */
export async function benchIndex(log: (s: string) => void = console.log): Promise<{ file: string; buildMs?: number }> {
  // the ingest pipeline's own fingerprint covers the code that turns files into documents (extractors included)
  const hash = inputsHash(BENCH_SOURCES.map((s) => s.file),
    [await pipelineFingerprint(), INDEX_VERSION, BUILDER_VERSION, JSON.stringify(BENCH_SOURCES)]);
  let buildMs: number | undefined;
  const { file, built } = await cachedIndex('search', hash, async (tmp) => {
    const t0 = performance.now();
    const engine = new SqliteEngine({ file: tmp, checkpointMs: 0 });
    await engine.init();
    for (const s of BENCH_SOURCES) {
      const t1 = performance.now();
      const rep = await ingest([s.file], engine, { fields: s.fields, where: s.where, concurrency: 1, progress: false, batchSize: 256 });
      log(`  ingested ${path.relative(corpusRoot, s.file)}: ${rep.ingested} documents, ${rep.passagesWritten} passages, ${rep.failed.length} failed, ${rep.skipped.length} skipped in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
    }
    await engine.close();
    buildMs = performance.now() - t0;
  });
  if (built) log(`built index ${file} in ${((buildMs ?? 0) / 1000).toFixed(1)} s`);
  else log(`reusing cached index ${file}`);
  return { file, buildMs };
}
