/**
 * Bounded ingest (ingest/limits.ts, src/config.ts IngestLimits): each bound fails one file or record
 * with 'limit_exceeded' and a reason naming the bound, and the run goes on. The last case is the
 * whole CLI in a child process on generated inputs: a DOCX inflating to ~700 MB and a JSONL with one
 * 300 MB line among good records, with the child's peak RSS measured.
 */
import { execFile } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { extractDocx } from '../../ingest/extract/docx.js';
import { checkZipInflation } from '../../ingest/extract/zip.js';
import { DEFAULT_INGEST_LIMITS, resolveLimits } from '../../ingest/limits.js';
import { ingest } from '../../ingest/runner.js';
import { readJsonl, readLines } from '../../ingest/sources/jsonl.js';
import { loadConfig } from '../../src/config.js';
import { AppError } from '../../src/errors.js';
import { repoRoot, tempDir } from './fixtures.js';
import { MemoryEngine } from './memory-engine.js';
import { makeDocx, writeBigDocx } from './zip-fixtures.js';

const MB = 1024 * 1024;
const ARTICLE = 'Điều 1. Phạm vi điều chỉnh\nThông tư này quy định về đánh giá học sinh trung học cơ sở.\n\nĐiều 2. Đối tượng áp dụng\nThông tư này áp dụng đối với các trường trung học.';

let dir: string;
let cleanup: () => void;
beforeEach(() => { ({ dir, cleanup } = tempDir('limits-test-')); });
afterEach(() => cleanup());

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const r = await p.then(() => null, (e: unknown) => e);
  expect(r).toBeInstanceOf(AppError);
  return r as AppError;
}

async function lines(chunks: (string | Buffer)[], max: number) {
  const out = [];
  for await (const l of readLines(Readable.from(chunks), max)) out.push(l);
  return out;
}

describe('readLines: bounded line splitting', () => {
  it('splits on \\n across chunks, drops \\r, decodes UTF-8 split between chunks', async () => {
    const bytes = Buffer.from('một\r\nhai\n\nba');
    const cut = bytes.indexOf(Buffer.from('ộ')) + 1; // inside the three bytes of "ộ"
    expect(await lines([bytes.subarray(0, cut), bytes.subarray(cut)], 100)).toEqual([
      { line: 1, text: 'một' }, { line: 2, text: 'hai' }, { line: 3, text: '' }, { line: 4, text: 'ba' },
    ]);
  });

  it('a line past the bound comes out as its length only; the lines around it are intact', async () => {
    const long = 'x'.repeat(50);
    const out = await lines(['ok1\n', long.slice(0, 20), long.slice(20), '\nok2\n', 'y'.repeat(11)], 10);
    expect(out).toEqual([{ line: 1, text: 'ok1' }, { line: 2, tooLong: 50 }, { line: 3, text: 'ok2' }, { line: 4, tooLong: 11 }]);
  });

  it('a line of exactly the bound is kept', async () => {
    expect(await lines(['abcdefghij\n'], 10)).toEqual([{ line: 1, text: 'abcdefghij' }]);
  });
});

