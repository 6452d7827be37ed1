/**
 * Golden cases for reference detection by evidence (src/query/detect.ts): queries as teachers, clerks and
 * portal visitors type them. Topic queries carry numbers too ("lớp 10", "năm 2018", "2021-2022", "Điều 5");
 * only a document-number shape, a kind word right before a number, or a law name makes a reference.
 */
import { describe, expect, it } from 'vitest';
import { detectReference } from '../../src/query/detect.js';

const TOPIC = [
  'tuyển sinh lớp 10',
  'tuyen sinh lop 10',
  'chương trình giáo dục phổ thông 2018',
  'chuong trinh gdpt 2018',
  'lớp 10',
  'năm 2018',
  '2021-2022',
  'năm học 2021-2022',
  'Điều 5',
  'khoản 2',
  'điều 5 khoản 2 điểm a',
  'kế hoạch năm học 2023 - 2024',
  'kế hoạch 2022',
  'nhiệm vụ trọng tâm năm 2022',
  'thi tốt nghiệp THPT năm 2021',
  'học sinh lớp 6 và lớp 1',
  'giáo dục STEM',
  'giao duc stem xyzzy',
  'quy tắc ứng xử của nhà giáo',
  'tiền lương dạy thêm giờ',
  'phổ cập giáo dục mầm non cho trẻ em từ 3 đến 5 tuổi',
  'trẻ 5 tuổi',
  '10 nhiệm vụ trọng tâm',
  'giai đoạn 2021 - 2025',
  'hạng 1 và hạng 2',
  'tỷ lệ tốt nghiệp 96%',
  'mức lương tối thiểu vùng 2026',
  'ngày 04/9/2020',
  'chế độ thai sản 6 tháng',
  'học kỳ 1',
  'bảo hiểm xã hội bắt buộc',
  'luật sư',
  'hien tuong',
  'ct2018',
  'lop10',
];

/** query → the canonical prefix the reference must resolve through (and the topic words left, if any). */
const REFERENCE: [string, string, string?][] = [
  ['nd 71/2020', '71-2020-nd-'],
  ['NĐ 71/2020', '71-2020-nd-'],
  ['Nghị định 71/2020/NĐ-CP', '71-2020-nd-cp'],
  ['nghị định số 71/2020/NĐ-CP', '71-2020-nd-cp'],
  ['71/2020/ND-CP', '71-2020-nd-cp'],
  ['71/2020', '71-2020-'],
  ['nghi dinh 71 nam 2020', '71-2020-nd-'],
  ['nd 71', '71-'],
  ['cv 3414', '3414-'],
  ['Công văn 3414/BGDĐT-GDTrH', '3414-bgddt-gdtrh'],
  ['3414/BGDĐT-GDTrH', '3414-bgddt-gdtrh'],
  ['công văn số 3414/BGDĐT-GDTrH ngày 04/9/2020', '3414-bgddt-gdtrh-2020'],
  ['thông tư 29/2023', '29-2023-tt-'],
  ['tt 29/2023/tt-bgddt', '29-2023-tt-bgddt'],
  ['tt 26 2020 bgd', '26-2020-tt-bgd'],
  ['Thông tư số 03/2026/TT-BGDĐT', '03-2026-tt-bgddt'],
  ['72-QĐ/TW', '72-qd-tw'],
  ['quyết định 72-QĐ/TW', '72-qd-tw'],
  ['Chỉ thị 666/CT-BGDĐT', '666-ct-bgddt'],
  ['qd 29/2025/qd-ttg', '29-2025-qd-ttg'],
  ['nghị định 293/2025', '293-2025-nd-'],
  ['nq 248/2025/qh15', '248-2025-qh15'],
  ['luật 41/2024/QH15', '41-2024-qh15'],
  ['Bộ luật Lao động 45/2019/QH14', '45-2019-qh14'],
  ['tb 460/TB-SGDĐT', '460-tb-sgddt'],
  ['Luật Giáo dục 2019', '43-2019-qh14'],
  ['luật giáo dục', '43-2019-qh14'],
  ['luat giao duc 2019', '43-2019-qh14'],
  ['bộ luật lao động', '45-2019-qh14'],
  ['Luật Bảo hiểm xã hội 2024', '41-2024-qh15'],
  ['hiến pháp 2013', 'hien-phap-2013'],
  ['hien phap', 'hien-phap-2013'],
  ['Luật Đầu tư 2020', '61-2020-qh14'],
  // mixed: the reference and the topic words searched as text
  ['nghị định 71/2020 nâng chuẩn giáo viên', '71-2020-nd-', 'nâng chuẩn giáo viên'],
  ['thông tư 29/2023 thi đua khen thưởng', '29-2023-tt-', 'thi đua khen thưởng'],
  ['cv 3414 nhiệm vụ giáo dục trung học', '3414-', 'nhiệm vụ giáo dục trung học'],
  ['luật giáo dục 2019 chuẩn đào tạo giáo viên', '43-2019-qh14', 'chuẩn đào tạo giáo viên'],
  ['72-QĐ/TW biên chế giáo viên', '72-qd-tw', 'biên chế giáo viên'],
  ['Điều 5 Nghị định 71/2020/NĐ-CP', '71-2020-nd-cp', 'Điều 5'],
  // a kind abbreviation glued to the number, as typed in a hurry
  ['tt06/2026', '06-2026-tt-'],
  ['nd71/2020', '71-2020-nd-'],
  ['cv3414/bgddt-gdtrh', '3414-bgddt-gdtrh'],
  ['TT29 dạy thêm', '29-', 'dạy thêm'],
];

describe('detectReference: topic queries carry no evidence of a reference', () => {
  it.each(TOPIC)('%s', (q) => {
    expect(detectReference(q)).toBeNull();
  });
});

describe('detectReference: references in every written form', () => {
  it.each(REFERENCE)('%s', (q, prefix, rest = '') => {
    const d = detectReference(q);
    expect(d, q).not.toBeNull();
    expect(d!.parsed.canonical ?? d!.parsed.canonicalPrefix).toBe(prefix);
    expect(d!.rest).toBe(rest);
    expect(q.normalize('NFC')).toContain(d!.text);
  });
});

describe('detectReference: a glued abbreviation', () => {
  it('is split for the search of the whole query too ("tt06/2026" finds nothing as one word)', () => {
    expect(detectReference('tt06/2026')?.split).toBe('tt 06/2026');
    expect(detectReference('nd71/2020 nâng chuẩn')?.split).toBe('nd 71/2020 nâng chuẩn');
    expect(detectReference('nd 71/2020')?.split).toBeUndefined();
  });
});

describe('detectReference: input bounds', () => {
  it('answers null for empty or oversized input', () => {
    expect(detectReference('')).toBeNull();
    expect(detectReference('   ')).toBeNull();
    expect(detectReference('nd 71/2020 '.repeat(60))).toBeNull();
  });
});
