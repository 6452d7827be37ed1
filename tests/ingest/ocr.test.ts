/**
 * OCR of scanned PDFs (ingest/extract/ocr.ts, used by ingest/extract/pdf.ts): TSV → text, child
 * processes with timeouts and bounded output, the report when the tools are missing, and a real
 * 2-page Công báo scan from ../shared/corpus/pdf-samples ingested and found by words of its body.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ingest } from '../../ingest/runner.js';
import { ocrAvailability, run, tsvToText } from '../../ingest/extract/ocr.js';
import { createSqliteEngine } from '../../src/engine/sqlite/index.js';
import { pdfSamplesDir } from './fixtures.js';

/** A 2-page scan (Nghị quyết 115/NQ-CP, Công báo 271/2026): manifest text_layer "no (image-only …)". */
const SCAN = path.join(pdfSamplesDir, 'congbao__nghi-quyet-so-115-nq-cp-469452.pdf');
const hasScan = existsSync(SCAN);
const tools = await ocrAvailability();
if (!hasScan) console.warn(`[tests/ingest/ocr] ${SCAN} not found: OCR tests on the real scan are skipped`);
if (!tools.ok) console.warn(`[tests/ingest/ocr] ${tools.reason}: the OCR recognition test is skipped (apt-get install -y tesseract-ocr tesseract-ocr-vie poppler-utils)`);

const H = 'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext';
const row = (block: number, par: number, line: number, word: number, conf: number, text: string) =>
  `5\t1\t${block}\t${par}\t${line}\t${word}\t0\t0\t10\t10\t${conf}\t${text}`;

describe('tsvToText', () => {
  it('joins words by line, lines by newline, paragraphs by a blank line; confidence is the mean over words', () => {
    const tsv = [H, '1\t1\t0\t0\t0\t0\t0\t0\t2480\t3508\t-1\t', '2\t1\t1\t0\t0\t0\t0\t0\t9\t9\t-1\t',
      row(1, 1, 1, 1, 90, 'Điều'), row(1, 1, 1, 2, 80, '1.'), row(1, 1, 2, 1, 70, 'Phạm'), row(1, 1, 2, 2, 60, 'vi'),
      row(1, 2, 1, 1, 100, 'Điều'), row(1, 2, 1, 2, 100, '2.'), row(2, 1, 1, 1, 50, 'Ký'), row(2, 1, 1, 2, 96, ' '), ''].join('\n');
    expect(tsvToText(tsv)).toEqual({ text: 'Điều 1.\nPhạm vi\n\nĐiều 2.\n\nKý', confidence: 78.6, words: 7 }); // 550 / 7
  });
  it('an empty page gives no text and confidence 0', () => {
    expect(tsvToText(`${H}\n1\t1\t0\t0\t0\t0\t0\t0\t2480\t3508\t-1\t\n`)).toEqual({ text: '', confidence: 0, words: 0 });
  });
});

describe('child processes', () => {
  it('a command that runs too long is killed and named', async () => {
    await expect(run(process.execPath, ['-e', 'setTimeout(() => {}, 10000)'], { timeoutMs: 300 })).rejects.toThrow(/timed out after 300 ms/);
  });
  it('output beyond the bound kills the command', async () => {
    await expect(run(process.execPath, ['-e', 'process.stdout.write("x".repeat(200000))'], { timeoutMs: 10_000, maxBytes: 1000 })).rejects.toThrow(/more than 1000 bytes/);
  });
  it('a non-zero exit is an error with the tail of stderr', async () => {
    await expect(run(process.execPath, ['-e', 'console.error("boom"); process.exit(3)'], { timeoutMs: 10_000 })).rejects.toThrow(/exited with 3: boom/);
  });
  it('a missing program is an error, not a crash', async () => {
    await expect(run('no-such-program-ocr-test', [], { timeoutMs: 1000 })).rejects.toThrow(/ENOENT/);
  });
});

describe.skipIf(!hasScan)('a scanned PDF without the OCR tools', () => {
  afterEach(() => { vi.unstubAllEnvs(); vi.resetModules(); });
  it('is reported as no_text_layer with what to install (as before OCR existed)', async () => {
    vi.stubEnv('PATH', '/nonexistent');
    vi.resetModules();
    const { extractPdf } = await import('../../ingest/extract/pdf.js');
    const e = await extractPdf('scan.pdf', readFileSync(SCAN)).then(() => null, (x: unknown) => x);
    expect((e as { code?: string } | null)?.code).toBe('no_text_layer'); // a fresh module graph: its own AppError class
    expect((e as Error).message).toMatch(/^scan\.pdf: no text layer \(2 page\(s\).*OCR tools missing: tesseract \(tesseract-ocr\), pdftoppm \(poppler-utils\); .*apt-get install -y tesseract-ocr tesseract-ocr-vie poppler-utils/);
  });
});

describe.skipIf(!hasScan || !tools.ok)('a scanned PDF with tesseract (vie)', () => {
  it('is read by OCR, marked as OCR with per-page confidence, and found by words of its body', async () => {
    const engine = createSqliteEngine({ file: ':memory:', checkpointMs: 0 });
    try {
      const report = await ingest([SCAN], engine, { progress: false });
      expect(report.failed).toEqual([]);
      expect(report.ingested).toBe(1);
      const note = report.notes.find((n) => n.note.startsWith('OCR ('));
      expect(note?.note).toMatch(/^OCR \(tesseract [\d.]+ \(vie\)\): 2 page\(s\) recognised in [\d.]+ s, mean word confidence \d+\/100 \(p\.1 \d+, p\.2 \d+\)$/);

      // Body words of page 1 and page 2 (read on the scan), typed without diacritics.
      for (const q of ['chuyển giao Vườn quốc gia Ba Vì', 'vuon quoc gia ba vi', 'Ủy ban nhân dân Thành phố Hà Nội quản lý']) {
        const r = await engine.search({ q });
        expect(r.total, q).toBe(1);
      }
      const [hit] = (await engine.search({ q: 'Ba Vì' })).hits;
      const stored = await engine.getDocument(hit.document.id);
      const ocr = stored!.document.source.ocr!;
      expect(ocr.engine).toMatch(/^tesseract [\d.]+ \(vie\)$/);
      expect(ocr.pages.map((p) => p.page)).toEqual([1, 2]);
      for (const p of ocr.pages) {
        expect(p.words).toBeGreaterThan(100);
        expect(p.confidence).toBeGreaterThan(60);
      }
      // Parsed like any text: the header's number and kind come from the OCR'd page.
      expect(stored!.document.kind).toBe('nghị quyết');
      expect(stored!.document.number).toMatch(/^445\s*\/NQ-CP$/);
    } finally {
      await engine.close();
    }
  }, 180_000);
});