describe('readJsonl: a too-long line is an error item with its line number', () => {
  it('reports line 2 with the limit and reads lines 1 and 3', async () => {
    const file = path.join(dir, 'r.jsonl');
    writeFileSync(file, [JSON.stringify({ id: 'a', text: ARTICLE }), JSON.stringify({ id: 'big', text: 'z'.repeat(5000) }), JSON.stringify({ id: 'b', text: ARTICLE })].join('\n'));
    const items = [];
    for await (const it of readJsonl(file, { maxLineBytes: 1024 })) items.push(it);
    expect(items.map((i) => [i.type, i.line])).toEqual([['record', 1], ['error', 2], ['record', 3]]);
    const err = items[1] as { code: string; reason: string };
    expect(err.code).toBe('limit_exceeded');
    expect(err.reason).toMatch(/the line is 4\.\d kB, over the limit of 1 kB \(INGEST_MAX_LINE_MB/);
  });
});

describe('DOCX: inflated size checked while inflating', () => {
  it('a small DOCX passes the check and extracts', async () => {
    const r = await extractDocx('ok.docx', makeDocx(['Điều 1. Phạm vi điều chỉnh', 'Thông tư này quy định về đánh giá.']));
    expect(r.text).toContain('Điều 1. Phạm vi điều chỉnh');
  });

  it('a part that declares more than the limit is refused before inflating', async () => {
    const file = path.join(dir, 'big.docx');
    await writeBigDocx(file, 3 * MB);
    const e = await rejection(extractDocx(file, readFileSync(file), { limits: resolveLimits({ maxInflatedBytes: MB }) }));
    expect(e.code).toBe('limit_exceeded');
    expect(e.message).toMatch(/big\.docx: part word\/document\.xml declares 3 MB inflated .*over the limit of 1 MB \(INGEST_MAX_INFLATED_MB/);
  });

  it('a part whose header lies about its size is stopped once the inflated bytes pass the limit', async () => {
    const file = path.join(dir, 'liar.docx');
    const { inflatedBytes } = await writeBigDocx(file, 20 * MB, { declaredSize: 1000 });
    expect(inflatedBytes).toBeGreaterThan(20 * MB);
    const e = await rejection(checkZipInflation(readFileSync(file), resolveLimits({ maxInflatedBytes: MB }), 'liar.docx'));
    expect(e.code).toBe('limit_exceeded');
    expect(e.message).toMatch(/liar\.docx: part word\/document\.xml inflates past 1(\.\d)? MB \(stopped there\)/);
  });

  it('images (word/media) are neither inflated nor counted', async () => {
    const doc = makeDocx(['Điều 1. Phạm vi điều chỉnh', 'Thông tư này quy định về đánh giá.'], { media: Buffer.alloc(3 * MB) });
    const r = await extractDocx('a.docx', doc, { limits: resolveLimits({ maxInflatedBytes: MB }) });
    expect(r.text).toContain('Điều 1. Phạm vi điều chỉnh');
    // Without the skip, the same archive is over the limit.
    const e = await rejection(checkZipInflation(doc, resolveLimits({ maxInflatedBytes: MB }), 'a.docx'));
    expect(e.message).toMatch(/part word\/media\/image1\.png declares 3 MB/);
  });

  it('a damaged archive is extract_failed, not a crash', async () => {
    const doc = makeDocx(['Điều 1.']);
    const e = await rejection(checkZipInflation(doc.subarray(0, doc.length - 30), resolveLimits(), 'cut.docx'));
    expect(e.code).toBe('extract_failed');
    expect(e.message).toMatch(/^cut\.docx: /);
  });
});

describe('the runner: one file or record over a bound fails alone', () => {
  it('file size, characters and passages per document, JSONL line length', async () => {
    mkdirSync(path.join(dir, 'in'));
    writeFileSync(path.join(dir, 'in/good.txt'), ARTICLE);
    writeFileSync(path.join(dir, 'in/huge.txt'), `${ARTICLE}\n${'Nội dung. '.repeat(400)}`); // > 4 kB file
    writeFileSync(path.join(dir, 'in/long.docx'), makeDocx([ARTICLE.replace(/\n/g, ' '), 'Thêm. '.repeat(300)]));
    writeFileSync(path.join(dir, 'in/many.jsonl'), [
      JSON.stringify({ id: 'ok-1', text: ARTICLE }),
      JSON.stringify({ id: 'many-passages', text: Array.from({ length: 12 }, (_, i) => `Điều ${i + 1}. Quy định ${i + 1}\nNội dung của điều ${i + 1}.`).join('\n\n') }),
      JSON.stringify({ id: 'long-line', text: 'x '.repeat(3000) }),
      JSON.stringify({ id: 'ok-2', text: ARTICLE.replace('Phạm vi', 'Mục đích') }),
    ].join('\n'));
    const engine = new MemoryEngine();
    const report = await ingest([path.join(dir, 'in')], engine, {
      progress: false,
      limits: { maxFileBytes: 4096, maxChars: 1200, maxPassages: 5, maxLineBytes: 2048 },
    });
    const failed = Object.fromEntries(report.failed.map((f) => [path.basename(f.file), `${f.code} ${f.reason}`]));
    expect(Object.keys(failed).sort()).toEqual(['huge.txt', 'long.docx', 'many.jsonl:2', 'many.jsonl:3']);
    expect(failed['huge.txt']).toMatch(/^limit_exceeded the file is 4\.\d kB, over the limit of 4 kB/);
    expect(failed['long.docx']).toMatch(/^limit_exceeded the extracted text has 1,\d{3} characters, over the limit of 1,200/);
    expect(failed['many.jsonl:2']).toMatch(/^limit_exceeded the document has \d+ passages, over the limit of 5/);
    expect(failed['many.jsonl:3']).toMatch(/^limit_exceeded the line is 5\.\d kB, over the limit of 2 kB/);
    expect(report.ingested).toBe(3);
    expect([...engine.docs.keys()].sort()).toEqual(expect.arrayContaining(['ok-1', 'ok-2']));
  });

  it('limits come from the environment (INGEST_MAX_*) with the documented defaults', () => {
    expect(loadConfig({}).ingestLimits).toEqual(DEFAULT_INGEST_LIMITS);
    expect(loadConfig({ INGEST_MAX_FILE_MB: '2', INGEST_MAX_LINE_MB: '0.5', INGEST_MAX_PASSAGES: '7' }).ingestLimits)
      .toMatchObject({ maxFileBytes: 2 * MB, maxLineBytes: 0.5 * MB, maxPassages: 7 });
    expect(() => loadConfig({ INGEST_MAX_CHARS: 'lots' })).toThrow(/INGEST_MAX_CHARS/);
  });
});

describe('a ZIP bomb and a 300 MB JSONL line, through the CLI (child process)', () => {
  it('the run finishes, reports both with reasons, ingests the good records; peak RSS < 1 GB', async () => {
    const t0 = performance.now();
    const input = path.join(dir, 'input');
    mkdirSync(input);
    const bomb = await writeBigDocx(path.join(input, 'bomb.docx'), 700 * MB);
    const liar = await writeBigDocx(path.join(input, 'liar.docx'), 64 * MB, { declaredSize: 4096 }); // lies: stopped at 8 MB
    const fd = openSync(path.join(input, 'records.jsonl'), 'w');
    writeSync(fd, `${JSON.stringify({ id: 'good-1', text: ARTICLE })}\n`);
    writeSync(fd, '{"id": "huge", "text": "');
    const block = Buffer.alloc(MB, 'Nội dung '.padEnd(10));
    for (let i = 0; i < 300; i++) writeSync(fd, block);
    writeSync(fd, '"}\n');
    writeSync(fd, `${JSON.stringify({ id: 'good-2', text: ARTICLE.replace('Phạm vi', 'Mục đích') })}\n`);
    closeSync(fd);
    writeFileSync(path.join(input, 'good.txt'), ARTICLE.replace('Phạm vi', 'Đối tượng'));
    const made = performance.now() - t0;

    const rssFile = path.join(dir, 'rss');
    const t1 = performance.now();
    const { stdout } = await promisify(execFile)(process.execPath, [
      '--import', 'tsx', '--import', path.join(repoRoot, 'tests/ingest/rss-preload.mjs'),
      path.join(repoRoot, 'src/cli.ts'), 'ingest', input, '--no-progress',
    ], { cwd: repoRoot, env: { ...process.env, DATA_DIR: path.join(dir, 'data'), RSS_REPORT_FILE: rssFile, LOG_LEVEL: 'silent' }, timeout: 120_000, maxBuffer: 16 * MB });
    const ran = performance.now() - t1;
    const rss = Number(readFileSync(rssFile, 'utf8'));
    console.log(`[limits] generated bomb.docx ${(bomb.fileBytes / MB).toFixed(1)} MB → ${(bomb.inflatedBytes / MB).toFixed(0)} MB inflated, liar.docx ${(liar.fileBytes / MB).toFixed(1)} MB, records.jsonl 300 MB line in ${(made / 1000).toFixed(1)} s; ingest ran ${(ran / 1000).toFixed(1)} s, peak RSS ${(rss / MB).toFixed(0)} MB`);

    expect(stdout).toMatch(/Ingested 3 documents/);
    expect(stdout).toMatch(/bomb\.docx {2}\[limit_exceeded\] part word\/document\.xml declares 70\d\.\d MB inflated .*over the limit of 8 MB/);
    expect(stdout).toMatch(/liar\.docx {2}\[limit_exceeded\] part word\/document\.xml inflates past 8(\.\d)? MB \(stopped there\)/);
    expect(stdout).toMatch(/records\.jsonl:2 {2}\[limit_exceeded\] the line is 300 MB, over the limit of 16 MB/);
    expect(stdout).toMatch(/Failures by code: limit_exceeded 3\./);
    expect(rss).toBeLessThan(1024 * MB);
    expect(ran).toBeLessThan(120_000);
  }, 240_000);
});
