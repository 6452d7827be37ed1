/**
 * OCR of image-only PDF pages with Debian's command-line tools (no native Node binding):
 * - poppler-utils `pdftoppm` renders one page to a grayscale PNG (300 dpi by default);
 * - tesseract-ocr with the Vietnamese model (`tesseract-ocr-vie`, `-l vie`) recognises it and prints
 *   TSV (one row per word with its confidence 0–100), from which the page text is rebuilt: words of a
 *   line joined by spaces, lines by "\n", paragraphs and blocks by a blank line (tesseract's own layout).
 * Pages are recognised in one process-wide pool of size = CPU cores (each tesseract runs one thread:
 * OMP_THREAD_LIMIT=1), shared by every file being ingested, so several scanned files at once never
 * start more than `cores` recognisers. Every child process has a timeout and a bound on its output.
 * When the tools are missing, ocrAvailability() says which, and OCR_INSTALL_HINT says how to get them.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export const OCR_PACKAGES = ['tesseract-ocr', 'tesseract-ocr-vie', 'poppler-utils'] as const;
export const OCR_INSTALL_HINT = `install ${OCR_PACKAGES.join(', ')} (Debian/Ubuntu: apt-get install -y ${OCR_PACKAGES.join(' ')})`;

export interface OcrOptions {
  /** Tesseract language model(s). Default 'vie'. */
  lang?: string;
  /** Rendering resolution. Default 300 dpi (tesseract's recommended input). */
  dpi?: number;
  /** Time allowed for rendering and for recognising one page, each. Default 120 s. */
  pageTimeoutMs?: number;
  /** Called after each page: pages done so far, pages asked for. */
  onProgress?: (done: number, total: number) => void;
}

export interface OcrPage {
  /** 1-based page number. */
  page: number;
  text: string;
  /** Mean word confidence reported by tesseract, 0–100 (0 when no word was found). */
  confidence: number;
  words: number;
}

export interface OcrResult {
  /** "tesseract 5.3.0 (vie)". */
  engine: string;
  pages: OcrPage[];
  ms: number;
}

// ---------------------------------------------------------------------------------------------
// Child processes

/** Output above this many bytes kills the child (a 300-dpi page of TSV is ~100 KB; a PNG a few MB, written to a file). */
const MAX_OUTPUT = 16 * 1024 * 1024;

export interface RunResult { stdout: string; stderr: string }

/**
 * Run a command without a shell; reject on a non-zero exit, on timeout (the child is killed) and when
 * stdout or stderr exceed maxBytes. Errors name the command and the reason.
 */
export function run(cmd: string, args: string[], opts: { timeoutMs: number; maxBytes?: number; env?: NodeJS.ProcessEnv }): Promise<RunResult> {
  const max = opts.maxBytes ?? MAX_OUTPUT;
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: opts.env ?? process.env });
    const out: Buffer[] = []; const err: Buffer[] = [];
    let size = 0; let failed: Error | undefined;
    const stop = (e: Error) => { if (!failed) { failed = e; child.kill('SIGKILL'); } };
    const timer = setTimeout(() => stop(new Error(`${cmd} timed out after ${opts.timeoutMs} ms`)), opts.timeoutMs);
    const take = (into: Buffer[]) => (b: Buffer) => {
      size += b.length;
      if (size > max) stop(new Error(`${cmd} printed more than ${max} bytes`));
      else into.push(b);
    };
    child.stdout.on('data', take(out));
    child.stderr.on('data', take(err));
    child.on('error', (e) => { clearTimeout(timer); reject(failed ?? e); });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const stderr = Buffer.concat(err).toString('utf8');
      if (failed) return reject(failed);
      if (code !== 0) return reject(new Error(`${cmd} exited with ${code ?? signal}: ${stderr.trim().split('\n').slice(-2).join(' ') || '(no message)'}`));
      resolve({ stdout: Buffer.concat(out).toString('utf8'), stderr });
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Availability

/** `osd`: the orientation model is installed (tesseract-ocr-osd, a dependency of tesseract-ocr), so pages are segmented with orientation detection (--psm 1). */
export type OcrAvailability = { ok: true; engine: string; osd: boolean } | { ok: false; reason: string };

const availability = new Map<string, Promise<OcrAvailability>>();

