/**
 * Helpers shared by the search benchmarks and evaluations (scripts only): where /work/shared is,
 * a seeded PRNG, percentiles, gzipped JSONL records, cached index builds.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const sharedRoot = path.resolve(repoRoot, '../shared');
export const corpusRoot = path.join(sharedRoot, 'corpus');

/** Exit 0 with a clear message when the shared data is absent (CI without /work/shared). */
export function requireShared(what: string, files: string[]): void {
  const missing = files.filter((f) => !existsSync(f));
  if (missing.length) {
    console.log(`[${what}] skipped: shared data not found (${missing.join(', ')}); expected ${sharedRoot}`);
    process.exit(0);
  }
}

/** A numeric command-line option (`--rounds 5`), or `dflt` when it is absent. */
export function numArg(name: string, dflt: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? dflt : Number(process.argv[i + 1]);
}

/** mulberry32: small, fast, reproducible. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every record of a gzipped JSONL file, read at once (the shared corpora are small enough). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- records of several crawlers: each script reads its own fields
export function readJsonlGz(file: string): any[] {
  return gunzipSync(readFileSync(file)).toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

export function pick<T>(r: () => number, list: T[]): T {
  return list[Math.floor(r() * list.length)];
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export function stats(ms: number[]): { p50: number; p95: number; max: number; mean: number } {
  const s = [...ms].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p95: percentile(s, 95), max: s[s.length - 1], mean: s.reduce((a, b) => a + b, 0) / s.length };
}

export const fmt = (n: number, d = 2) => (Number.isFinite(n) ? n.toFixed(d) : String(n));
export const mb = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MB`;
/** The machine's 1/5/15-minute load averages, one decimal each ("0.9 2.4 6.6"): printed beside every timing. */
export const loadAvg = (sep = ' ') => os.loadavg().map((x) => x.toFixed(1)).join(sep);

/** Hash of inputs that decide an index's content: data files (size + mtime) and extra strings (code fingerprints, versions). */
export function inputsHash(files: string[], extra: string[]): string {
  const h = createHash('sha256');
  for (const f of files) { const st = statSync(f); h.update(`${f}:${st.size}:${st.mtimeMs}\n`); }
  for (const e of extra) h.update(e);
  return h.digest('hex').slice(0, 16);
}

/**
 * A database file built once per inputs hash under the OS temp dir: `build(tmpFile)` fills a fresh
 * file; it is renamed into place only when complete, so an interrupted build is never reused. Each
 * process builds into its own file, so two benchmarks starting at once on the same inputs both finish
 * (the second rename replaces an identical index); files left by builds whose process is gone are removed.
 */
export async function cachedIndex(name: string, hash: string, build: (file: string) => Promise<void>): Promise<{ file: string; built: boolean }> {
  const dir = path.join(os.tmpdir(), 'policy-search-bench', `${name}-${hash}`);
  const file = path.join(dir, 'index.sqlite');
  if (existsSync(path.join(dir, 'DONE')) && existsSync(file)) return { file, built: false };
  mkdirSync(dir, { recursive: true });
  for (const f of readdirSync(dir)) {
    const pid = /^building-(\d+)\.sqlite/.exec(f)?.[1];
    if (pid && !alive(Number(pid))) rmSync(path.join(dir, f), { force: true });
  }
  const tmp = path.join(dir, `building-${process.pid}.sqlite`);
  await build(tmp);
  for (const ext of ['-wal', '-shm']) rmSync(tmp + ext, { force: true });
  renameSync(tmp, file);
  writeFileSync(path.join(dir, 'DONE'), new Date().toISOString());
  return { file, built: true };
}

function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch (e) { return (e as NodeJS.ErrnoException).code === 'EPERM'; }
}
