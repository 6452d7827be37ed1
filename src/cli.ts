/**
 * policy-search CLI: the one place that wires config, engines, ingest and the HTTP service.
 *   policy-search ingest <paths…> [--fields a=b,…] [--where lang=vi] [--strict]
 *   policy-search serve [--ingest-corpus]
 *   policy-search search <query> [--json]
 *   policy-search parse <file>
 *   policy-search refs [--jsonl FILE --field NAME]
 *   policy-search stats
 *   policy-search reindex --from sqlite --to meilisearch
 */
import { Command, Option } from 'commander';
import { readFile } from 'node:fs/promises';
import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import { loadConfig, ConfigError, type Config, type IngestLimits } from './config.js';
import type { SearchEngine } from './engine/types.js';
import { createSqliteEngine, sqliteFile } from './engine/sqlite/index.js';
import { findReferences, isoDate } from './refs/index.js';
import cliProgress from 'cli-progress';
import { createGunzip } from 'node:zlib';
import { snippetSegments } from './web/widget/snippet.js';
import { docLink } from './service/links.js';

// Heavy modules (extractors, the HTTP app) load only in the commands that need them: `search`,
// `refs` and `stats` start fast.
const loadIngest = () => import('../ingest/runner.js');

/** Extract and parse one file (ingest/document.ts): what `parse` prints and what an admin upload stores. */
async function readDocument(name: string, bytes: Buffer, docPath: string, limits: IngestLimits) {
  const { readDocument: read } = await import('../ingest/document.js');
  const { parsed, extractNotes } = await read(name, bytes, { path: docPath }, undefined, { limits });
  return { parsed, notes: [...extractNotes, ...parsed.notes] };
}

async function openEngine(config: Config, which: 'sqlite' | 'meilisearch' = config.engine, opts: { serve?: boolean } = {}): Promise<SearchEngine> {
  let engine: SearchEngine;
  if (which === 'meilisearch') {
    if (!config.meili) throw new ConfigError('MEILI_HOST is required for the meilisearch engine');
    const { createMeiliEngine } = await import('./engine/meili/index.js');
    engine = createMeiliEngine({ host: config.meili.host, apiKey: config.meili.apiKey, indexPrefix: config.meili.indexPrefix });
  } else if (opts.serve && config.searchWorkers !== 0) {
    // Serving: reads in worker threads (bounded queue → 503), writes and health in this thread.
    const { SqlitePool } = await import('./engine/sqlite/pool.js');
    engine = new SqlitePool({ file: sqliteFile(config.dataDir), checkpointMs: 60_000, workers: config.searchWorkers, maxQueue: config.searchQueue });
  } else {
    engine = createSqliteEngine({ dataDir: config.dataDir });
  }
  await engine.init();
  return engine;
}

function fail(err: unknown): never {
  if (err instanceof ConfigError) console.error(err.message);
  else console.error(`policy-search: ${(err as Error)?.message ?? err}`);
  process.exit(err instanceof ConfigError ? 78 : 1);
}

const program = new Command();
program.name('policy-search').description('Search and citation lookup over Vietnamese policy documents').showHelpAfterError();

program.command('ingest')
  .description('Ingest files, folders and JSONL exports into the configured engine (only changed files are re-read)')
  .argument('<paths...>', 'files or folders (.txt .html .pdf .docx .doc .jsonl .jsonl.gz)')
  .option('--fields <map>', 'map JSONL field names, e.g. number=so_ky_hieu_guess,issuedAt=ngay_ban_hanh_guess')
  .option('--where <filter>', 'keep only JSONL records where field=value (comma-separated, all must hold)')
  .option('--strict', 'exit with status 1 when any file fails')
  .option('--force', 're-read every file, even unchanged ones')
  .option('--no-progress', 'no progress bar')
  .option('--no-ocr', 'do not OCR scanned PDF pages (they are reported as no_text_layer)')
  .option('--max-file-mb <n>', 'largest file read (MB; default INGEST_MAX_FILE_MB or 32)')
  .option('--max-inflated-mb <n>', 'most bytes inflated from one DOCX, all parts together (MB; default INGEST_MAX_INFLATED_MB or 8)')
  .option('--max-chars <n>', 'most characters of text per document (default INGEST_MAX_CHARS or 3000000)')
  .option('--max-passages <n>', 'most passages per document (default INGEST_MAX_PASSAGES or 20000)')
  .option('--max-line-mb <n>', 'longest JSONL line (MB; default INGEST_MAX_LINE_MB or 16)')
  .action(async (paths: string[], opts) => {
    const { ingest, formatReport, parseFieldMap, parseWhere } = await loadIngest();
    // The options are the INGEST_MAX_* variables for this run: one validation, one set of messages.
    const config = loadConfig({
      ...process.env,
      ...(opts.maxFileMb ? { INGEST_MAX_FILE_MB: opts.maxFileMb } : {}),
      ...(opts.maxInflatedMb ? { INGEST_MAX_INFLATED_MB: opts.maxInflatedMb } : {}),
      ...(opts.maxChars ? { INGEST_MAX_CHARS: opts.maxChars } : {}),
      ...(opts.maxPassages ? { INGEST_MAX_PASSAGES: opts.maxPassages } : {}),
      ...(opts.maxLineMb ? { INGEST_MAX_LINE_MB: opts.maxLineMb } : {}),
    });
    const engine = await openEngine(config);
    try {
      const report = await ingest(paths, engine, {
        fields: opts.fields ? parseFieldMap(opts.fields) : undefined,
        where: opts.where ? parseWhere(opts.where) : undefined,
        strict: !!opts.strict,
        force: !!opts.force,
        ocr: opts.ocr !== false,
        progress: opts.progress !== false && process.stderr.isTTY,
        limits: config.ingestLimits,
      });
      console.log(formatReport(report));
      if (opts.strict && report.failed.length) process.exitCode = 1;
    } finally {
      await engine.close();
    }
  });

