/**
 * An admin upload while a CLI ingest writes into the same DATA_DIR (issue 14): a real second process
 * (`policy-search ingest --force` of a JSONL file, its own writer connection) holds SQLite's write lock
 * in bursts while the server (the worker pool, as `serve` runs it, with a short busy timeout so the
 * lock is often still held when it expires) answers uploads over HTTP. Every upload answers 201, or 503
 * with Retry-After when the lock was not released in time; never 500. Bounded: one ingest of
 * N_RECORDS records, uploads from its first write to its exit (at most MAX_UPLOADS).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Server } from 'node:http';
import { createApp } from '../../src/server.js';
import { loadConfig } from '../../src/config.js';
import { SqlitePool } from '../../src/engine/sqlite/pool.js';
import { createUploadIngest } from '../../ingest/upload.js';
import { REPO_ROOT } from '../helpers.js';

const ADMIN = 'admin-token-upload-during-ingest';
const N_RECORDS = 600;
/** Below the admin limit of 600 requests per minute per token (src/api/admin.ts). */
const MAX_UPLOADS = 300;

let dir: string;
let pool: SqlitePool;
let server: Server;
let base: string;

/** A record with 12 articles, so the ingest writes many passages per batch. */
function record(i: number): string {
  const articles = Array.from({ length: 12 }, (_, k) => `Điều ${k + 1}. Nội dung thử nghiệm ghi đồng thời số ${i} điều ${k + 1}: cơ sở giáo dục thực hiện báo cáo định kỳ theo quy định hiện hành.`).join('\n');
  return JSON.stringify({ id: `cli-${i}`, title: `Công văn thử nghiệm ${i}`, kind: 'công văn', issuer: 'Sở Giáo dục và Đào tạo Sơn La', issuedAt: '2024-03-01', text: `CÔNG VĂN\nVề việc thử nghiệm ${i}\n${articles}` });
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'upload-during-ingest-'));
  writeFileSync(path.join(dir, 'records.jsonl'), Array.from({ length: N_RECORDS }, (_, i) => record(i)).join('\n') + '\n');
  const dataDir = path.join(dir, 'data');
  const config = loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: dataDir, ADMIN_TOKEN: ADMIN, RATE_PER_MINUTE_IP: '1000000' });
  pool = new SqlitePool({ file: path.join(dataDir, 'policy-search.sqlite'), workers: 1, checkpointMs: 0, busyTimeoutMs: 20 });
  await pool.init();
  const upload = createUploadIngest(pool, config.ingestLimits);
  const app = createApp(config, pool, { ingestFile: upload.ingestFile, ingestRecord: upload.ingestRecord });
  server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await pool?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('admin upload during a CLI ingest into the same DATA_DIR', () => {
  it('answers 201 or 503 + Retry-After, never 500', async () => {
    const cli = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'src/cli.ts'), 'ingest', path.join(dir, 'records.jsonl'), '--force', '--no-progress'], {
      cwd: REPO_ROOT, env: { ...process.env, DATA_DIR: path.join(dir, 'data'), LOG_LEVEL: 'silent' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    cli.stdout.on('data', (c) => { output += c; });
    cli.stderr.on('data', (c) => { output += c; });
    const exited = new Promise<number | null>((r) => cli.once('exit', r));
    let running = true;
    void exited.then(() => { running = false; });

    const statuses = new Map<number, number>();
    const problems: string[] = [];
    let duringIngest = 0;
    const cliWrote = async () => ((await fetch(`${base}/api/search?q=${encodeURIComponent('thử nghiệm ghi đồng thời')}&limit=1`).then((r) => r.json())) as { total: number }).total > 0;
    // the CLI starts (tsx) and writes its first batch; then upload until it is done
    while (running && !(await cliWrote())) await new Promise((r) => setTimeout(r, 50));
    for (let n = 0; n < MAX_UPLOADS && running; n++) {
      const res = await fetch(`${base}/api/admin/documents`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ id: `upload-${n}`, text: `CÔNG VĂN\nVề việc tải lên ${n}\nĐiều 1. Văn bản tải lên trong khi nhập dữ liệu số ${n}.`, kind: 'công văn' }),
      });
      const body = await res.text();
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status !== 201 && res.status !== 503) problems.push(`${res.status}: ${body.slice(0, 200)}`);
      if (res.status === 503 && !res.headers.get('retry-after')) problems.push('503 without Retry-After');
      if (running) duringIngest++;
    }
    const code = await exited;
    console.log(`uploads: ${JSON.stringify(Object.fromEntries(statuses))} (${duringIngest} while the CLI was writing)`);
    expect(problems).toEqual([]);
    expect(code, output).toBe(0);
    // uploads really overlapped the other process's writes
    expect(duringIngest, `statuses ${JSON.stringify([...statuses])}`).toBeGreaterThan(3);
    expect(statuses.get(201) ?? 0).toBeGreaterThan(0);
  }, 180_000);
});
