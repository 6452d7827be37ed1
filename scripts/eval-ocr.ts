/**
 * npm run eval:ocr — how well and how fast the OCR of scanned pages works (ingest/extract/ocr.ts).
 *
 * The TEXT PDFs of ../shared/corpus/pdf-samples are rendered to images and recognised exactly as a
 * scanned page is at ingest (pdftoppm 300 dpi gray → tesseract -l vie, pool of size = cores); each page's
 * OCR text is compared with the same page's text layer (ingest/extract/pdf.ts with OCR off).
 * - character accuracy = 1 − CER, CER = Levenshtein distance / reference length, both texts NFC with
 *   every run of whitespace made one space (layout is not judged; reading order is);
 * - word recall = share of the reference's words (folded: lowercase, no diacritics) found in the OCR
 *   text's words (bag of words: what search needs);
 * - pages per second, wall clock, for the whole run (render + recognise; `cores` pages at a time).
 * Pages: the middle page of each text PDF (page 1 often carries the digital-signature stamp, which
 * the image shows and the text layer does not), or `--pages N` evenly spread pages per file.
 * Totals are over all characters (micro average); the per-file table shows each page.
 *
 *   npm run eval:ocr [-- --pages 1 --files 30 --dpi 300]
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { distance } from 'fastest-levenshtein';
import { extractPdf, OCR_INSTALL_HINT, OCR_POOL_SIZE, ocrAvailability, ocrPdfPages, PAGE_SEPARATOR } from '../ingest/index.js';
import { fold } from '../src/text/fold.js';
import { corpusRoot, loadAvg, numArg, requireShared } from './lib/bench-util.js';

const dir = path.join(corpusRoot, 'pdf-samples');
requireShared('eval-ocr', [path.join(dir, 'manifest.csv')]);
const PAGES = numArg('pages', 1);
const FILES = numArg('files', 1000);
const DPI = numArg('dpi', 300);

const avail = await ocrAvailability();
if (!avail.ok) {
  console.error(`eval-ocr: ${avail.reason}; ${OCR_INSTALL_HINT}`);
  process.exit(1);
}

/** manifest.csv rows whose text_layer is "yes" (file names hold no commas; the notes column is last). */
const files = readFileSync(path.join(dir, 'manifest.csv'), 'utf8').split('\n').slice(1).filter(Boolean)
  .map((l) => l.split(','))
  .filter((c) => c[0].endsWith('.pdf') && c[11] === 'yes')
  .map((c) => path.join(dir, c[0]))
  .sort()
  .slice(0, FILES);

const norm = (s: string) => s.normalize('NFC').replace(/\s+/gu, ' ').trim();
const words = (s: string) => fold(s).split(/[^\p{L}\p{N}]+/u).filter(Boolean);

interface Row { file: string; page: number; refChars: number; edits: number; recall: number; confidence: number }
const rows: Row[] = [];
let refWordsTotal = 0; let foundWordsTotal = 0;
let pagesDone = 0; let ocrMs = 0;

console.log(`eval:ocr — ${avail.engine}, ${avail.osd ? "--psm 1 (layout with orientation detection)" : "--psm 3"}, ${DPI} dpi, ${OCR_POOL_SIZE} page(s) at a time; ${files.length} text PDFs of pdf-samples, ${PAGES} page(s) each`);
const t0 = performance.now();
// 1. Text layers (single-threaded pdf.js), 2. all chosen pages of all files OCR'd at once through the
// pool (so `cores` pages are in flight and the pages/s figure is the throughput ingest gets).
const jobs = [];
for (const file of files) {
  const bytes = readFileSync(file);
  const layer = await extractPdf(file, bytes, { ocr: false });
  const pages = layer.text.split(PAGE_SEPARATOR);
  const n = pages.length;
  const k = Math.min(PAGES, n);
  const pick = k === 1 ? [Math.ceil(n / 2)] : [...new Set(Array.from({ length: k }, (_, i) => 1 + Math.floor((i * n) / k)))];
  jobs.push({ file, bytes, pages, pick });
}
const t1 = performance.now();
const results = await Promise.all(jobs.map((j) => ocrPdfPages(j.bytes, j.pick, { dpi: DPI })));
ocrMs = performance.now() - t1;
jobs.forEach((j, ji) => {
  for (const p of results[ji].pages) {
    const ref = norm(j.pages[p.page - 1] ?? '');
    const hyp = norm(p.text);
    if (!ref) continue;
    const refWords = words(ref);
    const hypWords = new Map<string, number>();
    for (const w of words(hyp)) hypWords.set(w, (hypWords.get(w) ?? 0) + 1);
    let found = 0;
    for (const w of refWords) {
      const c = hypWords.get(w) ?? 0;
      if (c > 0) { found++; hypWords.set(w, c - 1); }
    }
    refWordsTotal += refWords.length; foundWordsTotal += found;
    rows.push({ file: path.basename(j.file), page: p.page, refChars: ref.length, edits: distance(ref, hyp), recall: refWords.length ? found / refWords.length : 1, confidence: p.confidence });
    pagesDone++;
  }
});
const wall = (performance.now() - t0) / 1000;

const pad = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s.padEnd(n));
console.log(`\n${pad('file', 58)} page   chars  char-acc  word-recall  tesseract-conf`);
for (const r of rows) {
  console.log(`${pad(r.file, 58)} ${String(r.page).padStart(4)} ${String(r.refChars).padStart(7)}  ${(1 - r.edits / r.refChars).toFixed(3).padStart(8)}  ${r.recall.toFixed(3).padStart(11)}  ${r.confidence.toFixed(1).padStart(14)}`);
}
const chars = rows.reduce((a, r) => a + r.refChars, 0);
const edits = rows.reduce((a, r) => a + r.edits, 0);
const accs = rows.map((r) => 1 - r.edits / r.refChars).sort((a, b) => a - b);
const median = accs.length ? accs[Math.floor(accs.length / 2)] : NaN;
console.log(`\npages: ${pagesDone} (${chars.toLocaleString('en-US')} reference characters)`);
console.log(`character accuracy (1 − CER, whitespace normalised): ${(1 - edits / chars).toFixed(4)} overall, median page ${median.toFixed(4)}, worst page ${accs[0]?.toFixed(4)}`);
console.log(`word recall (folded bag of words): ${(foundWordsTotal / refWordsTotal).toFixed(4)}`);
console.log(`speed: ${(pagesDone / (ocrMs / 1000)).toFixed(3)} pages/s (render + recognise, ${OCR_POOL_SIZE} pages at a time, wall clock ${(ocrMs / 1000).toFixed(1)} s for ${pagesDone} pages); whole run ${wall.toFixed(1)} s; load average at the end ${loadAvg(' / ')} on ${os.availableParallelism()} cores (other work on the machine slows this figure)`);