program.command('serve')
  .description('Serve the search API and pages')
  .option('--ingest-corpus', 'first ingest CORPUS_DIR (default ./corpus) when the index is missing or stale')
  .addOption(new Option('-p, --port <port>', 'port (default PORT or 3000)'))
  .action(async (opts) => {
    const config = loadConfig(opts.port ? { ...process.env, PORT: String(opts.port) } : process.env);
    const { createLogger } = await import('./api/log.js');
    const logger = createLogger(config.logLevel);
    const engine = await openEngine(config, config.engine, { serve: true });
    if (opts.ingestCorpus && existsSync(config.corpusDir)) {
      const { ingest } = await loadIngest();
      const report = await ingest([config.corpusDir], engine, { progress: process.stderr.isTTY, limits: config.ingestLimits });
      for (const f of report.failed) logger.warn({ file: f.file, code: f.code }, `ingest: ${f.reason}`);
      logger.info({
        corpus: config.corpusDir, ingested: report.ingested, unchanged: report.unchanged, removed: report.removed, failed: report.failed.length,
        documents: report.documents, passages: report.passages, ms: report.ms,
      }, 'corpus ingested');
    }
    const { createApp } = await import('./server.js');
    const { Metrics, createMetricsServer } = await import('./api/metrics.js');
    const metrics = new Metrics();
    let upload: Promise<ReturnType<typeof import('../ingest/upload.js')['createUploadIngest']>> | undefined;
    const loadUpload = () => (upload ??= import('../ingest/upload.js').then((m) => m.createUploadIngest(engine, config.ingestLimits)));
    const app = createApp(config, engine, {
      logger,
      metrics,
      // Uploads go through ingest/ like any file; its extractors load on the first upload.
      ingestFile: async (name, bytes) => (await loadUpload()).ingestFile(name, bytes),
      ingestRecord: async (rec) => (await loadUpload()).ingestRecord(rec),
    });
    const server = app.listen(config.port, config.host, () => {
      const addr = server.address();
      const port = typeof addr === 'object' && addr ? addr.port : config.port;
      logger.info({ engine: engine.name, port }, `policy-search listening on http://localhost:${port}`);
    });
    const metricsServer = config.metricsPort === undefined ? undefined : createMetricsServer(metrics).listen(config.metricsPort, config.host, () => {
      logger.info({ port: config.metricsPort }, `metrics on http://localhost:${config.metricsPort}/metrics`);
    });
    const stop = () => { server.close(); metricsServer?.close(); void engine.close().finally(() => process.exit(0)); };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });

program.command('search')
  .description('Search the index from the command line')
  .argument('<query...>', 'the query')
  .option('--json', 'print the raw result as JSON')
  .option('-n, --limit <n>', 'documents to show', '10')
  .action(async (words: string[], opts) => {
    const config = loadConfig();
    const engine = await openEngine(config);
    try {
      const result = await engine.search({ q: words.join(' '), limit: Number(opts.limit) || 10 });
      if (opts.json) { console.log(JSON.stringify(result, null, 2)); return; }
      // Snippets are escaped HTML with <mark>: read them like the widget does, marks in bold.
      const plain = (s: string) => snippetSegments(s).map((x) => (x.mark ? `\x1b[1m${x.text}\x1b[0m` : x.text)).join('');
      console.log(`${result.total} documents, ${result.totalPassages} passages`);
      for (const hit of result.hits) {
        const d = hit.document;
        console.log(`\n${d.title}\n  ${[d.kind, d.number, d.issuer, d.issuedAt].filter(Boolean).join(' · ')}  ${docLink(d.id)}`);
        for (const p of hit.passages) console.log(`  - ${p.headingPath ? `[${p.headingPath}] ` : ''}${plain(p.snippet)}  #${p.anchor}`);
      }
    } finally {
      await engine.close();
    }
  });

