/**
 * Golden tests on real documents of /work/shared/corpus (vbpl-central JSONL texts and HTML, congbao-8chude texts,
 * pdf-samples reference texts). Every expected value below was written by READING the document text (header cells,
 * kind line, title lines, signature block), not by running the parser; the comment on each case says where it is.
 * Skipped, with a note, when /work/shared is absent.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';
import { parseDocument, MAX_PASSAGE_CHARS } from '../../src/docs/parse.js';
import type { DocumentRecord } from '../../src/docs/model.js';

/** A crawler record as read here (each test reads its own fields). */
type Rec = Record<string, string>;

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const shared = path.resolve(repoRoot, '../shared');
const exists = existsSync(path.join(shared, 'corpus'));
if (!exists) console.log(`[tests/docs/corpus] ${shared}/corpus is absent: real-document golden tests skipped.`);

type Expect = Partial<Pick<DocumentRecord, 'kind' | 'number' | 'issuedAt' | 'issuer' | 'parentIssuer' | 'place' | 'signer' | 'signerTitle' | 'signerAuthority' | 'title'>> & { titleStarts?: string; anchors?: string[] };

function check(text: string, exp: Expect) {
  const r = parseDocument({ text, format: 'txt', id: 'golden' });
  const d = r.document;
  for (const k of ['kind', 'number', 'issuedAt', 'issuer', 'parentIssuer', 'place', 'signer', 'signerTitle', 'signerAuthority', 'title'] as const) {
    if (exp[k] !== undefined) expect(d[k], k).toBe(exp[k]);
  }
  if (exp.titleStarts) expect(d.title.startsWith(exp.titleStarts), `title "${d.title}"`).toBe(true);
  const anchors = r.passages.map((p) => p.anchor);
  const landing = r.passages.flatMap((p) => [p.anchor, ...(p.aliases ?? [])]);
  for (const a of exp.anchors ?? []) expect(landing, a).toContain(a);
  expect(new Set(anchors).size).toBe(anchors.length);
  for (const p of r.passages) expect(p.text.length).toBeLessThanOrEqual(MAX_PASSAGE_CHARS);
  return r;
}

/** Block-level HTML → lines (table cells flattened one per line, as the ingest extractor does). */
function htmlToText(html: string): string {
  const { document } = parseHTML(`<html><body>${html}</body></html>`);
  for (const el of document.querySelectorAll('br')) el.replaceWith('\n');
  for (const el of document.querySelectorAll('p,td,th,tr,div,li,h1,h2,h3,h4,h5,h6')) el.append('\n');
  return (document.body.textContent ?? '').replace(/[ \t]+\n/g, '\n').replace(/\n{2,}/g, '\n\n');
}

