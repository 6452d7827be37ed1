import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { removeBoilerplate, isChromeLine, isGazetteHeader } from '../../src/text/boilerplate.js';
import { SHARED, HAS_SHARED } from '../helpers.js';

// congbao-8chude, record congbao-luat-so-41-2024-qh15-42576 (Luật Bảo hiểm xã hội 2024), a page break
// with the signature stamp, the running header and the page number, exactly as in the text layer.
const CONGBAO_PAGE_BREAK = [
  'công tác cơ yếu hưởng lương như đối với quân nhân; ',
  'Người ký: CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ',
  'Email: thongtinchinhphu@chinhphu.vn',
  'Cơ quan: VĂN PHÒNG CHÍNH PHỦ',
  'Thời gian ký: 28.08.2024 14:39:08 +07:00',
  '',
  ' ',
  '4 ',
  'CÔNG BÁO/Số 987 + 988/Ngày 25-8-2024 ',
  '  ',
  'đ) Hạ sĩ quan, binh sĩ quân đội nhân dân; hạ sĩ quan, chiến sĩ nghĩa vụ công an ',
].join('\n');

describe('boilerplate: Công báo', () => {
  it('removes the stamp, the running header and its page number, leaving one break', () => {
    expect(removeBoilerplate(CONGBAO_PAGE_BREAK)).toBe(
      'công tác cơ yếu hưởng lương như đối với quân nhân; \nđ) Hạ sĩ quan, binh sĩ quân đội nhân dân; hạ sĩ quan, chiến sĩ nghĩa vụ công an ',
    );
  });

  it('knows the real header forms', () => {
    // all seen in congbao-8chude
    for (const h of ['CÔNG BÁO/Số 987 + 988/Ngày 25-8-2024', 'CÔNG BÁO/Số 290/Ngày 29-05-2026', 'CÔNG BÁO/ Số 459 + 460/Ngày 11-03-2025',
      '38                             CÔNG BÁO/Số 347 + 348/Ngày 25-02-2025', 'CÔNG BÁO/Số 298/Ngày 01-06-2026                                 45',
      'CÔNG BÁO/Số 679 + 680/Ngày 24-4-20233', '(Xem tiếp Công báo số 979 + 980)', '(Tiếp theo Công báo số 201 + 202)'])
      expect(isGazetteHeader(h), h).toBe(true);
    // body text that mentions Công báo stays
    expect(isGazetteHeader('binh và Xã hội; gửi đăng Công báo Danh mục văn bản quy phạm pháp luật hết')).toBe(false);
  });

  it('removes the 2026 stamp form (Ký bởi / Cơ quan / Ngày ký)', () => {
    // congbao-8chude, 2026 issues
    const t = 'hưởng lương hưu hằng tháng. \nKý bởi: CÔNG BÁO NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nCơ quan: VĂN PHÒNG CHÍNH PHỦ\nNgày ký: 2026-05-29 08:10:56 +07:00\n\nCÔNG BÁO/Số 290/Ngày 29-05-2026 \n11\n \n \nb) Cán bộ xã, phường, thị trấn';
    expect(removeBoilerplate(t)).toBe('hưởng lương hưu hằng tháng. \nb) Cán bộ xã, phường, thị trấn');
  });

  it('keeps form fields that look like stamp lines', () => {
    // annex forms in congbao-8chude: "Email: ………… Website: …………"
    const form = '3. Địa chỉ trụ sở chính:\nĐiện thoại: ..........\nEmail:………………………………. Website: ...................................................\nNgười ký:..........................................................................................................';
    expect(removeBoilerplate(form)).toBe(form);
  });
});

