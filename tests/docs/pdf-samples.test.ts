/**
 * Golden tests on real files of ../shared/corpus/pdf-samples (PDF and legacy .doc), extracted and parsed as ingest
 * does. Expected values were written by reading each file (its header, closing sentence and signature block):
 *   - 07/2026/TT-BNV (Công báo PDF): "Số: 07/2026/TT-BNV / Hà Nội, ngày 05 tháng 5 năm 2026"; the text layer splits
 *     syllables ("Quy đị nh mứ c lương"); ends "KT. BỘ TRƯỞNG / THỨ TRƯỞNG / Nguyễn Mạnh Khương".
 *   - 798/QĐ-TTg (Công báo PDF): "THỦ TƯỚNG CHÍNH PHỦ … Hà Nội, ngày 05 tháng 5 năm 2026 / Số: 798/QĐ-TTg"; ends
 *     "THỦ TƯỚNG / [ / Lê Minh Hưng" (a stamp bracket on its own line).
 *   - 12/2024/TT-BLĐTBXH (Công báo PDF): the issuer code sits before the place in the text layer.
 *   - Bộ luật Lao động 45/2019/QH14 (Công báo PDF): "BỘ LUẬT / LAO ĐỘNG"; "… kỳ họp thứ 8 thông qua ngày 20 tháng 11
 *     năm 2019"; "CHỦ TỊCH QUỐC HỘI / Nguyễn Thị Kim Ngân".
 *   - Hiến pháp 1992 (.doc, vbpl 68-LCT/HĐNN8): no header, "Điều 1" without a period, "… nhất trí thông qua trong
 *     phiên họp ngày 15 tháng 4 năm 1992, hồi 11 giờ 45 phút. / Lê Quang Đạo / (Đã ký)".
 *   - Án lệ 27/2019/AL (PDF): "Án lệ số 27/2019/AL về thụ lý, giải quyết vụ án hành chính …"; "Được Hội đồng Thẩm
 *     phán Tòa án nhân dân tối cao thông qua ngày 22 tháng 8 năm 2019".
 */
import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readDocument } from '../../ingest/document.js';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/corpus/pdf-samples/files');
const present = existsSync(dir);
if (!present) console.log('[tests/docs/pdf-samples] ../shared/corpus/pdf-samples is absent: golden file tests skipped.');

async function parse(name: string) {
  const file = path.join(dir, name);
  return (await readDocument(file, readFileSync(file), { id: name })).parsed;
}

describe.skipIf(!present)('pdf-samples: header and structure on real files (golden, read by hand)', () => {
  it('07/2026/TT-BNV: split syllables repaired in the title; place without the issuer code', async () => {
    const { document: d } = await parse('congbao__thong-tu-so-7-2026-tt-bnv-469694.pdf');
    expect(d).toMatchObject({ kind: 'thông tư', number: '07/2026/TT-BNV', issuedAt: '2026-05-05', issuer: 'Bộ Nội vụ', place: 'Hà Nội',
      signer: 'Nguyễn Mạnh Khương', signerTitle: 'THỨ TRƯỞNG', signerAuthority: 'KT. BỘ TRƯỞNG' });
    expect(d.title).toMatch(/^Quy định mức lương của chuyên gia tư vấn trong nước/);
  });
  it('798/QĐ-TTg: the signer after a stray "[" line', async () => {
    const { document: d } = await parse('congbao__quyet-dinh-so-798-qd-ttg-469485.pdf');
    expect(d).toMatchObject({ kind: 'quyết định', number: '798/QĐ-TTg', issuedAt: '2026-05-05', issuer: 'Thủ tướng Chính phủ', place: 'Hà Nội', signer: 'Lê Minh Hưng' });
  });
  it('12/2024/TT-BLĐTBXH: "BLĐTBXH Hà Nội" gives the place "Hà Nội"', async () => {
    const { document: d } = await parse('congbao__thong-tu-so-12-2024-tt-bldtbxh-43233.pdf');
    expect(d).toMatchObject({ number: '12/2024/TT-BLĐTBXH', issuedAt: '2024-11-14', place: 'Hà Nội', issuer: 'Bộ Lao động - Thương binh và Xã hội', signer: 'Lê Văn Thanh' });
  });
  it('Bộ luật Lao động 45/2019/QH14: titled with its kind word', async () => {
    const { document: d } = await parse('congbao__nghi-quyet-so-45-2019-qh14-30232.pdf');
    expect(d).toMatchObject({ kind: 'bộ luật', number: '45/2019/QH14', issuedAt: '2019-11-20', issuer: 'Quốc hội', title: 'Bộ luật Lao động', signer: 'Nguyễn Thị Kim Ngân' });
  });
  it('Hiến pháp 1992 (.doc): kind, adoption date, closing signer, articles "Điều 1" without a period', async () => {
    const p = await parse('vbplcrawl__11234-68-LCT_HDNN8_38238.doc');
    expect(p.document).toMatchObject({ kind: 'hiến pháp', issuedAt: '1992-04-15', issuer: 'Quốc hội', signer: 'Lê Quang Đạo' });
    expect(p.document.number).toBeUndefined();
    // no number, so it is named as references name it ("Hiến pháp năm 1992"): a lookup finds it
    expect(p.document.refId).toBe('hien-phap-1992');
    expect(p.document.title).toMatch(/^Hiến pháp nước /);
    const anchors = p.passages.map((x) => x.anchor);
    for (const a of ['dieu-1', 'dieu-2', 'dieu-147']) expect(anchors).toContain(a);
  });
  it('Án lệ 27/2019/AL: a kind with its own number, date and title', async () => {
    const { document: d } = await parse('vbplcrawl__TAND083636-27.2019.AL_1568952891778.pdf');
    expect(d).toMatchObject({ kind: 'án lệ', number: '27/2019/AL', issuedAt: '2019-08-22', issuer: 'Hội đồng Thẩm phán Tòa án nhân dân tối cao' });
    expect(d.title).toMatch(/^Án lệ số 27\/2019\/AL về thụ lý, giải quyết vụ án hành chính/);
    expect(d.signer).toBeUndefined();
  });
});
