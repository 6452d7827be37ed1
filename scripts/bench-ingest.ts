/**
 * Time the ingest pipeline on real data.
 *   npx tsx scripts/bench-ingest.ts [--fields spec] [--where spec] <paths…>
 * Writes to a fresh temporary sqlite database; the run is done twice (the second must be all unchanged).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSqliteEngine } from '../src/engine/sqlite/index.js';
import { formatReport, ingest } from '../ingest/index.js';

const args = process.argv.slice(2);
const opt = (name: string) => { const i = args.indexOf(name); if (i === -1) return undefined; const v = args[i + 1]; args.splice(i, 2); return v; };
const fields = opt('--fields');
const where = opt('--where');
const concurrency = opt('--concurrency');
if (!args.length) { console.error('usage: bench-ingest.ts [--fields spec] [--where spec] <paths…>'); process.exit(2); }

const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-ingest-'));
const engine = createSqliteEngine({ file: path.join(dir, 'bench.sqlite'), checkpointMs: 0 });
try {
  const rss0 = process.memoryUsage().rss;
  const first = await ingest(args, engine, { fields, where, progress: false, concurrency: concurrency ? Number(concurrency) : undefined });
  console.log(`== first run (${engine.name})`);
  console.log(formatReport(first, { limit: 12 }));
  console.log(`peak-ish rss: ${Math.round(process.memoryUsage().rss / 1e6)} MB (start ${Math.round(rss0 / 1e6)} MB)`);
  const second = await ingest(args, engine, { fields, where, progress: false });
  console.log(`== second run: ${second.ingested} ingested, ${second.unchanged} unchanged, ${second.removed} removed, ${second.failed.length} failed in ${second.ms} ms`);
} finally {
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
}