describe.skipIf(!exists)('real documents (golden, read by hand)', () => {
  let vbpl: Map<string, Rec>;
  let congbao: Map<string, Rec>;
  beforeAll(() => {
    const read = (p: string) => new Map(gunzipSync(readFileSync(path.join(shared, p))).toString('utf8').split('\n').filter(Boolean).map((l) => { const r = JSON.parse(l); return [r.id, r]; }));
    vbpl = read('corpus/vbpl-central/docs.jsonl.gz');
    congbao = read('corpus/congbao-8chude/docs.jsonl.gz');
  });

  // vbpl-central/docs.jsonl.gz, id vbpl-187193 (doc_000001): "CHÍNH PHỦ / CỘNG HÒA… / Số: 249/2025/NĐ-CP / Hà Nội, ngày 19 tháng 09 năm 2025 /
  // NGHỊ ĐỊNH / Quy định cơ chế, chính sách thu hút chuyên gia…"; ends "TM. CHÍNH PHỦ / KT. THỦ TƯỚNG / PHÓ THỦ TƯỚNG / (Đã ký) / Nguyễn Hòa Bình".
  it('vbpl-187193 Nghị định 249/2025/NĐ-CP', () => {
    const r = check(vbpl.get('vbpl-187193')!.text, {
      kind: 'nghị định', number: '249/2025/NĐ-CP', issuedAt: '2025-09-19', issuer: 'Chính phủ', place: 'Hà Nội',
      title: 'Quy định cơ chế, chính sách thu hút chuyên gia khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số',
      signer: 'Nguyễn Hòa Bình', signerTitle: 'PHÓ THỦ TƯỚNG', signerAuthority: 'TM. CHÍNH PHỦ / KT. THỦ TƯỚNG',
      anchors: ['header', 'dieu-1', 'dieu-2'],
    });
    // Chương II › Mục 1 › Điều 3 "Tiêu chí tuyển chọn chuyên gia" (read in the text)
    expect(r.passages.some((p) => p.headingPath.startsWith('Chương II › Mục 1 › Điều 3. Tiêu chí tuyển chọn chuyên gia'))).toBe(true);
    expect(r.document.refs.some((x) => x.canonical === '63-2025-qh15')).toBe(true); // "Căn cứ Luật Tổ chức Chính phủ số 63/2025/QH15"
  });

  // vbpl-186661: "QUỐC HỘI / … / Luật số: 121/2025/QH15 / Hà Nội, ngày 10 tháng 12 năm 2025 / LUẬT / HOẠT ĐỘNG GIÁM SÁT CỦA QUỐC HỘI VÀ HỘI ĐỒNG NHÂN DÂN";
  // "Quốc hội ban hành Luật Hoạt động giám sát của Quốc hội và Hội đồng nhân dân."; ends "CHỦ TỊCH QUỐC HỘI / (Đã ký) / Trần Thanh Mẫn".
  it('vbpl-186661 Luật 121/2025/QH15 (upper-case title taken in mixed case from the enacting sentence, with its kind word)', () => {
    check(vbpl.get('vbpl-186661')!.text, {
      kind: 'luật', number: '121/2025/QH15', issuedAt: '2025-12-10', issuer: 'Quốc hội',
      title: 'Luật Hoạt động giám sát của Quốc hội và Hội đồng nhân dân', signer: 'Trần Thanh Mẫn', signerTitle: 'CHỦ TỊCH QUỐC HỘI',
      anchors: ['dieu-1', 'dieu-45'],
    });
  });

  // vbpl-186780: "ỦY BAN THƯỜNG VỤ QUỐC HỘI / … / Nghị quyết số: 99/2025/UBTVQH15 / NGHỊ QUYẾT / BAN HÀNH QUY CHẾ TỔ CHỨC VÀ HOẠT ĐỘNG CỦA ĐOÀN HỘI THẨM";
  // no header date; "Nghị quyết này được Ủy ban Thường vụ Quốc hội … khóa XV thông qua ngày 25 tháng 9 năm 2025." then "TM. ỦY BAN THƯỜNG VỤ QUỐC HỘI / CHỦ TỊCH / Trần Thanh Mẫn",
  // then the attached Quy chế with its own Điều 1…
  it('vbpl-186780 Nghị quyết 99/2025/UBTVQH15 (date from "thông qua ngày"; attached regulation restarts Điều numbers)', () => {
    const r = check(vbpl.get('vbpl-186780')!.text, {
      kind: 'nghị quyết', number: '99/2025/UBTVQH15', issuedAt: '2025-09-25', issuer: 'Ủy ban Thường vụ Quốc hội',
      signer: 'Trần Thanh Mẫn', signerTitle: 'CHỦ TỊCH', signerAuthority: 'TM. ỦY BAN THƯỜNG VỤ QUỐC HỘI',
    });
    const dieu1 = r.passages.filter((p) => /^Điều 1\./.test(p.text) || /(^|-)dieu-1(-|$)/.test(p.anchor));
    expect(dieu1.length).toBeGreaterThanOrEqual(2); // Điều 1 of the resolution and Điều 1 of the Quy chế, distinct anchors
  });

  // vbpl-186739: "CHÍNH PHỦ / … / Số: 43/2026/NĐ-CP / Hà Nội, ngày 26 tháng 01 năm 2026 / NGHỊ ĐỊNH / Sửa đổi, bổ sung một số điều của các nghị định /
  // trong lĩnh vực bảo tồn thiên nhiên và đa dạng sinh học" (title split over two blank-separated lines); ends "… PHÓ THỦ TƯỚNG / (Đã ký) / Trần Hồng Hà".
  it('vbpl-186739 Nghị định 43/2026/NĐ-CP (title over two lines)', () => {
    check(vbpl.get('vbpl-186739')!.text, {
      kind: 'nghị định', number: '43/2026/NĐ-CP', issuedAt: '2026-01-26',
      title: 'Sửa đổi, bổ sung một số điều của các nghị định trong lĩnh vực bảo tồn thiên nhiên và đa dạng sinh học',
      signer: 'Trần Hồng Hà', signerTitle: 'PHÓ THỦ TƯỚNG',
    });
  });

  // vbpl-186984: "BỘ TÀI CHÍNH / Số 06/2026/TT-BTС" (no colon; Cyrillic С in the official number) / … / "Hà Nội, ngày 26 tháng 01 năm 2026 / THÔNG TƯ";
  // "Nơi nhận: … - Lưu: VT, CHQ (60b). / KT. BỘ TRƯỞNG / THỨ TRƯỞNG / (Đã ký) / Nguyễn Đức Chi".
  it('vbpl-186984 Thông tư 06/2026/TT-BTC (Cyrillic С normalised, "Số" without colon)', () => {
    const r = check(vbpl.get('vbpl-186984')!.text, {
      kind: 'thông tư', number: '06/2026/TT-BTC', issuedAt: '2026-01-26', issuer: 'Bộ Tài chính',
      signer: 'Nguyễn Đức Chi', signerTitle: 'THỨ TRƯỞNG', signerAuthority: 'KT. BỘ TRƯỞNG',
    });
    expect(r.document.recipients).toContain('Công báo');
    expect(r.document.recipients).toContain('Văn phòng Quốc hội');
  });

  // vbpl-187102: "BỘ GIÁO DỤC VÀ ĐÀO TẠO / … / Số: 02/2026/TT-BGDĐT / Hà Nội, ngày 22 tháng 01 năm 2026 / THÔNG TƯ / Sửa đổi, bổ sung…";
  // ends "- Lưu: VT, PC, NGCBQLGD (05b). / KT. BỘ TRƯỞNG / THỨ TRƯỞNG / (Đã ký) / Phạm Ngọc Thưởng".
  it('vbpl-187102 Thông tư 02/2026/TT-BGDĐT', () => {
    check(vbpl.get('vbpl-187102')!.text, {
      kind: 'thông tư', number: '02/2026/TT-BGDĐT', issuedAt: '2026-01-22', issuer: 'Bộ Giáo dục và Đào tạo',
      titleStarts: 'Sửa đổi, bổ sung một số điều của Quy định việc tổ chức đào tạo', signer: 'Phạm Ngọc Thưởng',
    });
  });

  // vbpl-central/html.tar.gz html/doc_000016.html: table cells "BỘ GIÁO DỤC VÀ ĐÀO TẠO" | "CỘNG HÒA…", "Số: 07/2026/TT-BGDĐT" | "Hà Nội, ngày 15 tháng 02 năm 2026";
  // "THÔNG TƯ / Quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng và / Nghị định số 152/2025/NĐ-CP …"; ends "KT. BỘ TRƯỞNG / THỨ TRƯỞNG / (Đã ký) / Phạm Ngọc Thưởng".
  it('vbpl html/doc_000016.html (HTML, header table flattened)', () => {
    const html = execFileSync('tar', ['-xzOf', path.join(shared, 'corpus/vbpl-central/html.tar.gz'), 'html/doc_000016.html'], { maxBuffer: 1 << 26 }).toString('utf8');
    check(htmlToText(html), {
      kind: 'thông tư', number: '07/2026/TT-BGDĐT', issuedAt: '2026-02-15', issuer: 'Bộ Giáo dục và Đào tạo', place: 'Hà Nội',
      titleStarts: 'Quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng và Nghị định số 152/2025/NĐ-CP',
      signer: 'Phạm Ngọc Thưởng', signerTitle: 'THỨ TRƯỞNG', anchors: ['dieu-1'],
    });
  });

  // congbao-8chude congbao-luat-so-41-2024-qh15-42576: "CÔNG BÁO/Số 987 + 988/Ngày 25-8-2024 / 3 / QUỐC HỘI / Luật số: 41/2024/QH15 / CỘNG HÒA… / LUẬT / BẢO HIỂM XÃ HỘI";
  // "… kỳ họp thứ 7 thông qua ngày 29 tháng 6 năm 2024. / CHỦ TỊCH QUỐC HỘI / Trần Thanh Mẫn".
  it('congbao Luật 41/2024/QH15 (gazette running header, no header date)', () => {
    check(congbao.get('congbao-luat-so-41-2024-qh15-42576')!.text, {
      kind: 'luật', number: '41/2024/QH15', issuedAt: '2024-06-29', issuer: 'Quốc hội', title: 'Luật Bảo hiểm xã hội',
      signer: 'Trần Thanh Mẫn', anchors: ['dieu-1', 'dieu-2'],
    });
  });

  // congbao-nghi-quyet-so-16-2026-nq-cp-469356: "CHÍNH PHỦ / Số: 16/2026/NQ-CP / … / Hà Nội, ngày 07 tháng 4 năm 2026 / NGHỊ QUYẾT / Quy định về cơ chế…";
  // "TM. CHÍNH PHỦ / KT. THỦ TƯỚNG / PHÓ THỦ TƯỚNG / Nguyễn Hòa Bình", then "Phụ lục I / DANH MỤC DỰ ÁN…".
  it('congbao Nghị quyết 16/2026/NQ-CP (annexes after the signature)', () => {
    check(congbao.get('congbao-nghi-quyet-so-16-2026-nq-cp-469356')!.text, {
      kind: 'nghị quyết', number: '16/2026/NQ-CP', issuedAt: '2026-04-07', issuer: 'Chính phủ',
      titleStarts: 'Quy định về cơ chế, chính sách tháo gỡ khó khăn, vướng mắc đối với dự án đầu tư theo hình thức Xây dựng - Chuyển giao',
      signer: 'Nguyễn Hòa Bình', anchors: ['dieu-1', 'phu-luc-i'],
    });
  });

  // congbao-thong-tu-so-03-2022-tt-bldtbxh-36975: gazette section "BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", then the cell "BỘ LAO ĐỘNG - THƯƠNG BINH / VÀ XÃ HỘI /
  // Số: 03/2022/TT-BLĐTBXH / … / Hà Nội, ngày 30 tháng 3 năm 2022 / THÔNG TƯ / Quy định Danh mục nhà tù…".
  it('congbao Thông tư 03/2022/TT-BLĐTBXH (issuer over two lines)', () => {
    check(congbao.get('congbao-thong-tu-so-03-2022-tt-bldtbxh-36975')!.text, {
      kind: 'thông tư', number: '03/2022/TT-BLĐTBXH', issuedAt: '2022-03-30', issuer: 'Bộ Lao động - Thương binh và Xã hội', place: 'Hà Nội',
      titleStarts: 'Quy định Danh mục nhà tù và những nơi được coi là nhà tù', anchors: ['dieu-1', 'dieu-2', 'phu-luc'],
    });
  });

  // congbao-van-ban-hop-nhat-so-03-vbhn-btc-468970: top "NGHỊ ĐỊNH1 / Quy định chi tiết thi hành một số điều của Luật Thuế giá trị gia tăng";
  // authentication block at the end: "BỘ TÀI CHÍNH / XÁC THỰC VĂN BẢN HỢP NHẤT / Số: 03/VBHN-BTC / Hà Nội, ngày 12 tháng 02 năm 2026 / KT. BỘ TRƯỞNG / THỨ TRƯỞNG / Cao Anh Tuấn".
  it('congbao Văn bản hợp nhất 03/VBHN-BTC (number and date in the authentication block)', () => {
    check(congbao.get('congbao-van-ban-hop-nhat-so-03-vbhn-btc-468970')!.text, {
      kind: 'văn bản hợp nhất', number: '03/VBHN-BTC', issuedAt: '2026-02-12', issuer: 'Bộ Tài chính',
      title: 'Nghị định Quy định chi tiết thi hành một số điều của Luật Thuế giá trị gia tăng', signer: 'Cao Anh Tuấn',
    });
  });

  // congbao-thong-tu-so-14-2026-tt-btc-469036: "BỘ TÀI CHÍNH / CỘNG HOÀ… / Số: 14/2026/TT-BTC / Hà Nội, ngày 02 tháng 3 năm 2026 / THÔNG TƯ / Hướng dẫn việc lập dự toán…";
  // ends "KT. BỘ TRƯỞNG / THỨ TRƯỞNG / Nguyễn Thị Bích Ngọc".
  it('congbao Thông tư 14/2026/TT-BTC', () => {
    check(congbao.get('congbao-thong-tu-so-14-2026-tt-btc-469036')!.text, {
      kind: 'thông tư', number: '14/2026/TT-BTC', issuedAt: '2026-03-02', issuer: 'Bộ Tài chính',
      titleStarts: 'Hướng dẫn việc lập dự toán, quản lý, sử dụng, quyết toán kinh phí', signer: 'Nguyễn Thị Bích Ngọc', signerAuthority: 'KT. BỘ TRƯỞNG',
    });
  });

  // pdf-samples/reference-text/congbao__chi-thi-so-21-ct-ttg-469580.txt: "THỦ TƯỚNG CHÍNH PHỦ / Số: 21/CT-TTg / … / Hà Nội, ngày 20 tháng 5 năm 2026 / CHỈ THỊ /
  // Về việc sắp xếp thôn, tổ dân phố…"; ends " KT. THỦ TƯỚNG /  PHÓ THỦ TƯỚNG / Phạm Thị Thanh Trà".
  it('pdf reference text: Chỉ thị 21/CT-TTg (administrative number, outline body)', () => {
    const r = check(readFileSync(path.join(shared, 'corpus/pdf-samples/reference-text/congbao__chi-thi-so-21-ct-ttg-469580.txt'), 'utf8'), {
      kind: 'chỉ thị', number: '21/CT-TTg', issuedAt: '2026-05-20', issuer: 'Thủ tướng Chính phủ',
      titleStarts: 'Về việc sắp xếp thôn, tổ dân phố và bố trí, sử dụng, chế độ, chính sách', signer: 'Phạm Thị Thanh Trà', signerTitle: 'PHÓ THỦ TƯỚNG',
    });
    expect(r.document.refId).toBe('21-ct-ttg-2026');
  });

  // pdf-samples/reference-text/congbao__nghi-dinh-so-117-2022-nd-cp-38918.txt: "CHÍNH PHỦ / CHÍNH PHỦ / Số: 117/2022/NĐ-CP / … / Hà Nội, ngày 30 tháng 12 năm 2022 /
  // NGHỊ ĐỊNH / Biểu thuế xuất khẩu ưu đãi, Biểu thuế nhập khẩu ưu đãi đặc biệt / của Việt Nam…"; "TM. CHÍNH PHỦ / KT. THỦ TƯỚNG / PHÓ THỦ TƯỚNG / Lê Minh Khái".
  it('pdf reference text: Nghị định 117/2022/NĐ-CP (title over four lines, duplicated issuer)', () => {
    check(readFileSync(path.join(shared, 'corpus/pdf-samples/reference-text/congbao__nghi-dinh-so-117-2022-nd-cp-38918.txt'), 'utf8'), {
      kind: 'nghị định', number: '117/2022/NĐ-CP', issuedAt: '2022-12-30', issuer: 'Chính phủ',
      title: 'Biểu thuế xuất khẩu ưu đãi, Biểu thuế nhập khẩu ưu đãi đặc biệt của Việt Nam để thực hiện Hiệp định Thương mại tự do giữa Cộng hòa xã hội chủ nghĩa Việt Nam và Liên hiệp Vương quốc Anh và Bắc Ai-len giai đoạn 2022 - 2027',
      signer: 'Lê Minh Khái', signerAuthority: 'TM. CHÍNH PHỦ / KT. THỦ TƯỚNG',
    });
  });
});

