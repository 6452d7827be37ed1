import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { rejoinLines, wrapStats } from '../../src/text/lines.js';
import { SHARED, HAS_SHARED } from '../helpers.js';

// congbao-8chude, record congbao-luat-so-41-2024-qh15-42576 (Luật Bảo hiểm xã hội 2024), start of the
// text layer after its running header: header cells, headings, Điều lines and wrapped sentences.
const CONGBAO = [
  'QUỐC HỘI ',
  ' ',
  'Luật số: 41/2024/QH15 ',
  'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM ',
  'Độc lập - Tự do - Hạnh phúc ',
  ' ',
  'LUẬT ',
  'BẢO HIỂM XÃ HỘI ',
  ' ',
  'Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam; ',
  'Quốc hội ban hành Luật Bảo hiểm xã hội. ',
  ' ',
  'Chương I ',
  'NHỮNG QUY ĐỊNH CHUNG ',
  ' ',
  'Điều 1. Phạm vi điều chỉnh  ',
  'Luật này quy định về quyền, trách nhiệm của cơ quan, tổ chức, cá nhân đối với ',
  'bảo hiểm xã hội và tổ chức thực hiện bảo hiểm xã hội; trợ cấp hưu trí xã hội; đăng ',
  'ký tham gia và quản lý thu, đóng bảo hiểm xã hội; các chế độ, chính sách bảo hiểm ',
  'xã hội bắt buộc, bảo hiểm xã hội tự nguyện; quỹ bảo hiểm xã hội; bảo hiểm hưu trí ',
  'bổ sung; khiếu nại, tố cáo và xử lý vi phạm về bảo hiểm xã hội; quản lý nhà nước ',
  'về bảo hiểm xã hội. ',
  'Điều 2. Đối tượng tham gia bảo hiểm xã hội bắt buộc và bảo hiểm xã hội ',
  'tự nguyện ',
  '1. Người lao động là công dân Việt Nam thuộc đối tượng tham gia bảo hiểm ',
  'xã hội bắt buộc bao gồm: ',
  'a) Người làm việc theo hợp đồng lao động không xác định thời hạn, hợp đồng ',
  'lao động xác định thời hạn có thời hạn từ đủ 01 tháng trở lên; ',
  'b) Cán bộ, công chức, viên chức; ',
  'g) Người lao động đi làm việc ở nước ngoài theo hợp đồng quy định tại Luật ',
  'Người lao động Việt Nam đi làm việc ở nước ngoài theo hợp đồng, trừ trường hợp ',
  'điều ước quốc tế mà nước Cộng hòa xã hội chủ nghĩa Việt Nam là thành viên có ',
  'quy định khác; ',
].join('\n');

describe('rejoin-lines on a Công báo text layer', () => {
  const out = rejoinLines(CONGBAO).split('\n').map((l) => l.trim());

  it('joins the lines of a wrapped sentence', () => {
    expect(out).toContain('Luật này quy định về quyền, trách nhiệm của cơ quan, tổ chức, cá nhân đối với bảo hiểm xã hội và tổ chức thực hiện bảo hiểm xã hội; trợ cấp hưu trí xã hội; đăng ký tham gia và quản lý thu, đóng bảo hiểm xã hội; các chế độ, chính sách bảo hiểm xã hội bắt buộc, bảo hiểm xã hội tự nguyện; quỹ bảo hiểm xã hội; bảo hiểm hưu trí bổ sung; khiếu nại, tố cáo và xử lý vi phạm về bảo hiểm xã hội; quản lý nhà nước về bảo hiểm xã hội.');
    expect(out).toContain('Điều 2. Đối tượng tham gia bảo hiểm xã hội bắt buộc và bảo hiểm xã hội tự nguyện');
    expect(out).toContain('a) Người làm việc theo hợp đồng lao động không xác định thời hạn, hợp đồng lao động xác định thời hạn có thời hạn từ đủ 01 tháng trở lên;');
  });

  it('joins a full-width line that continues with a capitalised name', () => {
    expect(out).toContain('g) Người lao động đi làm việc ở nước ngoài theo hợp đồng quy định tại Luật Người lao động Việt Nam đi làm việc ở nước ngoài theo hợp đồng, trừ trường hợp điều ước quốc tế mà nước Cộng hòa xã hội chủ nghĩa Việt Nam là thành viên có quy định khác;');
  });

  it('never merges header cells, headings, Điều lines or list items', () => {
    for (const l of ['QUỐC HỘI', 'Luật số: 41/2024/QH15', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'LUẬT', 'BẢO HIỂM XÃ HỘI',
      'Chương I', 'NHỮNG QUY ĐỊNH CHUNG', 'Điều 1. Phạm vi điều chỉnh', 'b) Cán bộ, công chức, viên chức;',
      'Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;', 'Quốc hội ban hành Luật Bảo hiểm xã hội.',
      '1. Người lao động là công dân Việt Nam thuộc đối tượng tham gia bảo hiểm xã hội bắt buộc bao gồm:'])
      expect(out, l).toContain(l);
  });

  it('is idempotent', () => {
    expect(rejoinLines(rejoinLines(CONGBAO))).toBe(rejoinLines(CONGBAO));
  });
});

describe('rejoin-lines leaves unwrapped text alone', () => {
  it('web text with one paragraph per line (seed 001)', () => {
    // /work/shared/seeds/001_ef589262bdd8a3fd.txt, first lines
    const t = 'Các sở GD&ĐT phối kết hợp với các trường đại học Sư phạm tổ chức các lớp bồi dưỡng giáo viên; trong đó chú trọng bồi dưỡng, cấp chứng chỉ dạy học các môn Khoa học tự nhiên, môn Lịch sử và Địa lí, bước đầu đáp ứng nhu cầu giảng dạy Chương trình GDPT 2018.\nHội nghị diễn ra theo hình thức trực tuyến. |\nTại Hội nghị, Thứ trưởng Ngô Thị Minh đề nghị ngành Giáo dục các thành phố cần tập trung thực hiện tốt 7 nhiệm vụ quan trọng.\nThứ nhất: Thực hiện có hiệu quả chương trình giáo dục mầm non, giáo dục phổ thông và giáo dục thường xuyên.';
    expect(wrapStats(t.split('\n')).wrapped).toBe(false);
    expect(rejoinLines(t)).toBe(t);
  });

  it('never throws', () => {
    const arb = fc.array(fc.oneof(fc.constant('\n'), fc.constant(' '), fc.constantFrom('a)', 'Điều 1.', 'xã hội', 'BỘ', 'là', ';', '.', '-')), { maxLength: 200 }).map((a) => a.join(''));
    fc.assert(fc.property(arb, (s) => typeof rejoinLines(s) === 'string'));
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (s) => typeof rejoinLines(s) === 'string'));
  });
});

describe.skipIf(!HAS_SHARED)('rejoin-lines over the corpus', () => {
  it('does not touch vbpl-central text (one paragraph per line) and only ever replaces breaks by spaces', () => {
    const file = path.join(SHARED, 'corpus/vbpl-central/docs.jsonl.gz');
    let changed = 0;
    let n = 0;
    for (const line of zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n')) {
      if (!line) continue;
      const d = JSON.parse(line);
      if (d.lang !== 'vi' || !d.text) continue;
      n++;
      if (rejoinLines(d.text) !== d.text) changed++;
    }
    console.log(`[rejoin-lines] vbpl-central: ${changed} of ${n} Vietnamese texts changed`);
    expect(changed).toBe(0);
  });
});
if (!HAS_SHARED) console.log('[rejoin-lines] ../shared absent: the corpus check is skipped');
