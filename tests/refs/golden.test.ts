/**
 * Golden table: real sentences, spans marked inline (<0>…</0>), the expected meaning of each span.
 * Every case names its source. Sources: /work/shared/seeds/*, /work/shared/corpus/{vbpl-central,
 * congbao-8chude, binhduong-vbcddh, phapdien}. Where a case adapts a real sentence (e.g. NFD form of
 * it, an inserted stray space), the comment says so.
 */
import { describe, expect, it } from 'vitest';
import { Reference } from '../../src/docs/model.js';
import { findReferences } from '../../src/refs/index.js';
import { parseMarked } from './marked.js';

type Want = Partial<Omit<Reference, 'start' | 'end' | 'raw'>>;
interface Case { src: string; text: string; want: Want[]; opts?: { headerZone?: number; date?: string; own?: string[] } }

const CASES: Case[] = [
  // ── legal normative N/YYYY/TYPE-ISSUER ──────────────────────────────────────────────────────
  { src: 'seeds/004 (Sở GD&ĐT news)', text: 'theo <0>Nghị định số 71/2020/NĐ-CP</0> ngày 30/6/2020 của Chính phủ',
    want: [{ canonical: '71-2020-nd-cp', kind: 'nghị định', family: 'qppl', number: '71/2020/NĐ-CP', year: 2020, typeCode: 'NĐ', issuerCodes: ['CP'], date: '2020-06-30' }] },
  // the number after "Luật sửa đổi, bổ sung … của Luật X và Luật Y" is the amending law's, not Luật Y's
  { src: 'vbpl-central vbpl-187193 (Nghị định 249/2025/NĐ-CP), preamble', text: 'Căn cứ <0>Luật Viên chức số 58/2010/QH12</0>; Luật sửa đổi, bổ sung một số điều của <1>Luật Cán bộ, công chức</1> và <2>Luật Viên chức</2> số <3>52/2019/QH14</3>;',
    want: [{ canonical: '58-2010-qh12', kind: 'luật', relation: 'can-cu', number: '58/2010/QH12', year: 2010, issuerCodes: ['QH12'] },
      // a preamble line: every law it lists is a basis of the decree (which amends none of them)
      { canonical: '80-2025-qh15', family: 'law-by-name', relation: 'can-cu' }, { canonical: '129-2025-qh15' }, { canonical: '52-2019-qh14', kind: 'luật' }] },
  { src: 'phapdien 13.1.LQ.1 source_citation', text: 'Điều 1 <0>Luật số 43/2019/QH14</0> Luật Giáo dục ngày 14/06/2019 của Quốc hội, có hiệu lực thi hành kể từ ngày 01/07/2020',
    want: [{ canonical: '43-2019-qh14', kind: 'luật', pinpoint: { dieu: '1' } }] },
  { src: 'phapdien (Thông tư liên tịch, many issuers)', text: 'Điều 12 <0>Thông tư liên tịch số 02/2016/TTLT-BCA-BQP-BGTVT</0>, có hiệu lực thi hành kể từ ngày 03/08/2016',
    want: [{ canonical: '02-2016-ttlt-bca-bqp-bgtvt', kind: 'thông tư liên tịch', typeCode: 'TTLT', issuerCodes: ['BCA', 'BQP', 'BGTVT'], pinpoint: { dieu: '12' } }] },
  { src: 'issue 3 spec example (education TTLT)', text: 'theo <0>Thông tư liên tịch số 09/2016/TTLT-BGDĐT-BTC-BLĐTBXH</0>',
    want: [{ canonical: '09-2016-ttlt-bgddt-btc-bldtbxh', issuerCodes: ['BGDĐT', 'BTC', 'BLĐTBXH'] }] },
  { src: 'phapdien: "TTLT/" written with a slash', text: 'Điều 1 <0>Thông tư liên tịch số 09/2002/TTLT/BTCCBCP-BLĐTBXH-BTC-BYT</0> Hướng dẫn về việc chuyển Bảo hiểm y tế',
    want: [{ canonical: '09-2002-ttlt-btccbcp-bldtbxh-btc-byt', number: '09/2002/TTLT-BTCCBCP-BLĐTBXH-BTC-BYT' }] },
  { src: 'vbpl-central: Pháp lệnh of UBTVQH', text: 'Căn cứ <0>Pháp lệnh số 10/2003/PL-UBTVQH11</0>',
    want: [{ canonical: '10-2003-pl-ubtvqh11', kind: 'pháp lệnh', typeCode: 'PL', issuerCodes: ['UBTVQH11'] }] },
  { src: 'seeds/002 (Sở GD&ĐT Sơn La): glued "Nghịquyết … QH14ngày"', text: 'hiệu quảcủa<0>Nghịquyết 88/2019/QH14</0>ngày 18/11/2019 của Quốc hội',
    want: [{ canonical: '88-2019-qh14', kind: 'nghị quyết', date: '2019-11-18' }] },
  { src: 'seeds/002: "Thôngtư" glued, "BGD ĐT" split by a space', text: 'Thực hiện <0>Thôngtư 32/2020/TT-BGD ĐT</0> ngày 15/9/2020 ban hành Điều lệ trường',
    want: [{ canonical: '32-2020-tt-bgddt', number: '32/2020/TT-BGDĐT', kind: 'thông tư', date: '2020-09-15' }] },
  { src: 'issue 3: "Thông tư số25/…" glued to số (as in seeds/002 "Công văn số3089")', text: 'theo <0>Thông tư số25/2020/TT-BGDĐT</0> quy định',
    want: [{ canonical: '25-2020-tt-bgddt' }] },
  { src: 'phapdien: stray spaces (DESIGN.md "26 /2020/TT- BGD ĐT" form)', text: 'Điều 11 <0>Thông tư số 03/2017/TT- BVHTTDL</0>, có hiệu lực',
    want: [{ canonical: '03-2017-tt-bvhttdl', number: '03/2017/TT-BVHTTDL' }] },
  { src: 'issue 3 stray-space example', text: 'căn cứ <0>Nghị định 56/ 2015/ NĐ - CP</0> về đánh giá',
    want: [{ canonical: '56-2015-nd-cp', number: '56/2015/NĐ-CP', relation: 'can-cu' }] },
  { src: 'phapdien: "QĐ -TTg"', text: 'Điều 2 <0>Quyết định số 01/2012/QĐ -TTg</0>, có hiệu lực',
    want: [{ canonical: '01-2012-qd-ttg', number: '01/2012/QĐ-TTg', issuerCodes: ['TTg'] }] },
  { src: 'phapdien: underscore "NĐ_CP"', text: 'Điều 1 <0>Nghị định số 50/2022/NĐ_CP</0> quy định về tuổi nghỉ hưu',
    want: [{ canonical: '50-2022-nd-cp' }] },
  { src: 'vbpl-central vbpl-186984: "TT BTC" with a space for the hyphen', text: 'khoản 4 Điều 1 <0>Thông tư số 13/2020/TT BTC</0> như sau:',
    want: [{ canonical: '13-2020-tt-btc', pinpoint: { khoan: '4', dieu: '1' } }] },
  { src: 'seeds/002: "&" inside the code', text: 'căn cứ <0>Thông tư 26/2020/TT-BGD&ĐT</0> ngày 26/8/2020',
    want: [{ canonical: '26-2020-tt-bgddt', number: '26/2020/TT-BGDĐT', date: '2020-08-26' }] },
  { src: 'vbpl-central vbpl-186977 header: Cyrillic С (U+0421) in "TT-BTС"', text: 'Số: <0>157/2025/TT-BT\u0421</0>\nHà Nội',
    want: [{ canonical: '157-2025-tt-btc', number: '157/2025/TT-BTC', self: true }] },
  { src: 'congbao-8chude: Cyrillic С and Р (U+0421, U+0420) in "NĐ-СР"', text: 'Điều 22 <0>Nghị định số 40/2026/NĐ-\u0421\u0420</0> quy định chi tiết một số điều của <1>Luật Thủy lợi</1>',
    want: [{ canonical: '40-2026-nd-cp', number: '40/2026/NĐ-CP', pinpoint: { dieu: '22' } }, { canonical: '08-2017-qh14' }] },
  { src: 'binhduong-vbcddh: lower-cased trích yếu', text: 'triển khai thực hiện <0>thông tư số 07/2022/tt-btttt</0> của bộ thông tin và truyền thông',
    want: [{ canonical: '07-2022-tt-btttt', number: '07/2022/TT-BTTTT', kind: 'thông tư' }] },
  { src: 'binhduong-vbcddh: lower-cased, đ inside the code', text: 'kế hoạch triển khai thực hiện <0>nghị định số 116/2021/nđ-cp</0> ngày 21/12/2021 của chính phủ',
    want: [{ canonical: '116-2021-nd-cp', number: '116/2021/NĐ-CP', date: '2021-12-21' }] },
  { src: 'congbao-8chude: PDF line break inside the number', text: 'Được thay thế bởi <0>Thông tư số  05/2024/TT-\nBLĐTBXH</0> ',
    want: [{ canonical: '05-2024-tt-bldtbxh', relation: 'thay-the' }] },
  { src: 'congbao-8chude (table cell): line break before the hyphen', text: 'theo <0>Quyết \nđịnh số \n27/2018/QĐ\n-TTg</0> ngày \n06/7/2018',
    want: [{ canonical: '27-2018-qd-ttg', kind: 'quyết định', date: '2018-07-06' }] },
  { src: 'a list bullet after a complete number is not part of it', text: 'Căn cứ <0>Quyết định số 12/2018/QĐ-UBND</0>\n- BCĐ tỉnh báo cáo',
    want: [{ canonical: '12-2018-qd-ubnd' }] },
  { src: 'issue 3 list example (sharing one type word)', text: 'các <0>Thông tư số 25/2020/TT-BGDĐT</0>, <1>26/2020/TT-BGDĐT</1> của Bộ trưởng',
    want: [{ canonical: '25-2020-tt-bgddt', kind: 'thông tư' }, { canonical: '26-2020-tt-bgddt', kind: 'thông tư' }] },
  { src: 'no diacritics (query-style text)', text: 'Can cu <0>Nghi dinh so 71/2020/ND-CP</0> ngay 30/6/2020',
    want: [{ canonical: '71-2020-nd-cp', kind: 'nghị định', number: '71/2020/NĐ-CP' }] },
  // ── English translations ───────────────────────────────────────────────────────────────────
  { src: 'vbpl-central doc_000756 (English translation)', text: 'Pursuant to the Government’s <0>Decree No. 120/2016/ND-CP</0> of August 23, 2016, detailing',
    want: [{ canonical: '120-2016-nd-cp', kind: 'nghị định', relation: 'can-cu' }] },
  { src: 'issue 3 English example', text: 'See <0>Circular No. 26/2020/TT-BGDDT</0>.',
    want: [{ canonical: '26-2020-tt-bgddt', kind: 'thông tư', number: '26/2020/TT-BGDĐT' }] },
  // ── administrative ─────────────────────────────────────────────────────────────────────────
  { src: 'seeds/002: glued "Côngvăn3414", date gives the year', text: 'ngành Giáo dục tỉnh Sơn La; <0>Côngvăn3414/BGDĐT-GDTrH</0> ngày 04/9/2020 của Bộ Giáo dục và Đào tạo',
    want: [{ canonical: '3414-bgddt-gdtrh-2020', kind: 'công văn', family: 'administrative', number: '3414/BGDĐT-GDTrH', issuerCodes: ['BGDĐT', 'GDTrH'], date: '2020-09-04', year: 2020 }] },
  { src: 'issue 3: official letter without a date → no year suffix', text: 'Thực hiện <0>Công văn số 3414/BGDĐT-GDTrH</0> của Bộ',
    want: [{ canonical: '3414-bgddt-gdtrh', kind: 'công văn' }] },
  { src: 'seeds/002: "&" in the unit code', text: 'tinh thần của <0>Công văn số 884/SGDĐT-GDTrH&GDTX</0> ngày 20/5/2020 về định hướng',
    want: [{ canonical: '884-sgddt-gdtrhgdtx-2020', number: '884/SGDĐT-GDTrH&GDTX' }] },
  { src: 'seeds/002: Chỉ thị glued to số', text: 'Thựchiện <0>Chỉthịsố 666/CT-BGDĐT</0> ngày 24/8/2020 của Bộ trưởng',
    want: [{ canonical: '666-ct-bgddt-2020', kind: 'chỉ thị', typeCode: 'CT', date: '2020-08-24' }] },
  { src: 'seeds/002: Kế hoạch glued', text: 'theo <0>Kếhoạch số202/KH-UBND</0> ngày 16/10/2020 của UBND tỉnh',
    want: [{ canonical: '202-kh-ubnd-2020', kind: 'kế hoạch' }] },
  { src: 'individual act without a year (Quyết định of the Prime Minister)', text: 'thực hiện <0>Quyết định 749/QĐ-TTg</0> phê duyệt Chương trình Chuyển đổi số quốc gia',
    want: [{ canonical: '749-qd-ttg', kind: 'quyết định', typeCode: 'QĐ', issuerCodes: ['TTg'] }] },
  { src: 'binhduong-vbcddh so_ky_hieu with Ð (U+00D0) instead of Đ', text: '<0>Quyết định số 2403/Q\u00D0-UBND</0>',
    want: [{ canonical: '2403-qd-ubnd', number: '2403/QĐ-UBND' }] },
  { src: 'binhduong-vbcddh: công điện, lower-cased', text: 'thực hiện <0>công điện số 815/cđ-byt</0> ngày 21/6/2022 của bộ y tế',
    want: [{ canonical: '815-cd-byt-2022', kind: 'công điện', typeCode: 'CĐ' }] },
  { src: 'Phụ lục III Nghị định 30/2020 abbreviations: CTr, TTr, QyĐ, GM, BC', text: '<0>Chương trình số 20/CTr-UBND</0>; <1>Tờ trình số 15/TTr-SGDĐT</1>; <2>Quy định số 3/QyĐ-SGDĐT</2>; <3>Giấy mời số 45/GM-SGDĐT</3>; <4>Báo cáo số 9/BC-UBND</4>',
    want: [{ kind: 'chương trình', typeCode: 'CTr', canonical: '20-ctr-ubnd' }, { kind: 'tờ trình', typeCode: 'TTr' }, { kind: 'quy định', typeCode: 'QyĐ', canonical: '3-qyd-sgddt' },
      { kind: 'giấy mời', typeCode: 'GM' }, { kind: 'báo cáo', typeCode: 'BC' }] },
  { src: 'Phụ lục III Nghị định 30/2020: HD/HĐ differ by Đ; GGT, PC, BB', text: '<0>Hướng dẫn số 12/HD-SGDĐT</0>, <1>Hợp đồng số 01/HĐ-UBND</1>, <2>Giấy giới thiệu số 7/GGT-VP</2>, <3>Phiếu chuyển số 3/PC-VP</3>, <4>Biên bản số 2/BB-HĐTĐ</4>',
    want: [{ kind: 'hướng dẫn', typeCode: 'HD', canonical: '12-hd-sgddt' }, { kind: 'hợp đồng', typeCode: 'HĐ', canonical: '01-hd-ubnd' },
      { kind: 'giấy giới thiệu', typeCode: 'GGT' }, { kind: 'phiếu chuyển', typeCode: 'PC' }, { kind: 'biên bản', typeCode: 'BB' }] },
  { src: 'no diacritics, lower case (typed text)', text: 'thuc hien <0>cong van so 3414/bgddt-gdtrh</0> ngay 04/9/2020 cua Bo',
    want: [{ canonical: '3414-bgddt-gdtrh-2020', kind: 'công văn', number: '3414/BGDĐT-GDTrH', date: '2020-09-04' }] },
  { src: 'vbpl-central: Nghị quyết of UBTVQH with a year (N/YYYY/UBTVQHnn)', text: 'theo <0>Nghị quyết số 87/2025/UBTVQH15</0> của Ủy ban Thường vụ Quốc hội',
    want: [{ canonical: '87-2025-ubtvqh15', kind: 'nghị quyết', issuerCodes: ['UBTVQH15'], year: 2025 }] },
  { src: 'phapdien: Nghị quyết of UBTVQH without a year', text: 'Điều 3 <0>Nghị quyết số 1187/NQ-UBTVQH14</0>, có hiệu lực',
    want: [{ canonical: '1187-nq-ubtvqh14', kind: 'nghị quyết', typeCode: 'NQ', issuerCodes: ['UBTVQH14'] }] },
  { src: 'phapdien: Ð (U+00D0) in "NÐ-CP" (the stager\'s own parser missed it)', text: 'Điều 2 <0>Nghị định số 89/2015/N\u00D0-CP</0> Sửa đổi, bổ sung một số điều của <1>Nghị định số 67/2014/NĐ-CP</1>',
    // 89/2015 amends 67/2014, the citing text does not: its relation to 67/2014 is a mention
    want: [{ canonical: '89-2015-nd-cp', number: '89/2015/NĐ-CP', pinpoint: { dieu: '2' } }, { canonical: '67-2014-nd-cp', relation: 'mention' }] },
  { src: 'pinpoints: Chương, Mục, khoản', text: 'quy định tại Mục 2 Chương III <0>Nghị định số 24/2014/NĐ-CP</0>',
    want: [{ pinpoint: { muc: '2', chuong: 'III' } }] },
  { src: 'vbpl-central: Thông tư liên bộ (pre-2008)', text: 'theo <0>Thông tư liên bộ số 11/TTLB-NV-NG</0>',
    want: [{ canonical: '11-ttlb-nv-ng', kind: 'thông tư liên bộ' }] },
  // ── consolidated ───────────────────────────────────────────────────────────────────────────
  { src: 'Văn bản hợp nhất of Bộ GD&ĐT', text: 'theo <0>Văn bản hợp nhất số 03/VBHN-BGDĐT</0> ngày 03/6/2022',
    want: [{ canonical: '03-vbhn-bgddt', family: 'consolidated', kind: 'văn bản hợp nhất', issuerCodes: ['BGDĐT'] }] },
  // ── Party ──────────────────────────────────────────────────────────────────────────────────
  { src: 'seeds/004: Party decision', text: 'được bổ sung đến năm 2026 theo <0>Quyết định số 72-QĐ/TW</0>.',
    want: [{ canonical: '72-qd-tw', family: 'party', kind: 'quyết định', number: '72-QĐ/TW', relation: 'mention' }] },
  { src: 'binhduong-vbcddh: Tỉnh ủy documents (lower-cased)', text: 'thực hiện <0>thông báo số 234-tb/tu</0> và <1>kế hoạch số 134-kh/tu</1>; <2>nghị quyết số 36-nq/tw</2>',
    want: [{ canonical: '234-tb-tu', family: 'party' }, { canonical: '134-kh-tu' }, { canonical: '36-nq-tw', kind: 'nghị quyết' }] },
  { src: 'issue 3 Party example', text: '<0>Chỉ thị số 10-CT/TU</0> và <1>Nghị quyết 05-NQ/TW</1>',
    want: [{ canonical: '10-ct-tu', kind: 'chỉ thị' }, { canonical: '05-nq-tw', kind: 'nghị quyết' }] },
  // ── old forms ──────────────────────────────────────────────────────────────────────────────
  { src: 'phapdien: pre-1996 decrees', text: 'hướng dẫn thi hành <0>Nghị định số 73-CP</0> ngày 25/10/1993 và <1>Nghị định số 13/CP</1>',
    want: [{ canonical: '73-cp-1993', kind: 'nghị định', relation: 'huong-dan', number: '73-CP' }, { canonical: '13-cp' }] },
  { src: 'phapdien: old Thông tư of Bộ Tài chính', text: 'Điều 4 <0>Thông tư số 82-TC/TCT</0>, có hiệu lực',
    want: [{ canonical: '82-tc-tct', kind: 'thông tư' }] },
  // ── laws by name at a point in time (issue 12 "Why") ──────────────────────────────────────────
  { src: 'issue 12: the citation gives the adoption date', text: 'Căn cứ <0>Luật Tổ chức Chính phủ</0> ngày 19 tháng 6 năm 2015;',
    want: [{ canonical: '76-2015-qh13', number: '76/2015/QH13', date: '2015-06-19', relation: 'can-cu', candidates: undefined }] },
  { src: 'issue 12: the citation gives the adoption date', text: 'Căn cứ <0>Luật Tố cáo</0> ngày 11 tháng 11 năm 2011;',
    want: [{ canonical: '03-2011-qh13', date: '2011-11-11' }] },
  { src: 'issue 12: the version in force at the citing document\'s date (2016)', text: 'Căn cứ <0>Luật Doanh nghiệp</0>;', opts: { date: '2016-05-10' },
    want: [{ canonical: '68-2014-qh13', candidates: undefined }] },
  { src: 'issue 12: Bộ luật Lao động in a document of 2017', text: 'theo quy định của <0>Bộ luật Lao động</0>', opts: { date: '2017-08-01' },
    want: [{ canonical: '10-2012-qh13', kind: 'bộ luật' }] },
  { src: 'issue 12: Luật Giáo dục in a document of 2010', text: 'theo <0>Luật Giáo dục</0>', opts: { date: '2010-03-15' },
    want: [{ canonical: '38-2005-qh11' }] },
  { src: 'no date anywhere: the newest version, with every version as candidates (HTTP 300)', text: 'theo <0>Luật Doanh nghiệp</0>',
    want: [{ canonical: '59-2020-qh14', candidates: ['59-2020-qh14', '68-2014-qh13', '60-2005-qh11'] }] },
  { src: 'issue 12: laws unknown before ("Luật hộ tịch", "Pháp lệnh ngoại hối 2005")', text: 'theo <0>Luật hộ tịch</0> và <1>Pháp lệnh ngoại hối 2005</1>',
    want: [{ canonical: '60-2014-qh13', kind: 'luật' }, { canonical: '28-2005-pl-ubtvqh11', kind: 'pháp lệnh', year: 2005 }] },
  { src: 'the year in brackets or after "năm"', text: '<0>Luật Giáo dục (2019)</0>; <1>Luật Doanh nghiệp năm 2014</1>',
    want: [{ canonical: '43-2019-qh14' }, { canonical: '68-2014-qh13' }] },
  { src: 'issue 12: bare "Hiến pháp" with no date is not tagged 2013 for certain', text: 'Căn cứ <0>Hiến pháp</0> nước Cộng hòa xã hội chủ nghĩa Việt Nam;',
    want: [{ canonical: 'hien-phap-2013', candidates: ['hien-phap-2013', 'hien-phap-1992', 'hien-phap-1980', 'hien-phap-1959', 'hien-phap-1946'] }] },
  { src: 'bare "Hiến pháp" in a document of 2010 is the 1992 Constitution', text: 'Căn cứ <0>Hiến pháp</0> nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 1992;', opts: { date: '2010-01-05' },
    want: [{ canonical: 'hien-phap-1992' }] },
  // ── issue 12 "Why": forms that need the context, file names, Party TƯ, NĐCP, old decrees ───────────
  { src: 'issue 12: pre-1996 decree numbers restart every year: the date gives the year suffix', text: 'theo <0>Nghị định 404-CP</0> ngày 09/11/1979 của Hội đồng Chính phủ',
    want: [{ canonical: '404-cp-1979', number: '404-CP', date: '1979-11-09' }] },
  { src: 'issue 12: file-name form with "_"', text: 'Tải về: <0>Nghi dinh so 111_2016_ND_CP</0>.pdf',
    want: [{ canonical: '111-2016-nd-cp', number: '111/2016/NĐ-CP', kind: 'nghị định' }] },
  { src: 'issue 12: file-name form with "."', text: 'đính kèm <0>Thong tu so 24.2015.TT.NHNN</0>.doc',
    want: [{ canonical: '24-2015-tt-nhnn', number: '24/2015/TT-NHNN', kind: 'thông tư' }] },
  { src: 'issue 12: Party Trung ương written "TƯ"', text: 'thực hiện <0>Chỉ thị số 05-CT/TƯ</0> ngày 15/5/2016 của Bộ Chính trị',
    want: [{ canonical: '05-ct-tw', family: 'party', number: '05-CT/TW' }] },
  { src: 'issue 12: "NĐCP" without its hyphen', text: 'Căn cứ <0>Nghị định số 71/2020/NĐCP</0> ngày 30/6/2020',
    want: [{ canonical: '71-2020-nd-cp', number: '71/2020/NĐ-CP', typeCode: 'NĐ', issuerCodes: ['CP'] }] },
  { src: 'issue 12: a decree with its year only is the Government\'s', text: 'hướng dẫn <0>Nghị định 160/2006</0> về quản lý',
    want: [{ canonical: '160-2006-nd-cp', number: '160/2006/NĐ-CP', partial: undefined }] },
  { src: 'issue 12: short forms resolve against the fuller citation earlier in the text', text: 'Căn cứ <0>Thông tư số 22/2021/TT-BGDĐT</0> ngày 20/7/2021; <1>Nghị quyết số 30a/2008/NQ-CP</1>; … theo <2>Thông tư 22</2> và <3>Nghị quyết 30a</3>',
    want: [{ canonical: '22-2021-tt-bgddt' }, { canonical: '30a-2008-nq-cp', number: '30a/2008/NQ-CP' }, { canonical: '22-2021-tt-bgddt', partial: undefined }, { canonical: '30a-2008-nq-cp', partial: undefined }] },
  { src: 'issue 12: a short form nothing in the text completes stays partial (the corpus decides: 300)', text: 'theo <0>Thông tư 22</0> và <1>Nghị quyết 30a</1>',
    want: [{ canonical: 'thong-tu-22', partial: true, number: '22', kind: 'thông tư' }, { canonical: 'nghi-quyet-30a', partial: true }] },
  { src: 'issue 12: "Luật GD" is Luật Giáo dục', text: 'theo <0>Luật GD năm 2019</0>', want: [{ canonical: '43-2019-qh14' }] },
  { src: 'issue 12: the citing document\'s own number in its body (congbao 24/2026/NQ-CP, annex heading) is self, never a citation', text: '(Kèm theo <0>Nghị quyết số 24/2026/NQ-CP</0> ngày 29 tháng 4 năm 2026 của Chính phủ)',
    opts: { headerZone: 0, own: ['24-2026-nq-cp'] }, want: [{ canonical: '24-2026-nq-cp', self: true }] },
  // ── laws by name ───────────────────────────────────────────────────────────────────────────
  { src: 'seeds/000 (Sở GD&ĐT plan)', text: 'theo chuẩn đào tạo quy định tại <0>Luật Giáo dục 2019</0> để xây dựng kế hoạch',
    want: [{ canonical: '43-2019-qh14', family: 'law-by-name', kind: 'luật', number: '43/2019/QH14', year: 2019 }] },
  { src: 'issue 3: "Luật Giáo dục năm 2019"; the 2005 version', text: '<0>Luật Giáo dục năm 2019</0> thay thế <1>Luật Giáo dục năm 2005</1>',
    want: [{ canonical: '43-2019-qh14' }, { canonical: '38-2005-qh11', relation: 'thay-the' }] },
  { src: 'issue 3: name without a year → current version', text: 'quy định của <0>Bộ luật Lao động</0> và <1>Luật Giáo dục đại học</1>',
    want: [{ canonical: '45-2019-qh14', kind: 'bộ luật' }, { canonical: '125-2025-qh15', kind: 'luật' }] },
  { src: 'vbpl-central: law named before its number (one citation)', text: 'Căn cứ <0>Luật Tổ chức Chính phủ số 63/2025/QH15</0>;',
    want: [{ canonical: '63-2025-qh15', kind: 'luật', relation: 'can-cu' }] },
  // (Luật 35/2018/QH14, adopted 2018-11-20, as consolidated in congbao VBHN 47/VBHN-VPQH; the date is the citing law's)
  { src: 'vbpl-central: the amended law named with its own number', text: 'Luật sửa đổi, bổ sung một số điều của <0>Luật Xuất bản số 19/2012/QH13</0>, <1>Luật Báo chí</1>',
    opts: { date: '2018-11-20' }, want: [{ canonical: '19-2012-qh13', kind: 'luật', relation: 'sua-doi' }, { canonical: '103-2016-qh13' }] },
  { src: 'seeds/001: law with a comma in its name', text: 'quy định chi tiết một số điều của <0>Luật Thi đua, khen thưởng</0>; ',
    want: [{ canonical: '06-2022-qh15', relation: 'quy-dinh-chi-tiet' }] },
  { src: 'congbao-8chude 41/2024/QH15 preamble: Hiến pháp (document of 2024-06-29)', text: 'Căn cứ <0>Hiến pháp</0> nước Cộng hòa xã hội chủ nghĩa Việt Nam;',
    opts: { date: '2024-06-29' }, want: [{ canonical: 'hien-phap-2013', kind: 'hiến pháp', relation: 'can-cu', candidates: undefined }] },
  { src: 'binhduong-vbcddh: "luật được" (passive "được") is not Luật Dược', text: 'các nội dung được giao trong các luật được quốc hội khóa xiv thông qua', want: [] },
  { src: '"pháp luật" (law in general) before a word that is also a law name', text: 'tuân thủ quy định của pháp luật giá cả thị trường và pháp luật đầu tư', want: [] },
  // ── pinpoints and relations ────────────────────────────────────────────────────────────────
  { src: 'issue 3 pinpoint example', text: 'theo điểm a khoản 2 Điều 5 <0>Thông tư 26/2020/TT-BGDĐT</0>',
    want: [{ canonical: '26-2020-tt-bgddt', pinpoint: { diem: 'a', khoan: '2', dieu: '5' } }] },
  { src: 'Phụ lục before a citation', text: 'theo mẫu tại Phụ lục II ban hành kèm theo <0>Thông tư số 22/2021/TT-BGDĐT</0>',
    want: [{ canonical: '22-2021-tt-bgddt', pinpoint: { phuLuc: 'II' } }] },
  { src: 'congbao-8chude: "… hết hiệu lực" after the citation', text: '2. <0>Luật bảo hiểm xã hội số 71/2006/QH11</0> hết hiệu lực kể từ ngày Luật này có hiệu lực',
    want: [{ canonical: '71-2006-qh11', relation: 'bai-bo' }] },
  { src: 'typical final article', text: 'Thông tư này thay thế <0>Thông tư số 58/2011/TT-BGDĐT</0>; bãi bỏ <1>Quyết định số 51/2008/QĐ-BGDĐT</1>.',
    want: [{ relation: 'thay-the' }, { relation: 'bai-bo', canonical: '51-2008-qd-bgddt' }] },
  { src: 'vbpl-central preamble: "Căn cứ" opens the clause, "sửa đổi" is inside a title', text: 'Căn cứ Luật sửa đổi, bổ sung một số điều của <0>Luật Cán bộ, công chức</0> và <1>Luật Viên chức</1> số <2>52/2019/QH14</2>;',
    want: [{ canonical: '80-2025-qh15' }, { canonical: '129-2025-qh15' }, { canonical: '52-2019-qh14', relation: 'can-cu', kind: 'luật' }] },
  { src: 'vbpl-central: sửa đổi, bổ sung', text: 'Sửa đổi, bổ sung một số điều của <0>Nghị định số 86/2018/NĐ-CP</0>',
    want: [{ relation: 'sua-doi' }] },
  { src: 'vbpl-186664 (115/2025/UBTVQH15): what is repealed is what contradicts the Constitution, not the Constitution', text: 'đình chỉ việc thi hành, bãi bỏ một phần hoặc toàn bộ văn bản quy phạm pháp luật trái với <0>Hiến pháp</0>, luật',
    opts: { date: '2025-12-24' }, want: [{ canonical: 'hien-phap-2013', relation: 'mention' }] },
  { src: '191/2026/NĐ-CP: guiding a body "trong việc thực hiện" the Constitution does not guide the Constitution', text: 'hướng dẫn, kiểm tra Hội đồng nhân dân các cấp trong việc thực hiện <0>Hiến pháp</0>, luật',
    opts: { date: '2026-05-01' }, want: [{ canonical: 'hien-phap-2013', relation: 'mention' }] },
  { src: 'vbpl-central preamble: the document\'s own title after "ban hành"', text: 'Bộ trưởng Bộ Công Thương ban hành Thông tư sửa đổi, bổ sung một số điều của <0>Thông tư số 27/2024/TT-BCT</0>',
    want: [{ relation: 'sua-doi' }] },
  { src: 'the document as subject of "sửa đổi"', text: 'Nghị định này sửa đổi, bổ sung một số điều của <0>Nghị định số 71/2020/NĐ-CP</0>',
    want: [{ relation: 'sua-doi' }] },
  // issue 12 (relation-status false positives): "sửa đổi" inside a cited amending law's title, after another
  // document's number, or in the passive says what a third document did
  { src: 'an amending law cited by its title (119/2025/QH15 style)', text: 'theo quy định tại Luật sửa đổi, bổ sung một số điều của <0>Luật Đầu tư</0> số <1>57/2024/QH15</1>',
    opts: { date: '2025-06-01' }, want: [{ canonical: '61-2020-qh14', relation: 'mention' }, { canonical: '57-2024-qh15', relation: 'mention' }] },
  { src: 'congbao VBHN header: "N sửa đổi, bổ sung … của Luật X"', text: '1. <0>Luật số 32/2013/QH13</0> sửa đổi, bổ sung một số điều của <1>Luật Thuế thu nhập doanh nghiệp</1>',
    want: [{ canonical: '32-2013-qh13', relation: 'mention' }, { relation: 'mention' }] },
  { src: 'passive "được sửa đổi, bổ sung bởi"', text: '<0>Luật Bảo hiểm y tế số 25/2008/QH12</0> được sửa đổi, bổ sung bởi <1>Luật số 46/2014/QH13</1>',
    want: [{ canonical: '25-2008-qh12', relation: 'mention' }, { canonical: '46-2014-qh13', relation: 'mention' }] },
  // the date after an amending law's title is its own: the laws it names are the versions in force
  { src: 'congbao 117/2022/NĐ-CP preamble style', text: 'Căn cứ <0>Luật Tổ chức Chính phủ</0> ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số điều của <1>Luật Tổ chức Chính phủ</1> và <2>Luật Tổ chức chính quyền địa phương</2> ngày 22 tháng 11 năm 2019;',
    opts: { date: '2022-12-31' }, want: [{ canonical: '76-2015-qh13', relation: 'can-cu' }, { canonical: '76-2015-qh13', relation: 'can-cu' }, { canonical: '77-2015-qh13', relation: 'can-cu' }] },
  { src: 'binhduong-vbcddh (lower-cased trích yếu): a licence number', text: 'theo giấy phép khai thác khoáng sản số <0>81/gp-ubnd</0> ngày 04/9/2018',
    want: [{ canonical: '81-gp-ubnd-2018' }] },
  { src: 'hướng dẫn', text: 'Thông tư này hướng dẫn thực hiện <0>Nghị định số 24/2021/NĐ-CP</0>',
    want: [{ relation: 'huong-dan' }] },
  // ── self (the document's own number) ──────────────────────────────────────────────────────
  { src: 'seeds/002: flattened header "Số:460/TB-SGDĐTCỘNG HOÀ"', text: 'SỞ GIÁO DỤCVÀ ĐÀO TẠOSố:<0>460/TB-SGDĐT</0>CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    want: [{ canonical: '460-tb-sgddt', self: true, kind: 'thông báo' }] },
  { src: 'congbao-8chude 41/2024/QH15 header "Luật số:"', text: 'QUỐC HỘI \n \nLuật số: <0>41/2024/QH15</0> \nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    want: [{ canonical: '41-2024-qh15', self: true }] },
  { src: 'headerZone 0: a "Số:" number is then an ordinary citation', opts: { headerZone: 0 }, text: 'Số: <0>460/TB-SGDĐT</0>',
    want: [{ canonical: '460-tb-sgddt', self: undefined }] },
  // ── not references ─────────────────────────────────────────────────────────────────────────
  { src: 'seeds/002: dates, school-year ranges', text: 'ngày 14/10/2020 Sở GD&ĐT đã tổ chức Hội nghị triển khai nhiệm vụ năm học 2020-2021', want: [] },
  { src: 'room numbers, forms, standards: unknown codes without a kind word or "số"', text: 'phòng 3/TN-MT; QCVN 01:2021/BYT; 20/HS khối 9; từ 7h30/ngày; Mẫu số 01-TTTK/KBNN', want: [] },
  { src: 'scores, grades, phone numbers, amounts, article numbers', text: 'đạt điểm 7/10; học sinh lớp 10/12; ĐT: 0274.3822.123; 1.500.000 đồng/tháng; Điều 5, khoản 2; 24/7', want: [] },
  { src: 'congbao-8chude running header', text: 'CÔNG BÁO/Số 851 + 852/Ngày 01-7-2025 \n3 \n', want: [] },
  { src: 'vbpl-central placeholder numbers in draft forms', text: 'Căn cứ Nghị định số …/2025/NĐ-CP ngày … tháng … năm 2025', want: [] },
  { src: 'binhduong-vbcddh: "tháng 4/2021 - ubnd tỉnh"', text: 'tại phiên họp thường kỳ tháng 4/2021 - ubnd tỉnh khóa ix', want: [] },
];

describe('findReferences golden table', () => {
  for (const c of CASES) {
    it(`${c.src}: ${c.text.slice(0, 60)}`, () => {
      const { text, spans } = parseMarked(c.text);
      const refs = findReferences(text, c.opts);
      expect(refs.map((r) => [r.start, r.end, r.raw])).toEqual(spans.map((s) => [s.start, s.end, text.slice(s.start, s.end)]));
      c.want.forEach((w, i) => {
        const got = refs[i];
        for (const [k, v] of Object.entries(w)) expect({ [k]: got[k as keyof Reference] }).toEqual({ [k]: v });
        expect(() => Reference.parse(got)).not.toThrow();
      });
    });
  }
});

describe('NFD input keeps spans on the original string', () => {
  // vbpl-central has 92 documents in NFD; this is the vbpl-187193 preamble sentence in NFD.
  it('offsets point into the NFD text', () => {
    const text = 'Căn cứ Nghị định số 71/2020/NĐ-CP ngày 30 tháng 6 năm 2020; Thông tư 26/2020/TT-BGDĐT'.normalize('NFD');
    const refs = findReferences(text);
    expect(refs.map((r) => r.canonical)).toEqual(['71-2020-nd-cp', '26-2020-tt-bgddt']);
    expect(refs[0].raw).toBe('Nghị định số 71/2020/NĐ-CP'.normalize('NFD'));
    expect(text.slice(refs[1].start, refs[1].end)).toBe('Thông tư 26/2020/TT-BGDĐT'.normalize('NFD'));
    expect(refs[0].date).toBe('2020-06-30');
  });
  it('zero-width characters inside a number do not break it (offsets still honest)', () => {
    const text = 'Theo Thông tư 26/2020/TT-BGD\u200BĐT và Luật Giáo dục 2019';
    const refs = findReferences(text);
    expect(refs.map((r) => r.canonical)).toEqual(['26-2020-tt-bgddt', '43-2019-qh14']);
    for (const r of refs) expect(text.slice(r.start, r.end)).toBe(r.raw);
    expect(refs[1].raw).toBe('Luật Giáo dục 2019');
  });
});
