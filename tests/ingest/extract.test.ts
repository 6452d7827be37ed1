/**
 * Extractors: real files from ../shared (seeds, pdf-samples with its manifest and reference texts)
 * and bad inputs built in memory. Every failure must be an AppError with the right code whose
 * message names the file.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { extractFile, sniffFormat } from '../../ingest/extract/index.js';
import { extractTxt, decodeText } from '../../ingest/extract/txt.js';
import { extractHtml, htmlToText } from '../../ingest/extract/html.js';
import { extractPdf } from '../../ingest/extract/pdf.js';
import { extractDocx } from '../../ingest/extract/docx.js';
import { extractDoc } from '../../ingest/extract/doc.js';
import { PAGE_SEPARATOR } from '../../ingest/extract/types.js';
import { AppError } from '../../src/errors.js';
import { encodeTcvn3 } from '../../src/text/legacy.js';
import { hasShared, junk, makePdf, pdfSamplesDir, seedsDir, sharedDir, toCp1258Form } from './fixtures.js';

if (!hasShared) console.warn(`[tests/ingest] ${sharedDir} not found: real-file extractor tests are skipped`);

/** Await a promise that must reject; return the AppError (fails the test otherwise). */
async function rejection(p: Promise<unknown>): Promise<AppError> {
  const settled = await p.then(() => null, (e: unknown) => e);
  expect(settled, 'expected the extractor to throw').toBeInstanceOf(AppError);
  return settled as AppError;
}