/** Whether pdftoppm and tesseract with the language model are installed (checked once per process and language). */
export function ocrAvailability(lang = 'vie'): Promise<OcrAvailability> {
  let p = availability.get(lang);
  if (!p) {
    p = (async (): Promise<OcrAvailability> => {
      const missing: string[] = [];
      let version = '';
      let osd = false;
      try {
        const v = await run('tesseract', ['--version'], { timeoutMs: 10_000 });
        version = /tesseract\s+v?([\d.]+)/i.exec(v.stdout + v.stderr)?.[1] ?? '';
        const langs = await run('tesseract', ['--list-langs'], { timeoutMs: 10_000 });
        const have = new Set((langs.stdout + langs.stderr).split('\n').map((l) => l.trim()));
        for (const l of lang.split('+')) if (!have.has(l)) missing.push(`tesseract language "${l}" (tesseract-ocr-${l})`);
        osd = have.has('osd');
      } catch {
        missing.push('tesseract (tesseract-ocr)');
      }
      try {
        await run('pdftoppm', ['-v'], { timeoutMs: 10_000 });
      } catch {
        missing.push('pdftoppm (poppler-utils)');
      }
      if (missing.length) return { ok: false, reason: `OCR tools missing: ${missing.join(', ')}` };
      return { ok: true, engine: `tesseract ${version || '?'} (${lang})`, osd };
    })();
    availability.set(lang, p);
  }
  return p;
}

// ---------------------------------------------------------------------------------------------
// The pool: at most `cores` pages are being rendered or recognised at once, process-wide.

const POOL_SIZE = Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
let active = 0;
const waiting: (() => void)[] = [];

async function inPool<T>(task: () => Promise<T>): Promise<T> {
  if (active >= POOL_SIZE) await new Promise<void>((r) => waiting.push(r));
  else active++;
  try {
    return await task();
  } finally {
    const next = waiting.shift();
    if (next) next(); // the slot passes on
    else active--;
  }
}

/** Size of the page pool (CPU cores). */
export const OCR_POOL_SIZE = POOL_SIZE;

// ---------------------------------------------------------------------------------------------
// TSV → text

/**
 * Tesseract TSV (level, page_num, block_num, par_num, line_num, word_num, left, top, width, height,
 * conf, text) → the page text and its mean word confidence. Rows of level 5 are words; a word's
 * position in the layout is its (block, par, line).
 */
export function tsvToText(tsv: string): { text: string; confidence: number; words: number } {
  const lines: string[] = [];
  let cur: string[] = [];
  let lineKey = ''; let parKey = '';
  let confSum = 0; let words = 0;
  const flush = () => { if (cur.length) lines.push(cur.join(' ')); cur = []; };
  for (const row of tsv.split('\n')) {
    const f = row.split('\t');
    if (f.length < 12 || f[0] !== '5') continue;
    const word = f.slice(11).join('\t').trim();
    if (!word) continue;
    const conf = Number(f[10]);
    const par = `${f[2]}:${f[3]}`;
    const line = `${par}:${f[4]}`;
    if (line !== lineKey) {
      flush();
      if (parKey && par !== parKey) lines.push('');
      lineKey = line; parKey = par;
    }
    cur.push(word);
    if (Number.isFinite(conf) && conf >= 0) { confSum += conf; words++; }
  }
  flush();
  return { text: lines.join('\n'), confidence: words ? Math.round((confSum / words) * 10) / 10 : 0, words };
}

// ---------------------------------------------------------------------------------------------
// PDF pages → text

/**
 * Render and recognise the given pages (1-based) of a PDF. The bytes are written to a private temporary
 * folder (removed afterwards); each page goes through the shared pool. Throws when a page fails
 * (the error names the page and the tool).
 */
export async function ocrPdfPages(bytes: Buffer, pages: number[], opts: OcrOptions = {}): Promise<OcrResult> {
  const lang = opts.lang ?? 'vie';
  const dpi = opts.dpi ?? 300;
  const timeoutMs = opts.pageTimeoutMs ?? 120_000;
  const avail = await ocrAvailability(lang);
  if (!avail.ok) throw new Error(`${avail.reason}; ${OCR_INSTALL_HINT}`);
  const t0 = performance.now();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'policy-ocr-'));
  // One thread per tesseract: the pool supplies the parallelism.
  const env = { ...process.env, OMP_THREAD_LIMIT: '1' };
  try {
    const pdf = path.join(dir, 'in.pdf');
    await writeFile(pdf, bytes);
    let done = 0;
    const results = await Promise.all(pages.map((page) => inPool(async (): Promise<OcrPage> => {
      const base = path.join(dir, `p${page}`);
      try {
        await run('pdftoppm', ['-r', String(dpi), '-gray', '-png', '-singlefile', '-f', String(page), '-l', String(page), pdf, base], { timeoutMs, env });
        // --psm 1 (automatic layout with orientation detection) reads landscape table pages turned on
        // the sheet, which the default --psm 3 turns into noise (eval:ocr: one such page 0.18 → see README).
        const psm = avail.osd ? ['--psm', '1'] : [];
        const { stdout } = await run('tesseract', [`${base}.png`, 'stdout', '-l', lang, ...psm, 'tsv'], { timeoutMs, env });
        const r = tsvToText(stdout);
        return { page, ...r };
      } catch (e) {
        throw new Error(`OCR of page ${page} failed: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
      } finally {
        await rm(`${base}.png`, { force: true }).catch(() => undefined);
        opts.onProgress?.(++done, pages.length);
      }
    })));
    return { engine: avail.engine, pages: results, ms: Math.round(performance.now() - t0) };
  } finally {
    await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}

