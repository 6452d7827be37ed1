/**
 * PIPELINE_VERSION (ingest/pipeline.ts) must change whenever parsing output changes, so stored documents
 * get re-read after an upgrade. This hashes what the runner stores for a golden set (the bundled corpus/
 * plus generated TXT, HTML, DOCX, PDF and JSONL inputs) and compares it with the hash recorded for the
 * current version in tests/fixtures/pipeline-version.json.
 *   parse output changed → bump PIPELINE_VERSION, then record:
 *   UPDATE_PIPELINE_VERSION=1 npx vitest run tests/ingest/pipeline-version.test.ts
 */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PIPELINE_VERSION, pipelineFingerprint } from '../../ingest/pipeline.js';
import { ingest } from '../../ingest/runner.js';
import { makePdf, repoRoot, tempDir } from './fixtures.js';
import { MemoryEngine } from './memory-engine.js';
import { makeDocx } from './zip-fixtures.js';

const RECORD = path.join(repoRoot, 'tests/fixtures/pipeline-version.json');
const ARTICLE = ['BỘ GIÁO DỤC VÀ ĐÀO TẠO', 'Số: 26/2020/TT-BGDĐT', 'Hà Nội, ngày 26 tháng 8 năm 2020', 'THÔNG TƯ', 'Sửa đổi, bổ sung một số điều của Quy chế đánh giá học sinh',
  'Căn cứ Nghị định số 71/2020/NĐ-CP ngày 30 tháng 6 năm 2020 của Chính phủ;', 'Điều 1. Phạm vi điều chỉnh', '1. Thông tư này quy định về đánh giá học sinh trung học cơ sở theo Luật Giáo dục 2019.',
  '2. Công văn 3414/BGDĐT-GDTrH ngày 04/9/2020 hướng dẫn thực hiện.', 'Điều 2. Hiệu lực thi hành', 'Thông tư này có hiệu lực kể từ ngày 11 tháng 10 năm 2020.'];

let dir: string;
let cleanup: () => void;
beforeEach(() => { ({ dir, cleanup } = tempDir('pipeline-version-')); });
afterEach(() => cleanup());

async function goldenHash(): Promise<{ hash: string; documents: number; passages: number }> {
  const input = path.join(dir, 'golden');
  mkdirSync(input);
  for (const f of readdirSync(path.join(repoRoot, 'corpus'))) copyFileSync(path.join(repoRoot, 'corpus', f), path.join(input, f));
  writeFileSync(path.join(input, 'tt.html'), `<html><head><title>Thông tư 26/2020</title></head><body>${ARTICLE.map((l) => `<p>${l}</p>`).join('')}</body></html>`);
  writeFileSync(path.join(input, 'tt.docx'), makeDocx(ARTICLE));
  writeFileSync(path.join(input, 'tt.pdf'), makePdf(['Dieu 1. Pham vi dieu chinh\nThong tu nay quy dinh ve danh gia hoc sinh theo Nghi dinh so 71/2020/ND-CP.', 'Dieu 2. Hieu luc thi hanh']));
  writeFileSync(path.join(input, 'records.jsonl'), [
    JSON.stringify({ id: 'rec-1', title: 'Thông tư 26/2020/TT-BGDĐT', number: '26/2020/TT-BGDĐT', issuedAt: '26/08/2020', text: ARTICLE.join('\n') }),
    JSON.stringify({ id: 'rec-2', html: `<h1>Công văn</h1>${ARTICLE.slice(5).map((l) => `<p>${l}</p>`).join('')}` }),
  ].join('\n'));
  const engine = new MemoryEngine();
  const report = await ingest([input], engine, { progress: false, ocr: false });
  expect(report.failed).toEqual([]);
  const h = createHash('sha256');
  let passages = 0;
  for (const id of [...engine.docs.keys()].sort()) {
    const { document, passages: ps } = engine.docs.get(id)!;
    // Where the golden files sit on this machine is not parse output.
    const base = <T extends { path?: string }>(x: T): T => ({ ...x, path: x.path ? path.basename(x.path) : undefined });
    const doc = { ...document, source: base(document.source), ...(document.sources ? { sources: document.sources.map(base) } : {}) };
    h.update(JSON.stringify({ doc, ps }));
    passages += ps.length;
  }
  const notes = report.notes.map((n) => `${path.basename(n.file)} ${n.note}`).sort();
  h.update(JSON.stringify(notes));
  return { hash: h.digest('hex'), documents: engine.docs.size, passages };
}

describe('PIPELINE_VERSION', () => {
  it('is bumped whenever the parse output of the golden set changes', async () => {
    const now = await goldenHash();
    expect(now.documents).toBe(8); // tt.html, tt.docx and records.jsonl's rec-1 are one document (ingest/merge.ts)
    if (process.env.UPDATE_PIPELINE_VERSION) {
      writeFileSync(RECORD, `${JSON.stringify({ version: PIPELINE_VERSION, hash: now.hash, documents: now.documents, passages: now.passages }, null, 2)}\n`);
    }
    const recorded = JSON.parse(readFileSync(RECORD, 'utf8')) as { version: number; hash: string };
    if (recorded.hash !== now.hash) {
      expect.fail(recorded.version === PIPELINE_VERSION
        ? `Parse output of the golden set changed but PIPELINE_VERSION is still ${PIPELINE_VERSION}: bump it in ingest/pipeline.ts (stored documents must be re-read), then record the new hash with UPDATE_PIPELINE_VERSION=1 npx vitest run tests/ingest/pipeline-version.test.ts`
        : `PIPELINE_VERSION is ${PIPELINE_VERSION} but the recorded hash is for version ${recorded.version}: record it with UPDATE_PIPELINE_VERSION=1 npx vitest run tests/ingest/pipeline-version.test.ts`);
    }
    expect(recorded.version, 'a bump without a change of output: record with UPDATE_PIPELINE_VERSION=1').toBe(PIPELINE_VERSION);
  });

  it('is what the runner stores beside each source hash', () => {
    expect(pipelineFingerprint()).toBe(`p${PIPELINE_VERSION}`);
  });
});