/** Word tokens, NFC lower case. */
function words(s: string): string[] {
  return s.normalize('NFC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}
/** Share of the reference's word tokens (as a multiset) found in ours. */
function recall(reference: string, ours: string): number {
  const bag = new Map<string, number>();
  for (const w of words(ours)) bag.set(w, (bag.get(w) ?? 0) + 1);
  const ref = words(reference);
  let hit = 0;
  for (const w of ref) { const n = bag.get(w) ?? 0; if (n) { hit++; bag.set(w, n - 1); } }
  return ref.length ? hit / ref.length : 1;
}

/** Minimal CSV reader (quoted fields with "" escapes), enough for manifest.csv. */
function readCsv(file: string): Record<string, string>[] {
  const rows: string[][] = [];
  const s = readFileSync(file, 'utf8');
  let row: string[] = []; let field = ''; let q = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (q) {
      if (c === '"' && s[i + 1] === '"') { field += '"'; i++; } else if (c === '"') q = false; else field += c;
    } else if (c === '"') q = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; }
    else if (c !== '\r') field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  const [head, ...body] = rows;
  return body.filter((r) => r.length === head.length).map((r) => Object.fromEntries(head.map((h, i) => [h, r[i]])));
}

describe('txt', () => {
  const vi = 'Điều 1. Phạm vi điều chỉnh\nThông tư này quy định về đánh giá học sinh trung học cơ sở.';

  it('reads UTF-8, with or without BOM, and normalizes to NFC', async () => {
    const nfd = vi.normalize('NFD');
    const r1 = await extractTxt('a.txt', Buffer.from(nfd, 'utf8'));
    expect(r1.text).toBe(vi);
    expect(r1.notes).toEqual([]);
    const r2 = await extractTxt('b.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(vi, 'utf8')]));
    expect(r2.text).toBe(vi);
  });

  it('detects UTF-16 LE/BE by BOM and without BOM', async () => {
    const le = Buffer.from(vi, 'utf16le');
    const be = Buffer.from(le).swap16();
    expect((await extractTxt('le.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), le]))).text).toBe(vi);
    expect((await extractTxt('be.txt', Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).text).toBe(vi);
    const r = await extractTxt('le-nobom.txt', le);
    expect(r.text).toBe(vi);
    expect(r.notes.join()).toMatch(/UTF-16LE/);
    expect((await extractTxt('be-nobom.txt', be)).text).toBe(vi);
  });

  it('decodes cp1258 (combining tones) to NFC and says so', async () => {
    const bytes = iconv.encode(toCp1258Form(vi), 'windows1258');
    expect(iconv.decode(bytes, 'windows1258')).not.toContain('?');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const r = await extractTxt('legacy.txt', bytes);
    expect(r.text).toBe(vi);
    expect(r.notes).toContain('decoded as cp1258 (not valid UTF-8)');
  });

  it('recognises TCVN3 (ABC) bytes and decodes them', async () => {
    const text = 'cộng hòa xã hội chủ nghĩa việt nam\nđộc lập tự do hạnh phúc\nthông tư quy định về đánh giá học sinh';
    const bytes = Buffer.from(encodeTcvn3(text), 'latin1');
    const r = await extractTxt('abc.txt', bytes);
    expect(r.text).toBe(text);
    expect(r.notes.join()).toMatch(/decoded as TCVN3/);
  });

  it('refuses binary junk named .txt with not_text, naming the file', async () => {
    const e = await rejection(extractTxt('junk.txt', junk(4096)));
    expect(e.code).toBe('not_text');
    expect(e.message).toContain('junk.txt');
    // junk without any NUL byte (not UTF-8, so decoded as cp1258): control characters give it away
    const noNul = Buffer.from(junk(4096).map((b) => (b === 0 ? 1 : b)));
    expect((await rejection(extractTxt('junk2.txt', noNul))).code).toBe('not_text');
  });

  it('refuses an empty or blank file with empty_file', async () => {
    expect((await rejection(extractTxt('empty.txt', Buffer.alloc(0)))).code).toBe('empty_file');
    const e = await rejection(extractTxt('blank.txt', Buffer.from(' \n\t\n ')));
    expect(e.code).toBe('empty_file');
    expect(e.message).toContain('blank.txt');
  });

  it('decodeText reports the encoding it used', () => {
    expect(decodeText(Buffer.from('abc')).encoding).toBe('utf-8');
    expect(decodeText(Buffer.from([0x54, 0xea, 0xcc, 0x6e])).encoding).toBe('windows1258');
  });
});

describe('html', () => {
  it('keeps headings, paragraphs and table rows as lines; cells separated by a tab', () => {
    const html = `<html><head><title>T</title></head><body><nav>Trang chủ | Tin tức</nav><article>
      <h1>Thông tư 26/2020/TT-BGDĐT</h1><p>Điều 1. <b>Phạm vi</b> điều chỉnh</p>
      <p>Dòng một<br>Dòng hai</p><h2>Phụ lục</h2>
      <table><tr><th>STT</th><th>Nội dung</th></tr><tr><td>1</td><td>Đánh giá học sinh</td></tr></table>
      <ul><li>mục a</li><li>mục b</li></ul><script>var x = 1;</script></article></body></html>`;
    const r = htmlToText(html);
    const lines = r.text.split('\n');
    expect(lines).toContain('Thông tư 26/2020/TT-BGDĐT');
    expect(lines).toContain('Điều 1. Phạm vi điều chỉnh');
    expect(lines).toContain('Dòng một');
    expect(lines).toContain('Dòng hai');
    expect(lines).toContain('STT\tNội dung');
    expect(lines).toContain('1\tĐánh giá học sinh');
    expect(lines).toContain('mục b');
    expect(r.text).not.toContain('var x');
  });

  it('a bare content fragment keeps everything, signature block included (no Readability)', () => {
    // Shape of vbpl's content-root HTML: a layout table for the header, paragraphs, then the signature table.
    const frag = `<!doctype html><meta charset="utf-8"><div data-vbpl-content-root="true">
      <table><tr><td><p><b>BỘ GIÁO DỤC VÀ ĐÀO TẠO</b></p><p>______</p></td><td><p>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p><p>Độc lập - Tự do - Hạnh phúc</p></td></tr>
      <tr><td><p>Số: 07/2026/TT-BGDĐT</p></td><td><p><em>Hà Nội, ngày 15 tháng 02 năm 2026</em></p></td></tr></table>
      <p>THÔNG TƯ</p><p>Điều 1. Phạm vi điều chỉnh</p>
      <table><tr><td><p><b>Nơi nhận:</b></p><p>- Văn phòng Chính phủ;</p><p>- Lưu: VT.</p></td><td><p>KT. BỘ TRƯỞNG</p><p>THỨ TRƯỞNG</p></td></tr></table></div>`;
    const r = htmlToText(frag);
    const lines = r.text.split('\n');
    expect(r.usedReadability).toBe(false);
    expect(lines.slice(0, 4)).toEqual(['BỘ GIÁO DỤC VÀ ĐÀO TẠO', '______', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc']);
    expect(lines).toContain('Số: 07/2026/TT-BGDĐT\tHà Nội, ngày 15 tháng 02 năm 2026');
    expect(lines).toContain('- Văn phòng Chính phủ;');
    expect(lines).toContain('THỨ TRƯỞNG');
    expect(r.html).toContain('<p>Số: 07/2026/TT-BGDĐT</p>');
    expect(r.html).not.toMatch(/data-vbpl|style=|<meta/);
  });

  it('decodes a declared legacy charset and returns cleaned html', async () => {
    const html = '<html><head><meta charset="windows-1258"><title>Thông báo</title></head><body><p>Thông báo số 460/TB-SGDĐT</p></body></html>';
    const r = await extractHtml('page.html', iconv.encode(toCp1258Form(html), 'windows1258'));
    expect(r.text).toContain('Thông báo số 460/TB-SGDĐT');
    expect(r.notes.join()).toMatch(/windows-1258/);
    expect(r.html).toContain('460/TB-SGDĐT');
    expect(r.format).toBe('html');
  });

  it('refuses an HTML file with no text', async () => {
    const e = await rejection(extractHtml('empty.html', Buffer.from('<html><body><script>x()</script></body></html>')));
    expect(e.code).toBe('empty_file');
    expect(e.message).toContain('empty.html');
  });
});

describe('pdf (generated)', () => {
  const page = 'Dieu 1. Pham vi dieu chinh\nThong tu nay quy dinh ve danh gia hoc sinh trung hoc co so va trung hoc pho thong.';

  it('extracts page-separated text', async () => {
    const r = await extractPdf('two.pdf', makePdf([page, `${page}\nDieu 2. Doi tuong`]));
    expect(r.pages).toBe(2);
    const pages = r.text.split(PAGE_SEPARATOR);
    expect(pages).toHaveLength(2);
    expect(pages[1]).toContain('Dieu 2. Doi tuong');
    expect(pages[0].split('\n')[0]).toBe('Dieu 1. Pham vi dieu chinh');
  });

  it('encrypted (user password) → encrypted', async () => {
    const e = await rejection(extractPdf('locked.pdf', makePdf([page], { userPassword: 'secret' })));
    expect(e.code).toBe('encrypted');
    expect(e.message).toContain('locked.pdf');
  });

  it('encrypted with an empty user password opens, with a note', async () => {
    const r = await extractPdf('owner-only.pdf', makePdf([page], { userPassword: '' }));
    expect(r.text).toContain('Pham vi dieu chinh');
    expect(r.notes.join()).toMatch(/encrypted without a user password/);
  });

  it('a short text PDF (little text, no images) is kept, with a note', async () => {
    const r = await extractPdf('short.pdf', makePdf(['Thong bao so 12']));
    expect(r.text).toBe('Thong bao so 12');
    expect(r.notes.join()).toMatch(/very little text/);
  });

  it('corrupt → extract_failed with the reason; blank pages → empty_file; 0 bytes → empty_file', async () => {
    const good = makePdf([page]);
    const truncated = await rejection(extractPdf('truncated.pdf', good.subarray(0, 200)));
    expect(truncated.code).toBe('extract_failed');
    expect(truncated.message).toMatch(/truncated\.pdf: .*invalid PDF/i);
    const garbage = await rejection(extractPdf('garbage.pdf', Buffer.concat([Buffer.from('%PDF-1.7\n'), junk(2000)])));
    expect(garbage.code).toBe('extract_failed');
    const blank = await rejection(extractPdf('blank.pdf', makePdf(['', ''])));
    expect(blank.code).toBe('empty_file');
    expect(blank.message).toMatch(/blank\.pdf: .*neither text nor images/);
    expect((await rejection(extractPdf('zero.pdf', Buffer.alloc(0)))).code).toBe('empty_file');
  });
});

describe('docx / doc (bad inputs)', () => {
  it('a .docx that is not a zip → extract_failed naming the file', async () => {
    const e = await rejection(extractDocx('fake.docx', Buffer.from('this is plain text, not a zip archive')));
    expect(e.code).toBe('extract_failed');
    expect(e.message).toMatch(/fake\.docx: not a valid DOCX/);
  });

  it('a zip that is not a Word document, named .docx → extract_failed', async () => {
    const zipHeaderOnly = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), junk(200)]);
    const e = await rejection(extractDocx('broken.docx', zipHeaderOnly));
    expect(e.code).toBe('extract_failed');
    expect(e.message).toContain('broken.docx');
  });

  it('a .doc that is not OLE → extract_failed', async () => {
    const e = await rejection(extractDoc('fake.doc', Buffer.from('hello')));
    expect(e.code).toBe('extract_failed');
    expect(e.message).toContain('fake.doc');
  });
});

describe('dispatcher', () => {
  it('sniffs content over a lying extension', async () => {
    const pdf = makePdf(['Dieu 1. Pham vi dieu chinh cua thong tu nay la danh gia hoc sinh trung hoc co so va pho thong']);
    expect(sniffFormat(pdf)).toBe('pdf');
    const r = await extractFile('really-a-pdf.doc', pdf);
    expect(r.format).toBe('pdf');
    expect(r.notes[0]).toMatch(/extension says doc, content is pdf/);
    const h = await extractFile('page.txt', Buffer.from('<!DOCTYPE html><html><body><p>Thông báo</p></body></html>'));
    expect(h.format).toBe('html');
    expect(h.text).toBe('Thông báo');
  });

  it('refuses unknown types and RTF clearly', async () => {
    expect((await rejection(extractFile('x.xyz', Buffer.from('abc')))).code).toBe('unsupported_format');
    const rtf = await rejection(extractFile('letter.doc', Buffer.from('{\\rtf1\\ansi hello}')));
    expect(rtf.code).toBe('unsupported_format');
    expect(rtf.message).toMatch(/letter\.doc: RTF/);
    expect((await rejection(extractFile('empty.pdf', Buffer.alloc(0)))).code).toBe('empty_file');
  });
});

describe.skipIf(!hasShared)('real files (../shared)', () => {
  it('seeds: every .txt extracts to Vietnamese text', async () => {
    const files = readdirSync(seedsDir).filter((f) => f.endsWith('.txt'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const r = await extractFile(path.join(seedsDir, f), readFileSync(path.join(seedsDir, f)));
      expect(r.format).toBe('txt');
      expect(r.text.length, f).toBeGreaterThan(500);
      expect(r.text, f).toMatch(/[ăâđêôơư]/);
    }
  });

  const manifestFile = path.resolve(pdfSamplesDir, '../manifest.csv');
  const manifest = existsSync(manifestFile) ? readCsv(manifestFile).filter((r) => existsSync(path.resolve(pdfSamplesDir, '..', r.file))) : [];

  it('pdf-samples: PDFs the manifest marks as text extract with its page count; image-only ones give no_text_layer when OCR is off', async () => {
    // All image-only PDFs and the 8 smallest text PDFs (the runner test ingests every file of the folder).
    const all = manifest.filter((r) => r.file.endsWith('.pdf'));
    const textPdfs = all.filter((r) => r.text_layer.startsWith('yes')).sort((a, b) => Number(a.bytes) - Number(b.bytes));
    const pdfs = [...all.filter((r) => !r.text_layer.startsWith('yes')), ...textPdfs.slice(0, 8)];
    expect(pdfs.length).toBeGreaterThan(5);
    let text = 0; let images = 0;
    for (const row of pdfs) {
      const file = path.resolve(pdfSamplesDir, '..', row.file);
      const bytes = readFileSync(file);
      if (row.text_layer.startsWith('yes')) {
        const r = await extractPdf(file, bytes);
        expect(r.pages, row.file).toBe(Number(row.pages));
        expect(r.text.split(PAGE_SEPARATOR), row.file).toHaveLength(Number(row.pages));
        expect(r.text, row.file).toMatch(/[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/);
        text++;
      } else {
        // OCR is tested in tests/ingest/ocr.test.ts (on one small scan): here it is off, to keep this fast.
        const e = await rejection(extractPdf(file, bytes, { ocr: false }));
        expect(e.code, row.file).toBe('no_text_layer');
        expect(e.message).toContain(path.basename(file));
        expect(e.message).toMatch(/OCR is needed \(it was turned off\)/);
        images++;
      }
    }
    expect(text).toBeGreaterThan(0);
    expect(images).toBeGreaterThan(0);
  }, 120_000);

  it('pdf-samples: word recall against the reference extractions is ≥ 0.96 (signature-stamp annotations are not page text)', async () => {
    // reference-text/*.txt: the source repository's own extraction of the same Công báo PDFs.
    const refDir = path.resolve(pdfSamplesDir, '../reference-text');
    const rows = manifest.filter((r) => r.reference_text && r.text_layer.startsWith('yes') && existsSync(path.resolve(pdfSamplesDir, '..', r.reference_text)));
    expect(rows.length).toBeGreaterThan(3);
    for (const row of rows.slice(0, 8)) {
      const file = path.resolve(pdfSamplesDir, '..', row.file);
      const r = await extractPdf(file, readFileSync(file));
      const ref = readFileSync(path.resolve(refDir, path.basename(row.reference_text)), 'utf8');
      expect(recall(ref, r.text), row.file).toBeGreaterThanOrEqual(0.96);
    }
  }, 120_000);

  it('pdf-samples: .doc and .docx extract, and the .doc / .pdf pairs of one document agree', async () => {
    const words = manifest.filter((r) => /\.docx?$/.test(r.file));
    expect(words.length).toBeGreaterThan(0);
    for (const row of words) {
      const file = path.resolve(pdfSamplesDir, '..', row.file);
      const r = await extractFile(file, readFileSync(file));
      expect(r.format, row.file).toBe(row.file.endsWith('.docx') ? 'docx' : 'doc');
      expect(r.text.length, row.file).toBeGreaterThan(5000);
      expect(r.text, row.file).toMatch(/Điều|ĐIỀU|Án lệ|ÁN LỆ/);
    }
    // Same-document pairs (manifest: same so_ky_hieu, one .doc and one .pdf): the PDF's words are in the .doc.
    const bySo = new Map<string, Record<string, string>[]>();
    for (const r of manifest) bySo.set(r.so_ky_hieu, [...(bySo.get(r.so_ky_hieu) ?? []), r]);
    let pairs = 0;
    for (const group of bySo.values()) {
      const doc = group.find((r) => r.file.endsWith('.doc'));
      const pdf = group.find((r) => r.file.endsWith('.pdf') && r.text_layer.startsWith('yes'));
      if (!doc || !pdf) continue;
      const d = await extractFile(path.resolve(pdfSamplesDir, '..', doc.file), readFileSync(path.resolve(pdfSamplesDir, '..', doc.file)));
      const p = await extractFile(path.resolve(pdfSamplesDir, '..', pdf.file), readFileSync(path.resolve(pdfSamplesDir, '..', pdf.file)));
      // The PDF carries Công báo running headers and page numbers the .doc lacks: most, not all, of its words.
      expect(recall(p.text, d.text), `${pdf.file} vs ${doc.file}`).toBeGreaterThan(0.85);
      pairs++;
    }
    expect(pairs).toBeGreaterThan(0);
  }, 120_000);
});