describe('boilerplate: portal chrome', () => {
  it('removes the chrome of seed 002 (top and bottom)', () => {
    // /work/shared/seeds/002_db685673e0713cc6.txt, first lines and last lines
    const top = 'Thursday, 19/05/2022 - 02:09|\nChào mừng bạn đến với cổng thông tin điện tử của Trường THCS Quyết Thắng\n\nKết luận Hội nghị triển khai nhiệm vụ giáo dục trung học năm học 2020-2021';
    expect(removeBoilerplate(top).trim()).toBe('Kết luận Hội nghị triển khai nhiệm vụ giáo dục trung học năm học 2020-2021');
    const bottom = 'GIÁM ĐỐC Nguyễn Huy Hoàng\n\nBài tin liên quan\nChính phủ điện tử\nTin đọc nhiều\nLiên kết website\nThống kê truy cập\nHôm nay : 1\nHôm qua : 8\nTháng 05 : 169\nNăm 2022 : 67.657';
    expect(removeBoilerplate(bottom).trim()).toBe('GIÁM ĐỐC Nguyễn Huy Hoàng');
  });

  it('removes the chrome of seed 004 (views, author line, sort widget)', () => {
    // /work/shared/seeds/004_e5419caefa74c938.txt, last lines
    const t = 'Chủ động phát hiện, biểu dương và nhân rộng các tấm gương người tốt, việc tốt trong toàn ngành.\n\n  • 1.208 lượt xem\n👨 Mai Lê Cập nhật: 11/08/2023\nSắp xếp theo';
    expect(removeBoilerplate(t).trim()).toBe('Chủ động phát hiện, biểu dương và nhân rộng các tấm gương người tốt, việc tốt trong toàn ngành.');
  });

  it('share and rating widgets', () => {
    for (const l of ['Chia sẻ', 'Facebook | Twitter | Zalo', 'Đánh giá: 4.5/5 (10 bình chọn)', '(12 đánh giá)', 'Lượt xem: 1.234', 'Ngày đăng: 12/03/2021 08:00'])
      expect(isChromeLine(l), l).toBe(true);
  });

  it('never removes sentences that merely mention the words', () => {
    const body = [
      // seed 003: a sentence with a date, seed 001: "Hội nghị diễn ra theo hình thức trực tuyến. |"
      'Đó là một trong các nội dung Kết luận của đồng chí Phó Chủ tịch Thường trực UBND tỉnh tại Hội nghị chiều 21/02/2022 tại Sở GD&ĐT.',
      'Hội nghị diễn ra theo hình thức trực tuyến. |',
      'Hôm nay, ngày 12 tháng 5 năm 2023, tại Hà Nội, chúng tôi gồm:',
      'Chào mừng kỷ niệm 70 năm ngày thành lập ngành.',
      'Điều 5. Đánh giá',
      'Năm 2022: tổ chức 12 hội nghị.',
    ].join('\n');
    expect(removeBoilerplate(body)).toBe(body);
  });

  it('never throws', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (s) => typeof removeBoilerplate(s) === 'string'));
  });
});

describe.skipIf(!HAS_SHARED)('boilerplate over the whole congbao-8chude corpus', () => {
  it('leaves (almost) no running header or stamp behind', () => {
    const file = path.join(SHARED, 'corpus/congbao-8chude/docs.jsonl.gz');
    let headers = 0;
    let left = 0;
    for (const line of zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n')) {
      if (!line) continue;
      const text: string = JSON.parse(line).text ?? '';
      headers += (text.match(/^.*CÔNG BÁO\/.*$/gm) ?? []).length;
      const out = removeBoilerplate(text);
      left += (out.match(/^.*(?:CÔNG BÁO\/|Thời gian ký:|Ngày ký: \d).*$/gm) ?? []).length;
    }
    console.log(`[boilerplate] congbao-8chude: ${headers} running headers before, ${left} header/stamp lines left after`);
    expect(headers).toBeGreaterThan(10_000);
    expect(left).toBeLessThan(headers * 0.001);
  });
});
if (!HAS_SHARED) console.log('[boilerplate] ../shared absent: the congbao-8chude corpus check is skipped');