// vbpl-183992, Nghị quyết liên tịch 102/2025/NQLT-UBTVQH15-CP-ĐCTUBTWMTTQVN, read by hand: the text ends with three
// signature blocks one after another: "TM.ĐOÀN CHỦ TỊCH UB TW MẶT TRẬN TỔ QUỐC VIỆT NAM / CHỦ TỊCH / (Đã ký) / Đỗ Văn Chiến /
// TM. CHÍNH PHỦ / THỦ TƯỚNG / (Đã ký) / Phạm Minh Chính / TM. ỦY BAN THƯỜNG VỤ QUỐC HỘI / CHỦ TỊCH / (Đã ký) / Trần Thanh Mẫn".
describe.skipIf(!existsSync(path.join(shared, 'corpus/vbpl-central')))('joint documents: every signer', () => {
  it('vbpl-183992 (three signature blocks)', () => {
    const rec = gunzipSync(readFileSync(path.join(shared, 'corpus/vbpl-central/docs.jsonl.gz'))).toString('utf8').split('\n')
      .filter(Boolean).map((l) => JSON.parse(l)).find((r) => r.id === 'vbpl-183992');
    const d = parseDocument({ text: rec.text, format: 'jsonl', id: 'vbpl-183992' }).document;
    expect(d.signer).toBe('Đỗ Văn Chiến');
    expect(d.signers).toEqual([
      { name: 'Đỗ Văn Chiến', title: 'CHỦ TỊCH', authority: 'TM.ĐOÀN CHỦ TỊCH UB TW MẶT TRẬN TỔ QUỐC VIỆT NAM' },
      { name: 'Phạm Minh Chính', title: 'THỦ TƯỚNG', authority: 'TM. CHÍNH PHỦ' },
      { name: 'Trần Thanh Mẫn', title: 'CHỦ TỊCH', authority: 'TM. ỦY BAN THƯỜNG VỤ QUỐC HỘI' },
    ]);
  });
});