program.command('parse')
  .description('Parse one file and print the document (metadata, passages, references) as JSON')
  .argument('<file>')
  .action(async (file: string) => {
    const { parsed, notes } = await readDocument(file, await readFile(file), path.resolve(file), loadConfig().ingestLimits);
    console.log(JSON.stringify({ ...parsed, notes }, null, 2));
  });

program.command('refs')
  .description('Print every reference found in text on stdin (or in a JSONL field) as JSON lines')
  .option('--jsonl <file>', 'read records from a JSONL file (.gz accepted) instead of stdin')
  .option('--field <name>', 'the record field holding the text', 'text')
  .option('--id-field <name>', 'the record field holding the id', 'id')
  .option('--date <YYYY-MM-DD>', "the citing document's date: a law cited by name without its own date means the version in force then")
  .option('--date-field <name>', "with --jsonl: the record field holding each record's date (ISO or dd/mm/yyyy); --date is the fallback")
  .action(async (opts) => {
    const date = opts.date === undefined ? undefined : isoDate(opts.date);
    if (opts.date !== undefined && !date) throw new Error(`--date: "${opts.date}" is not a date (YYYY-MM-DD or dd/mm/yyyy)`);
    const print = (r: ReturnType<typeof findReferences>[number], id?: unknown) => {
      const { raw, start, end, canonical, kind, number, pinpoint, relation, candidates } = r;
      process.stdout.write(JSON.stringify({ ...(id !== undefined ? { id } : {}), raw, start, end, canonical, kind, number, pinpoint, relation, candidates, ...(r.self ? { self: true } : {}) }) + '\n');
    };
    if (!opts.jsonl) {
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      for (const r of findReferences(Buffer.concat(chunks).toString('utf8'), { date })) print(r);
      return;
    }
    let input: NodeJS.ReadableStream = createReadStream(opts.jsonl);
    if (opts.jsonl.endsWith('.gz')) input = input.pipe(createGunzip());
    const { readLines } = await import('../ingest/sources/jsonl.js');
    const maxLine = loadConfig().ingestLimits.maxLineBytes;
    for await (const item of readLines(input as AsyncIterable<Buffer>, maxLine)) {
      const line = item.line;
      if ('tooLong' in item) { console.error(`${opts.jsonl}:${line}: line of ${item.tooLong} bytes is over INGEST_MAX_LINE_MB; skipped`); continue; }
      const text = item.text;
      if (!text.trim()) continue;
      let record: Record<string, unknown>;
      try { record = JSON.parse(text); } catch (e) {
        console.error(`${opts.jsonl}:${line}: not valid JSON (${(e as Error).message})`);
        continue;
      }
      const value = record[opts.field];
      if (typeof value !== 'string') continue;
      const recDate = opts.dateField ? isoDate(String(record[opts.dateField] ?? '')) ?? date : date;
      for (const r of findReferences(value, { date: recDate })) print(r, record[opts.idField] ?? line);
    }
  });

program.command('reindex')
  .description('Copy every document from one engine into another (into fresh indexes swapped in at the end when the target supports it), then check the counts')
  .addOption(new Option('--from <engine>', 'source engine').choices(['sqlite', 'meilisearch']).default('sqlite'))
  .addOption(new Option('--to <engine>', 'target engine').choices(['sqlite', 'meilisearch']).default('meilisearch'))
  .action(async (opts) => {
    if (opts.from === opts.to) throw new Error('--from and --to must name different engines');
    const config = loadConfig();
    const from = await openEngine(config, opts.from);
    const to = await openEngine(config, opts.to);
    const { reindex } = await import('./engine/reindex.js');
    const total = (await from.stats()).documents;
    const bar = process.stderr.isTTY ? new cliProgress.SingleBar({ format: 'reindex [{bar}] {value}/{total} documents · {phase}', stream: process.stderr }, cliProgress.Presets.shades_classic) : null;
    bar?.start(total, 0, { phase: 'copy' });
    try {
      const r = await reindex(from, to, { progress: (p) => bar?.update(p.documents, { phase: p.phase }) });
      bar?.stop();
      console.log(`Reindexed ${r.documents} documents (${r.passages} passages) from ${opts.from} to ${opts.to}; counts match.`);
    } finally {
      bar?.stop();
      await from.close();
      await to.close();
    }
  });

program.command('stats')
  .description('Counts of documents, passages and references in the index')
  .action(async () => {
    const config = loadConfig();
    const engine = await openEngine(config);
    try { console.log(JSON.stringify(await engine.stats(), null, 2)); } finally { await engine.close(); }
  });

program.parseAsync(process.argv).catch(fail);
