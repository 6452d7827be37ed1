/**
 * Golden tests on the bundled seed corpus (/work/main/corpus, always present).
 * Expected values were written by READING each seed file, not by running the parser.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument, MAX_PASSAGE_CHARS } from '../../src/docs/parse.js';
import { parseStructure, walk } from '../../src/docs/structure.js';
import { normalize } from '../../src/text/normalize.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const seed = (name: string) => readFileSync(path.join(repoRoot, 'corpus', name), 'utf8');

describe('seed 002 (web copy of Thông báo 460/TB-SGDĐT, Sở GD&ĐT Sơn La; header cells glued onto one line)', () => {
  // From corpus/002_db685673e0713cc6.txt, line 5: "UBND TỈNH SƠN LASỞ GIÁO DỤCVÀ ĐÀO TẠOSố:460/TB-SGDĐTCỘNG HOÀ … Sơn La, ngày30tháng 11năm 2020THÔNG BÁOKết luận Hội nghị …"
  // and the end: "…-Lưu: VT, GDTrH-GDTX.GIÁM ĐỐC Nguyễn Huy Hoàng".
  const r = parseDocument({ text: seed('002_db685673e0713cc6.txt'), format: 'txt', path: 'corpus/002_db685673e0713cc6.txt' });
  const d = r.document;
  it('header metadata', () => {
    expect(d.number).toBe('460/TB-SGDĐT');
    expect(d.issuedAt).toBe('2020-11-30');
    expect(d.kind).toBe('thông báo');
    // "UBND TỈNH SƠN LA / SỞ GIÁO DỤC VÀ ĐÀO TẠO" → the registry's canonical names (src/kinds/issuers.ts)
    expect(d.issuer).toBe('Sở Giáo dục và Đào tạo Sơn La');
    expect(d.parentIssuer).toBe('Ủy ban nhân dân tỉnh Sơn La');
    expect(d.place).toBe('Sơn La');
    expect(d.signer).toBe('Nguyễn Huy Hoàng');
    expect(d.signerTitle).toBe('GIÁM ĐỐC');
    expect(d.title).toMatch(/^Kết luận Hội nghị triển khai nhiệm vụ giáo dục trung học năm học ?2020-2021$/);
    expect(d.refId).toBe('460-tb-sgddt-2020');
  });
  it('recipients from "Nơi nhận"', () => {
    expect(d.recipients).toContain('Phòng GD&ĐT huyện, thành phố');
    expect(d.recipients!.some((x) => /^Lưu/.test(x))).toBe(false);
  });
  it('outline passages: 1. → 1.1 … 2. → 2.15, with heading paths', () => {
    const anchors = r.passages.map((p) => p.anchor);
    expect(anchors[0]).toBe('header');
    for (const a of ['muc-1-1', 'muc-1-2', 'muc-2-1', 'muc-2-13', 'muc-2-15']) expect(anchors).toContain(a);
    // a unit longer than the bound is cut at sentence ends into consecutive parts: muc-1-3, muc-1-3-p2
    const i13 = anchors.indexOf('muc-1-3');
    expect(anchors[i13 + 1]).toBe('muc-1-3-p2');
    expect(r.passages[i13].text.length + r.passages[i13 + 1].text.length).toBeGreaterThan(MAX_PASSAGE_CHARS);
    expect(r.passages[i13].text).toMatch(/[.;:!?]$/);
    const p213 = r.passages.find((p) => p.anchor === 'muc-2-13')!;
    expect(p213.text.startsWith('2.13.')).toBe(true);
    expect(p213.headingPath).toMatch(/^2\. Các giải pháp cụ ?thể › 2\.13\. Triển khai đại trà và thí điểm Giáo dục STEM/);
  });
  it('the motto and the signature block stay out of passages', () => {
    const all = r.passages.map((p) => p.text).join('\n');
    expect(all).not.toMatch(/CỘNG HO[ÀA] XÃ HỘI CHỦ NGHĨA/);
    expect(all).not.toContain('Nguyễn Huy Hoàng');
    expect(all).not.toMatch(/Các đơn vị trực thuộc ?Sở;/);
  });
  it('document refs: outgoing, deduplicated, without its own number', () => {
    const ids = d.refs.map((x) => x.canonical);
    expect(ids).toContain('3414-bgddt-gdtrh-2020');
    expect(ids).toContain('666-ct-bgddt-2020');
    expect(ids).not.toContain(d.refId);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('news seeds (no administrative header)', () => {
  it('004: kind tin tức, heading title, page date "Cập nhật: 11/08/2023"', () => {
    // corpus/004_e5419caefa74c938.txt: first line "10 nhiệm vụ trọng tâm trong năm học 2023 - 2024"; near the end "👨 Mai Lê Cập nhật: 11/08/2023"
    const d = parseDocument({ text: seed('004_e5419caefa74c938.txt'), format: 'txt' }).document;
    expect(d.kind).toBe('tin tức');
    expect(d.title).toBe('10 nhiệm vụ trọng tâm trong năm học 2023 - 2024');
    expect(d.issuedAt).toBe('2023-08-11');
    expect(d.number).toBeUndefined();
  });
  it('003: heading line is the title; no date shown', () => {
    // corpus/003_9da619478d875a4b.txt, first line
    const d = parseDocument({ text: seed('003_9da619478d875a4b.txt'), format: 'txt' }).document;
    expect(d.kind).toBe('tin tức');
    expect(d.title.startsWith('06 nhóm nhiệm vụ trọng tâm mà các ngành, địa phương cần tập trung')).toBe(true);
    expect(d.issuedAt).toBeUndefined();
  });
  it('000 and 001: article bodies without heading: kind tin tức, no number, no date', () => {
    for (const f of ['000_b39c03b4349867b2.txt', '001_ef589262bdd8a3fd.txt']) {
      const r = parseDocument({ text: seed(f), format: 'txt' });
      expect(r.document.kind).toBe('tin tức');
      expect(r.document.number).toBeUndefined();
      expect(r.document.issuedAt).toBeUndefined();
      expect(r.passages.every((p) => /^p\d+$/.test(p.anchor) || p.anchor === 'header')).toBe(true);
    }
  });
});

describe('passage invariants on every seed', () => {
  for (const f of ['000_b39c03b4349867b2.txt', '001_ef589262bdd8a3fd.txt', '002_db685673e0713cc6.txt', '003_9da619478d875a4b.txt', '004_e5419caefa74c938.txt']) {
    it(f, () => {
      const r = parseDocument({ text: seed(f), format: 'txt', id: f });
      const ids = r.passages.map((p) => p.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const p of r.passages) {
        expect(p.id).toBe(`${r.document.id}:${p.anchor}`);
        expect(p.text.length).toBeGreaterThan(0);
        expect(p.text.length).toBeLessThanOrEqual(MAX_PASSAGE_CHARS);
        expect(p.anchor).toMatch(/^[a-z0-9-]+$/);
        for (const ref of p.refs) expect(p.text.slice(ref.start, ref.end)).toBe(ref.raw);
      }
      expect(r.passages.map((p) => p.ordinal)).toEqual(r.passages.map((_, i) => i));
    });
  }
});

describe('conflict policy: the document\'s own header wins over the source; overrides win; conflicts are reported', () => {
  const text = seed('002_db685673e0713cc6.txt');
  it('a confident header number beats a crawler\'s, which is kept as source metadata', () => {
    const r = parseDocument({ text, format: 'jsonl', meta: { number: '461/TB-SGDĐT', issuedAt: '2020-11-30' } });
    expect(r.document.number).toBe('460/TB-SGDĐT');
    expect(r.document.source.metadata).toEqual({ number: '461/TB-SGDĐT' });
    expect(r.conflicts).toEqual([{ field: 'number', header: '460/TB-SGDĐT', source: '461/TB-SGDĐT', winner: 'header', reason: 'read from the header\'s "Số:" cell' }]);
  });
  it('an override ("number=!so_ky_hieu") wins and is reported too', () => {
    const r = parseDocument({ text, format: 'jsonl', meta: { number: '461/TB-SGDĐT' }, overrides: ['number'] });
    expect(r.document.number).toBe('461/TB-SGDĐT');
    expect(r.conflicts).toEqual([expect.objectContaining({ field: 'number', winner: 'source' })]);
  });
  it('equal values (issuer spelled otherwise) are no conflict', () => {
    const r = parseDocument({ text, format: 'jsonl', meta: { issuer: 'SỞ GD&ĐT SƠN LA', issuedAt: '2020-11-30', kind: 'Thông báo' } });
    expect(r.conflicts).toEqual([]);
    expect(r.document.issuer).toBe('Sở Giáo dục và Đào tạo Sơn La');
  });
  it('dates in the future or before 1945 are rejected with a note, on either side', () => {
    const r = parseDocument({ text, format: 'jsonl', meta: { issuedAt: '2027-02-28' }, today: '2026-12-03' });
    expect(r.document.issuedAt).toBe('2020-11-30');
    expect(r.notes).toContain('issuedAt 2027-02-28 given by the source rejected: in the future (today is 2026-12-03)');
    const old = parseDocument({ text: text.replace('năm 2020', 'năm 1930'), format: 'txt', today: '2026-12-03' });
    expect(old.document.issuedAt).toBeUndefined();
  });
});

describe('parseStructure on a decree layout (text written like vbpl-central records)', () => {
  // Shape taken from Nghị định 249/2025/NĐ-CP as published on vbpl.vn (Chương / Mục / Điều / khoản / điểm, blank-line separated).
  const text = normalize([
    'Chương I', '', 'QUY ĐỊNH CHUNG', '', 'Điều 1. Phạm vi điều chỉnh', '', '1. Nghị định này quy định cơ chế.', '', '2. Nghị định này không áp dụng đối với Tổng công trình sư.', '',
    'Chương II', '', 'TUYỂN CHỌN CHUYÊN GIA', '', 'Mục 1', '', 'TIÊU CHÍ', '', 'Điều 3. Tiêu chí tuyển chọn chuyên gia', '', '1. Chuyên gia là người có kiến thức.', '', '2. Tiêu chí chung:', '',
    'a) Chủ trì nhiệm vụ;', '', 'b) Có kết quả nghiên cứu.', '', '3. Trường hợp khác theo quy định tại khoản 2 Điều này.',
  ].join('\n'));
  const tree = parseStructure(text);
  it('tree and anchors', () => {
    expect(tree.map((n) => n.anchor)).toEqual(['chuong-i', 'chuong-ii']);
    expect(tree[0].title).toBe('QUY ĐỊNH CHUNG');
    const all = [...walk(tree)].map(([n]) => n.anchor);
    expect(all).toEqual(['chuong-i', 'dieu-1', 'dieu-1-khoan-1', 'dieu-1-khoan-2', 'chuong-ii', 'chuong-ii-muc-1', 'dieu-3', 'dieu-3-khoan-1', 'dieu-3-khoan-2', 'dieu-3-khoan-2-diem-a', 'dieu-3-khoan-2-diem-b', 'dieu-3-khoan-3']);
    const d3 = tree[1].children[0].children[0];
    expect(d3.title).toBe('Tiêu chí tuyển chọn chuyên gia');
    expect(text.slice(d3.start, d3.end).endsWith('khoản 2 Điều này.')).toBe(true);
  });
  it('a hard-wrapped line starting with a number does not open a khoản out of sequence', () => {
    const t = 'Điều 2. Áp dụng\n1. Theo quy định tại khoản\n5. Điều 7 của Luật này.\n2. Khoản hai.';
    const nodes = [...walk(parseStructure(t))].map(([n]) => n.anchor);
    expect(nodes).toEqual(['dieu-2', 'dieu-2-khoan-1', 'dieu-2-khoan-2']);
  });
  it('passages follow Điều, with the Điều title in the heading path', () => {
    const r = parseDocument({ text, format: 'txt', id: 'nd' });
    const p = r.passages.find((x) => x.anchor === 'dieu-3')!;
    expect(p.headingPath).toBe('Chương II › Mục 1 › Điều 3. Tiêu chí tuyển chọn chuyên gia');
    const long = parseDocument({ text, format: 'txt', id: 'nd' }, { maxPassageChars: 120 });
    const k2 = long.passages.find((x) => x.anchor.startsWith('dieu-3-khoan-2'))!;
    expect(k2.headingPath.startsWith('Chương II › Mục 1 › Điều 3. Tiêu chí tuyển chọn chuyên gia › Khoản 2')).toBe(true);
    expect(long.passages.every((x) => x.text.length <= 120)).toBe(true);
  });
});

describe('passageForAnchor (permalinks and pinpoints land on a passage)', async () => {
  const { passageForAnchor } = await import('../../src/docs/anchors.js');
  // Nghị định 249/2025/NĐ-CP shape as in the decree test above: Điều 1 fits one passage, Điều 3 is split when the bound is small
  const text = normalize(['Chương I', 'QUY ĐỊNH CHUNG', 'Điều 1. Phạm vi điều chỉnh', '1. Nghị định này quy định cơ chế.', '2. Không áp dụng đối với Tổng công trình sư.',
    'Điều 3. Tiêu chí tuyển chọn chuyên gia', '1. Chuyên gia là người có kiến thức, trình độ, kinh nghiệm nghiên cứu.', '2. Tiêu chí chung:', 'a) Chủ trì nhiệm vụ khoa học, công nghệ;', 'đ) Có kết quả nghiên cứu được ứng dụng.'].join('\n'));
  const r = parseDocument({ text, format: 'txt', id: 'nd' }, { maxPassageChars: 120 });
  it('exact, enclosing, first inside', () => {
    expect(passageForAnchor(r.passages, 'dieu-1')!.anchor).toBe('dieu-1');
    expect(passageForAnchor(r.passages, 'dieu-1-khoan-2')!.anchor).toBe('dieu-1');
    expect(passageForAnchor(r.passages, 'dieu-3')!.text.startsWith('Điều 3. Tiêu chí tuyển chọn chuyên gia')).toBe(true);
    expect(passageForAnchor(r.passages, 'dieu-3-khoan-2')!.anchor.startsWith('dieu-3-khoan-2')).toBe(true);
    expect(passageForAnchor(r.passages, 'chuong-i', r.structure)!.anchor).toBe('dieu-1');
    expect(passageForAnchor(r.passages, 'dieu-9')).toBeUndefined();
  });
});
