/**
 * The ingest runner against the in-memory engine: bad files reported one by one while the rest is
 * ingested, incremental re-runs (unchanged / changed / deleted), JSONL sources, batching, and the
 * real pdf-samples folder and vbpl dump.
 */
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readdir } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { exitCodeFor, fileDocId, formatReport, ingest, type IngestReport } from '../../ingest/runner.js';
import { walkFolder } from '../../ingest/sources/folder.js';
import { hasShared, junk, makePdf, pdfSamplesDir, seedsDir, sharedDir, tempDir, vbplDir } from './fixtures.js';
import { MemoryEngine } from './memory-engine.js';

const ARTICLE = 'Điều 1. Phạm vi điều chỉnh\nThông tư này quy định về đánh giá học sinh trung học cơ sở và trung học phổ thông.\n\nĐiều 2. Đối tượng áp dụng\nThông tư này áp dụng đối với các trường trung học.';
const PDF_PAGE = 'Dieu 1. Pham vi dieu chinh\nThong tu nay quy dinh ve danh gia hoc sinh trung hoc co so va trung hoc pho thong.';

let dir: string;
let cleanup: () => void;
beforeEach(() => { ({ dir, cleanup } = tempDir()); });
afterEach(() => cleanup());

function write(rel: string, content: string | Buffer): string {
  const p = path.join(dir, rel);
  mkdirSync(path.dirname(p), { recursive: true });
  writeFileSync(p, content);
  return p;
}

function failedBy(report: IngestReport): Record<string, string> {
  return Object.fromEntries(report.failed.map((f) => [path.basename(f.file), f.code]));
}

describe('one bad file never stops the run', () => {
  it('reports each bad input once, with file and reason, and ingests the rest', async () => {
    write('docs/good.txt', ARTICLE);
    write('docs/sub/good.html', `<html><body><h1>Thông báo</h1><p>${ARTICLE.replace(/\n/g, '</p><p>')}</p></body></html>`);
    write('docs/sub/good.pdf', makePdf([PDF_PAGE, PDF_PAGE]));
    write('docs/locked.pdf', makePdf([PDF_PAGE], { userPassword: 'secret' }));
    write('docs/corrupt.pdf', makePdf([PDF_PAGE]).subarray(0, 180));
    write('docs/empty.txt', '');
    write('docs/junk.txt', junk(2048));
    write('docs/fake.docx', 'not a zip at all');
    write('docs/records.jsonl', [
      JSON.stringify({ id: 'r-1', title: 'Bản ghi một', text: ARTICLE }),
      '{"id": "r-2", "text": ',
      JSON.stringify({ id: 'r-3', text: 'Điều 3. Hiệu lực thi hành' }),
    ].join('\n'));
    // never looked at: hidden, node_modules, unsupported extension
    write('docs/.hidden.txt', ARTICLE);
    write('docs/node_modules/pkg/readme.txt', ARTICLE);
    write('docs/image.png', junk(100));

    const engine = new MemoryEngine();
    const report = await ingest([path.join(dir, 'docs')], engine, { progress: false });

    expect(failedBy(report)).toEqual({
      'locked.pdf': 'encrypted',
      'corrupt.pdf': 'extract_failed',
      'empty.txt': 'empty_file',
      'junk.txt': 'not_text',
      'fake.docx': 'extract_failed',
      'records.jsonl:2': 'invalid_record',
    });
    for (const f of report.failed) {
      expect(f.file).toMatch(/docs\//);
      expect(f.reason.length).toBeGreaterThan(5);
    }
    expect(report.failed.find((f) => f.file.endsWith('corrupt.pdf'))!.reason).toMatch(/invalid PDF/i);
    expect(report.failed.find((f) => f.file.endsWith('records.jsonl:2'))!.reason).toMatch(/^malformed JSON/);
    expect(report.ingested).toBe(5); // good.txt, good.html, good.pdf, r-1, r-3
    expect(report.documents).toBe(5);
    expect(engine.docs.has('r-1') && engine.docs.has('r-3')).toBe(true);
    expect(report.passages).toBeGreaterThan(0);
    expect(report.files).toMatchObject({ seen: 9, changed: 9, unchanged: 0, removed: 0 });
    const sources = [...engine.sources.keys()].map((p) => path.basename(p)).sort();
    expect(sources).toEqual(['good.html', 'good.pdf', 'good.txt', 'records.jsonl']);

    expect(exitCodeFor(report)).toBe(0);
    expect(exitCodeFor(report, true)).toBe(1);
    const text = formatReport(report);
    expect(text).toMatch(/Ingested 5 documents/);
    expect(text).toMatch(/Failed \(6\):/);
    expect(text).toMatch(/locked\.pdf {2}\[encrypted\] the PDF is encrypted/);
    expect(text).toMatch(/Failures by code: extract_failed 2, /);
    const short = formatReport(report, { limit: 2 });
    expect(short).toMatch(/… and 4 more/);
  });

  it('a missing path or an unsupported file given by name is a failure, not a crash', async () => {
    const png = write('x.png', junk(10));
    const good = write('ok.txt', ARTICLE);
    const report = await ingest([path.join(dir, 'nope'), png, good], new MemoryEngine(), { progress: false, strict: true });
    expect(failedBy(report)).toEqual({ nope: 'not_found', 'x.png': 'unsupported_format' });
    expect(report.ingested).toBe(1);
    expect(exitCodeFor(report)).toBe(1);
  });

  it('an engine that refuses one document: that one fails, the others are written', async () => {
    write('a/one.txt', ARTICLE);
    write('a/two.txt', `${ARTICLE}\nĐiều 3.`);
    const refused = fileDocId(path.join('a', 'two.txt'));
    const engine = new MemoryEngine({ failIds: [refused] });
    const report = await ingest([path.join(dir, 'a')], engine, { progress: false });
    expect(report.failed).toEqual([{ file: expect.stringMatching(/two\.txt$/), code: 'engine_error', reason: `engine refused the document: refused ${refused}` }]);
    expect(report.ingested).toBe(1);
    // the refused file has no source state: the next run tries it again
    expect([...engine.sources.keys()].map((p) => path.basename(p))).toEqual(['one.txt']);
  });
});

describe('incremental re-runs', () => {
  it('a change of the pipeline code (its fingerprint) re-reads unchanged files', async () => {
    write('p/a.txt', ARTICLE);
    const engine = new MemoryEngine();
    const root = path.join(dir, 'p');
    expect(await ingest([root], engine, { progress: false, pipeline: 'v1' })).toMatchObject({ ingested: 1 });
    expect(await ingest([root], engine, { progress: false, pipeline: 'v1' })).toMatchObject({ ingested: 0, unchanged: 1 });
    expect(await ingest([root], engine, { progress: false, pipeline: 'v2' })).toMatchObject({ ingested: 1, unchanged: 0 });
  });

  it('unchanged files are skipped, changed ones re-ingested, deleted ones removed', async () => {
    const a = write('c/a.txt', ARTICLE);
    const b = write('c/b.txt', `${ARTICLE}\nĐiều 3. Hiệu lực`);
    write('c/deep/c.pdf', makePdf([PDF_PAGE]));
    const engine = new MemoryEngine();
    const root = path.join(dir, 'c');

    const first = await ingest([root], engine, { progress: false });
    expect(first).toMatchObject({ ingested: 3, unchanged: 0, removed: 0 });
    const idA = fileDocId(path.join('c', 'a.txt'));
    expect(engine.docs.has(idA)).toBe(true);

    const second = await ingest([root], engine, { progress: false });
    expect(second).toMatchObject({ ingested: 0, unchanged: 3, removed: 0, failed: [] });
    expect(second.files).toMatchObject({ seen: 3, changed: 0, unchanged: 3 });

    writeFileSync(a, `${ARTICLE}\nĐiều 4. Tổ chức thực hiện`);
    rmSync(b);
    const writesBefore = engine.writes.length;
    const third = await ingest([root], engine, { progress: false });
    expect(third).toMatchObject({ ingested: 1, unchanged: 1, removed: 1, failed: [] });
    expect(third.files).toMatchObject({ seen: 2, changed: 1, unchanged: 1, removed: 1 });
    expect(engine.writes.slice(writesBefore)).toEqual([
      { op: 'upsert', id: idA },
      { op: 'delete', id: fileDocId(path.join('c', 'b.txt')) },
    ]);
    expect(engine.docs.get(idA)!.passages.map((p) => p.text).join('\n')).toContain('Điều 4. Tổ chức thực hiện');
    expect([...engine.sources.keys()].some((p) => p.endsWith('b.txt'))).toBe(false);
    expect(third.documents).toBe(2);

    // force re-ingests everything
    const forced = await ingest([root], engine, { progress: false, force: true });
    expect(forced).toMatchObject({ ingested: 2, unchanged: 0, removed: 0 });
  });

  it('only files under the folders of this run are pruned', async () => {
    write('x/one.txt', ARTICLE);
    write('y/two.txt', ARTICLE);
    const engine = new MemoryEngine();
    await ingest([path.join(dir, 'x')], engine, { progress: false });
    const r = await ingest([path.join(dir, 'y')], engine, { progress: false });
    expect(r).toMatchObject({ ingested: 1, removed: 0 });
    expect(engine.docs.size).toBe(2);
    // a sibling folder whose name starts like the root is not "under" it
    write('x2/three.txt', ARTICLE);
    rmSync(path.join(dir, 'x'), { recursive: true });
    const r2 = await ingest([path.join(dir, 'x2')], engine, { progress: false });
    expect(r2.removed).toBe(0);
    expect(engine.docs.size).toBe(3);
  });

  it.skipIf(process.getuid?.() === 0)('an unreadable subfolder is one failure and nothing under it is pruned', async () => {
    write('u/ok.txt', ARTICLE);
    write('u/locked/inner.txt', ARTICLE);
    const engine = new MemoryEngine();
    await ingest([path.join(dir, 'u')], engine, { progress: false });
    expect(engine.docs.size).toBe(2);
    chmodSync(path.join(dir, 'u/locked'), 0o000);
    try {
      const r = await ingest([path.join(dir, 'u')], engine, { progress: false });
      expect(failedBy(r)).toEqual({ locked: 'extract_failed' });
      expect(r.removed).toBe(0);
      expect(engine.docs.size).toBe(2);
    } finally {
      chmodSync(path.join(dir, 'u/locked'), 0o755);
    }
  });

  it('walkFolder goes on past a folder it cannot read, and lists it', async () => {
    write('w/a.txt', ARTICLE);
    write('w/bad/b.txt', ARTICLE);
    write('w/z/c.html', '<p>x</p>');
    const root = path.join(dir, 'w');
    const r = await walkFolder(root, {
      readdir: async (d) => {
        if (d.endsWith(`${path.sep}bad`)) throw new Error('EACCES: permission denied');
        return readdir(d, { withFileTypes: true });
      },
    });
    expect(r.files.map((f) => path.relative(root, f.path))).toEqual(['a.txt', path.join('z', 'c.html')]);
    expect(r.unreadable).toEqual([{ path: path.join(root, 'bad'), reason: 'EACCES: permission denied' }]);
  });

  it('ids do not depend on where the folder sits on disk', async () => {
    write('corpus/files/a.txt', ARTICLE);
    write('elsewhere/files/a.txt', ARTICLE);
    const e1 = new MemoryEngine(); const e2 = new MemoryEngine();
    await ingest([path.join(dir, 'corpus/files')], e1, { progress: false });
    await ingest([path.join(dir, 'elsewhere/files')], e2, { progress: false });
    expect([...e1.docs.keys()]).toEqual([...e2.docs.keys()]);
    expect([...e1.docs.keys()][0]).toMatch(/^a-[0-9a-f]{8}$/);
  });
});

describe('one document, several files (ingest/merge.ts)', () => {
  // The same Thông tư (26/2020/TT-BGDĐT of 26/8/2020) as a text file and as a web page.
  const HEADER = 'BỘ GIÁO DỤC VÀ ĐÀO TẠO\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 26/2020/TT-BGDĐT\nHà Nội, ngày 26 tháng 8 năm 2020\nTHÔNG TƯ\nSửa đổi, bổ sung một số điều của Quy chế đánh giá học sinh';
  const TXT = `${HEADER}\n\n${ARTICLE}`;
  const HTML = `<!doctype html><html><head><meta charset="utf-8"><title>Thông tư 26/2020/TT-BGDĐT</title></head><body>${`${HEADER}\n\n${ARTICLE}\n\nĐiều 3. Hiệu lực\nThông tư này có hiệu lực từ ngày 11 tháng 10 năm 2020.`.split('\n').filter(Boolean).map((l) => `<p>${l}</p>`).join('')}</body></html>`;
  const docsOf = (e: MemoryEngine) => [...e.docs.values()].map((d) => d.document);

  it('the same number and date in two files is one document listing both sources; deleting one file keeps it until the last goes', async () => {
    const txt = write('vb/tt26.txt', TXT);
    const html = write('vb/tt26.html', HTML);
    write('vb/other.txt', ARTICLE);
    const engine = new MemoryEngine();
    const r1 = await ingest([path.join(dir, 'vb')], engine, { progress: false, concurrency: 2 });
    expect(r1.failed).toEqual([]);
    expect(engine.docs.size).toBe(2);
    expect(await engine.findByRefId('26-2020-tt-bgddt')).toHaveLength(1); // no 300 for it
    const [doc] = docsOf(engine).filter((d) => d.refId === '26-2020-tt-bgddt');
    // The web page's text is kept (HTML ranks above plain text); both sources are listed, the kept one first.
    expect(doc.source).toMatchObject({ path: html, format: 'html' });
    expect(doc.sources?.map((x) => [x.path, x.format])).toEqual([[html, 'html'], [txt, 'txt']]);
    expect(engine.docs.get(doc.id)!.passages.some((p) => p.text.includes('Hiệu lực'))).toBe(true);
    expect(engine.docs.get(doc.id)!.passages.every((p) => p.docId === doc.id && p.id.startsWith(`${doc.id}:`))).toBe(true);
    expect(r1.notes.some((n) => /same document as .*26-2020-tt-bgddt, 2020-08-26/.test(n.note))).toBe(true);

    // Unchanged: nothing written.
    expect(await ingest([path.join(dir, 'vb')], engine, { progress: false })).toMatchObject({ ingested: 0, removed: 0 });
    // Re-read everything (new pipeline code): still one document, same id, same sources.
    await ingest([path.join(dir, 'vb')], engine, { progress: false, force: true });
    expect(docsOf(engine).filter((d) => d.refId === '26-2020-tt-bgddt').map((d) => [d.id, d.sources?.length])).toEqual([[doc.id, 2]]);

    // The web page (whose text was stored) is deleted: the document stays, with the text file's text.
    rmSync(html);
    const r2 = await ingest([path.join(dir, 'vb')], engine, { progress: false });
    expect(r2.removed).toBe(0);
    const kept = engine.docs.get(doc.id)!;
    expect(kept.document.source).toMatchObject({ path: txt, format: 'txt' });
    expect(kept.document.sources).toBeUndefined();
    expect(kept.passages.some((p) => p.text.includes('Hiệu lực'))).toBe(false);
    expect(await engine.findByRefId('26-2020-tt-bgddt')).toHaveLength(1);

    // The last file goes: so does the document.
    rmSync(txt);
    const r3 = await ingest([path.join(dir, 'vb')], engine, { progress: false });
    expect(r3.removed).toBe(1);
    expect(await engine.findByRefId('26-2020-tt-bgddt')).toEqual([]);
    expect(engine.docs.size).toBe(1);
  });

  it('a second file added later merges into the stored document (its id is kept); the text source need not be the first', async () => {
    const txt = write('a/tt26.txt', TXT);
    const engine = new MemoryEngine();
    await ingest([path.join(dir, 'a')], engine, { progress: false });
    const [first] = docsOf(engine);
    expect(first.sources).toBeUndefined();
    const html = write('a/tt26.html', HTML);
    await ingest([path.join(dir, 'a')], engine, { progress: false });
    expect(docsOf(engine).map((d) => d.id)).toEqual([first.id]);
    expect(docsOf(engine)[0].sources?.map((x) => x.path)).toEqual([html, txt]);
    // Deleting the file that came second (whose text is shown) keeps the first one's.
    rmSync(html);
    await ingest([path.join(dir, 'a')], engine, { progress: false });
    expect(docsOf(engine).map((d) => [d.id, d.source.path, d.sources])).toEqual([[first.id, txt, undefined]]);
  });

  it('the same number and date on a different text (a wrong number) is kept apart, with a note', async () => {
    write('c/tt26.txt', TXT);
    write('c/wrong-number.txt', `${HEADER}\n\nĐiều 1. Phạm vi điều chỉnh\nQuy chế này quy định về tổ chức thi tốt nghiệp trung học phổ thông, hồ sơ dự thi và lịch thi.\n\nĐiều 2. Hiệu lực thi hành\nQuy chế có hiệu lực kể từ ngày ký ban hành.`);
    const engine = new MemoryEngine();
    const r = await ingest([path.join(dir, 'c')], engine, { progress: false });
    expect(engine.docs.size).toBe(2);
    expect(docsOf(engine).every((d) => !d.sources)).toBe(true);
    expect(r.notes.some((n) => /same number and date as .* but not the same text \(\d+% of word 3-grams shared\): kept apart/.test(n.note))).toBe(true);
  });

  it('documents with another date are not merged; one without a date that could be either is kept apart too', async () => {
    write('b/tt26.txt', TXT);
    write('b/tt26-2021.txt', TXT.replace('ngày 26 tháng 8 năm 2020', 'ngày 26 tháng 8 năm 2021'));
    const engine = new MemoryEngine();
    await ingest([path.join(dir, 'b')], engine, { progress: false });
    expect(engine.docs.size).toBe(2);
    write('b/tt26-nodate.txt', TXT.replace('Hà Nội, ngày 26 tháng 8 năm 2020\n', ''));
    const r = await ingest([path.join(dir, 'b')], engine, { progress: false });
    expect(engine.docs.size).toBe(3);
    expect(docsOf(engine).every((d) => !d.sources)).toBe(true);
    expect(r.notes.some((n) => /may be the same document as .*, .*, but without number or date to tell which: kept apart/.test(n.note))).toBe(true);
  });
});

describe('one document, several files, one of them without number or date (ingest/merge.ts looseMetaMatch)', () => {
  // Bộ luật Hình sự as the vbpl.vn .doc (full header) and as the "Văn bản gốc" PDF whose first page lost its date
  // cell (pdf-samples 96122): same kind, issuer, title and text, one of them without a date.
  const BODY = 'Điều 1. Nhiệm vụ của Bộ luật Hình sự\nBộ luật Hình sự có nhiệm vụ bảo vệ chủ quyền quốc gia, an ninh của đất nước, bảo vệ chế độ xã hội chủ nghĩa, quyền con người, quyền công dân.\n\nĐiều 2. Cơ sở của trách nhiệm hình sự\nChỉ người nào phạm một tội đã được Bộ luật Hình sự quy định mới phải chịu trách nhiệm hình sự.\n\nĐiều 3. Nguyên tắc xử lý\nMọi hành vi phạm tội do người thực hiện phải được phát hiện kịp thời, xử lý nhanh chóng, công minh theo đúng pháp luật.';
  const FULL = `QUỐC HỘI\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nLuật số: 100/2015/QH13\nHà Nội, ngày 27 tháng 11 năm 2015\nBỘ LUẬT\nHÌNH SỰ\n${BODY}`;
  const NO_DATE = `QUỐC HỘI\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nLuật số: 100/2015/QH13\nBỘ LUẬT\nHÌNH SỰ\n${BODY}`;
  const NO_NUMBER = `QUỐC HỘI\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nBỘ LUẬT\nHÌNH SỰ\n${BODY}`;
  const docsOf = (e: MemoryEngine) => [...e.docs.values()].map((d) => d.document);

  const full = (sub: string) => write(`${sub}/blhs.html`, `<html><body>${FULL.split('\n').map((l) => `<p>${l}</p>`).join('')}</body></html>`);
  const check = (engine: MemoryEngine, notes: { note: string }[]) => {
    expect(docsOf(engine)).toHaveLength(1);
    const [d] = docsOf(engine);
    expect(d.sources?.map((x) => x.format)).toEqual(['html', 'txt']);
    expect([d.refId, d.issuedAt, d.kind]).toEqual(['100-2015-qh13', '2015-11-27', 'bộ luật']);
    expect(notes.some((n) => /same document as .*, though one of them has no number or date to pair them \(same kind, title.*% of word 3-grams shared\): one document with 2 sources/.test(n.note))).toBe(true);
  };
  for (const [name, partial] of [['without a date', NO_DATE], ['without number and date', NO_NUMBER]] as const) {
    const slug = name.replace(/ /g, '-');
    it(`${name}: merged when both files are read in one run, the fuller metadata kept, the merge reported`, async () => {
      full(`${slug}-one`); write(`${slug}-one/blhs.txt`, partial);
      const engine = new MemoryEngine();
      check(engine, (await ingest([path.join(dir, `${slug}-one`)], engine, { progress: false, concurrency: 2 })).notes);
    });
    it(`${name}: merged when it is read in a later run than the full rendering`, async () => {
      full(`${slug}-later`);
      const engine = new MemoryEngine();
      await ingest([path.join(dir, `${slug}-later`)], engine, { progress: false });
      write(`${slug}-later/blhs.txt`, partial);
      check(engine, (await ingest([path.join(dir, `${slug}-later`)], engine, { progress: false })).notes);
    });
  }
  it('without a date, read first: the full rendering of a later run finds it by its number', async () => {
    write('first/blhs.txt', NO_DATE);
    const engine = new MemoryEngine();
    await ingest([path.join(dir, 'first')], engine, { progress: false });
    full('first');
    check(engine, (await ingest([path.join(dir, 'first')], engine, { progress: false })).notes);
  });

  it('kept apart when the text differs, or when what both state disagrees (another issuer)', async () => {
    write('d/blhs.html', `<html><body>${FULL.split('\n').map((l) => `<p>${l}</p>`).join('')}</body></html>`);
    write('d/other-text.txt', NO_NUMBER.replace(BODY, 'Điều 1. Phạm vi điều chỉnh\nBộ luật này quy định về trình tự, thủ tục giải quyết các vụ án dân sự tại Tòa án nhân dân các cấp.\n\nĐiều 2. Hiệu lực\nBộ luật có hiệu lực từ ngày ký.'));
    write('d/other-issuer.txt', NO_NUMBER.replace('QUỐC HỘI\n', 'ỦY BAN THƯỜNG VỤ QUỐC HỘI\n'));
    const engine = new MemoryEngine();
    await ingest([path.join(dir, 'd')], engine, { progress: false });
    expect(docsOf(engine)).toHaveLength(3);
    expect(docsOf(engine).every((d) => !d.sources)).toBe(true);
  });
});

describe('JSONL sources', () => {
  const rec = (id: string, extra: Record<string, unknown> = {}) => JSON.stringify({
    id, title: `Văn bản ${id}`, so_ky_hieu_guess: `${id}/2026/TT-BGDĐT`, ngay_ban_hanh_guess: '15/02/2026',
    loai_van_ban_guess: 'Thông tư', co_quan_ban_hanh_guess: 'BỘ GIÁO DỤC VÀ ĐÀO TẠO ______', lang: 'vi', has_text: true,
    text: `${ARTICLE}\n${id}`, url: `https://vbpl.vn/${id}`, ...extra,
  });
  const FIELDS = 'number=so_ky_hieu_guess,issuedAt=ngay_ban_hanh_guess,kind=loai_van_ban_guess,issuer=co_quan_ban_hanh_guess';

  it('maps fields, streams gz, filters, skips records without text, and tracks the file as one source', async () => {
    const file = write('dump/docs.jsonl.gz', gzipSync(Buffer.from([
      rec('01'), rec('02', { lang: 'en' }), rec('03', { has_text: false, text: '' }), rec('04'),
    ].join('\n'))));
    const engine = new MemoryEngine();
    const r1 = await ingest([file], engine, { fields: FIELDS, where: 'lang=vi', progress: false });
    expect(r1).toMatchObject({ ingested: 2, failed: [] });
    expect(r1.skipped).toEqual([{ file: expect.stringMatching(/docs\.jsonl\.gz:3$/), reason: '03: no text (has_text: false)' }]);
    expect(r1.notes.map((n) => n.note)).toContain('1 record(s) left out by the filter (lang=vi)');
    const doc = engine.docs.get('01')!.document;
    expect(doc).toMatchObject({
      id: '01', number: '01/2026/TT-BGDĐT', issuedAt: '2026-02-15', kind: 'thông tư', issuer: 'Bộ Giáo dục và Đào tạo',
      title: 'Văn bản 01', language: 'vi', source: { format: 'jsonl', url: 'https://vbpl.vn/01' },
    });
    expect(engine.sources.get(file)!.docIds.sort()).toEqual(['01', '04']);

    const r2 = await ingest([file], engine, { fields: FIELDS, where: 'lang=vi', progress: false });
    expect(r2).toMatchObject({ ingested: 0, unchanged: 2 });
    // other options select other records: not "unchanged"
    const r3 = await ingest([file], engine, { fields: FIELDS, progress: false });
    expect(r3).toMatchObject({ ingested: 3, unchanged: 0 });

    // a record disappears from the dump → its document is removed; the others keep their ids
    writeFileSync(file, gzipSync(Buffer.from([rec('01'), rec('02', { lang: 'en' })].join('\n'))));
    const r4 = await ingest([file], engine, { fields: FIELDS, progress: false });
    expect(r4).toMatchObject({ ingested: 2, removed: 1 });
    expect([...engine.docs.keys()].sort()).toEqual(['01', '02']);
  });

  it('records without an id get a stable content-derived id', async () => {
    const file = write('noid.jsonl', [JSON.stringify({ text: ARTICLE }), JSON.stringify({ text: `${ARTICLE}\nkhác` })].join('\n'));
    const e1 = new MemoryEngine(); const e2 = new MemoryEngine();
    await ingest([file], e1, { progress: false });
    await ingest([file], e2, { progress: false });
    expect([...e1.docs.keys()]).toHaveLength(2);
    expect([...e1.docs.keys()]).toEqual([...e2.docs.keys()]);
    expect([...e1.docs.keys()][0]).toMatch(/^noid-[0-9a-f]{12}$/);
  });

  it('writes in batches when the engine offers upsertMany, and isolates a refused document', async () => {
    const file = write('many.jsonl', Array.from({ length: 7 }, (_, i) => rec(`d${i}`)).join('\n'));
    const engine = new MemoryEngine({ batch: true });
    const r = await ingest([file], engine, { batchSize: 3, progress: false });
    expect(r.ingested).toBe(7);
    expect(engine.batches).toEqual([3, 3]); // the last single document goes through upsert
    const refusing = new MemoryEngine({ batch: true, failIds: ['d4'] });
    const r2 = await ingest([file], refusing, { batchSize: 3, progress: false });
    expect(r2.ingested).toBe(6);
    expect(r2.failed).toEqual([{ file: expect.stringMatching(/many\.jsonl:5$/), code: 'engine_error', reason: 'engine refused the document: refused d4' }]);
    // the refused record is retried on the next run (the source is not recorded as done)
    const r3 = await ingest([file], refusing, { batchSize: 3, progress: false });
    expect(r3.unchanged).toBe(0);
    expect(r3.failed).toHaveLength(1);
  });

  it('a corrupt gzip is one failure; the previous state is kept for a retry', async () => {
    const file = write('bad.jsonl.gz', Buffer.concat([gzipSync(Buffer.from(rec('01'))).subarray(0, 30), Buffer.from('xx')]));
    const engine = new MemoryEngine();
    const r = await ingest([file], engine, { progress: false });
    expect(r.failed).toHaveLength(1);
    expect(r.failed[0]).toMatchObject({ code: 'extract_failed', reason: expect.stringMatching(/^reading stopped: /) });
    expect(engine.sources.size).toBe(0);
  });
});

describe('progress', () => {
  it('draws nothing when stderr is not a TTY', async () => {
    write('p/a.txt', ARTICLE);
    const spy = vi.spyOn(process.stderr, 'write');
    const wasTTY = process.stderr.isTTY;
    Object.defineProperty(process.stderr, 'isTTY', { value: false, configurable: true });
    try {
      const r = await ingest([path.join(dir, 'p')], new MemoryEngine(), { progress: true });
      expect(r.ingested).toBe(1);
      expect(spy).not.toHaveBeenCalled();
    } finally {
      Object.defineProperty(process.stderr, 'isTTY', { value: wasTTY, configurable: true });
      spy.mockRestore();
    }
  });
});

if (!hasShared) console.warn(`[tests/ingest] ${sharedDir} not found: runner tests on real files are skipped`);

describe.skipIf(!hasShared)('real data (../shared)', () => {
  it('pdf-samples: every text PDF, DOC and DOCX is ingested; with OCR off, each image-only PDF is reported as no_text_layer', async () => {
    const manifest = readFileSync(path.resolve(pdfSamplesDir, '../manifest.csv'), 'utf8').split('\n').slice(1).filter(Boolean);
    // manifest columns: file,…,text_layer is the 12th; the file names contain no commas
    const rows = manifest.map((l) => ({ file: path.basename(l.split(',')[0]), imageOnly: /,no \(image-only/.test(l) }))
      .filter((r) => existsSync(path.join(pdfSamplesDir, r.file)));
    const engine = new MemoryEngine();
    // OCR of the scans (28 pages) would take minutes here: tests/ingest/ocr.test.ts covers it on one small scan.
    const report = await ingest([pdfSamplesDir], engine, { progress: false, ocr: false });
    const failed = failedBy(report);
    const ingestedPaths = new Set([...engine.docs.values()].flatMap((d) => (d.document.sources ?? [d.document.source]).map((x) => path.basename(x.path ?? ''))));
    for (const r of rows) {
      if (r.imageOnly) expect(failed[r.file], r.file).toBe('no_text_layer');
      else expect(ingestedPaths.has(r.file), `${r.file} ingested (failed: ${failed[r.file]})`).toBe(true);
    }
    expect(report.failed.every((f) => f.code === 'no_text_layer')).toBe(true);
    expect(report.ingested).toBe(rows.filter((r) => !r.imageOnly).length);
    for (const d of engine.docs.values()) {
      expect(d.passages.length).toBeGreaterThan(0);
      expect(d.document.source.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
  }, 180_000);

  it('seeds and vbpl-central docs.jsonl.gz with the crawler field map', async () => {
    const engine = new MemoryEngine();
    const seedsCopy = path.join(dir, 'seeds');
    mkdirSync(seedsCopy);
    for (const f of ['000_b39c03b4349867b2.txt', '001_ef589262bdd8a3fd.txt']) if (existsSync(path.join(seedsDir, f))) copyFileSync(path.join(seedsDir, f), path.join(seedsCopy, f));
    const report = await ingest([seedsCopy, path.join(vbplDir, 'docs.jsonl.gz')], engine, {
      fields: 'number=so_ky_hieu_guess,issuedAt=ngay_ban_hanh_guess,kind=loai_van_ban_guess,issuer=co_quan_ban_hanh_guess,status=tinh_trang_hieu_luc',
      where: 'lang=vi', progress: false,
    });
    expect(report.failed).toEqual([]);
    expect(report.skipped.length).toBeGreaterThan(0);
    expect(report.skipped.every((s) => /no text \(has_text: false\)$/.test(s.reason) && /docs\.jsonl\.gz:\d+$/.test(s.file))).toBe(true);
    expect(report.ingested).toBeGreaterThan(100);
    const docs = [...engine.docs.values()].map((d) => d.document).filter((d) => d.source.format === 'jsonl');
    expect(docs.every((d) => d.language === 'vi')).toBe(true);
    expect(docs.filter((d) => d.number && d.issuedAt && d.kind !== 'khác').length / docs.length).toBeGreaterThan(0.9);
    expect(docs.every((d) => !d.issuedAt || /^\d{4}-\d{2}-\d{2}$/.test(d.issuedAt))).toBe(true);
    const again = await ingest([seedsCopy, path.join(vbplDir, 'docs.jsonl.gz')], engine, {
      fields: 'number=so_ky_hieu_guess,issuedAt=ngay_ban_hanh_guess,kind=loai_van_ban_guess,issuer=co_quan_ban_hanh_guess,status=tinh_trang_hieu_luc',
      where: 'lang=vi', progress: false,
    });
    // vbpl-central holds a few records twice (one text under two URLs): each pair is one document with two sources.
    const merged = [...engine.docs.values()].filter((d) => d.document.sources);
    expect(merged.every((d) => d.document.sources!.length >= 2 && d.document.sources!.every((x) => x.format === 'jsonl' && x.url))).toBe(true);
    expect(again).toMatchObject({ ingested: 0, unchanged: engine.docs.size, removed: 0 });
    // ~45 s for the first ingest on the idle 2-core machine; it took over 120 s at load 11
  }, 300_000);
});
