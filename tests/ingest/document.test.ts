import { describe, expect, it } from 'vitest';
import { readDocument } from '../../ingest/document.js';

// The one file → document path (runner, `policy-search parse`, admin uploads).
describe('readDocument', () => {
  const page = Buffer.from('<!doctype html><html><head><title>Hướng dẫn tuyển sinh lớp 10</title></head><body><nav>Trang chủ</nav>'
    + '<article><h1>Hướng dẫn tuyển sinh lớp 10</h1><p>Sở Giáo dục và Đào tạo hướng dẫn công tác tuyển sinh vào lớp 10 năm học 2024-2025 như sau.</p>'
    + '<p>Học sinh đăng ký dự tuyển theo quy định tại Thông tư số 30/2024/TT-BGDĐT.</p></article></body></html>');

  it("gives an HTML page's <title> as the title hint, and passes the caller's fields through", async () => {
    const { parsed, extractNotes } = await readDocument('upload/tuyen-sinh.html', page, { path: 'upload/tuyen-sinh.html', id: 'ts-10' });
    expect(parsed.document.id).toBe('ts-10');
    expect(parsed.document.title).toBe('Hướng dẫn tuyển sinh lớp 10');
    expect(parsed.document.source.format).toBe('html');
    expect(parsed.passages.map((p) => p.text).join('\n')).toContain('30/2024/TT-BGDĐT');
    expect(Array.isArray(extractNotes)).toBe(true);
  });

  it('a title given by the caller wins over the page title', async () => {
    const { parsed } = await readDocument('a.html', page, { meta: { title: 'Tiêu đề do người gửi đặt' } });
    expect(parsed.document.title).toBe('Tiêu đề do người gửi đặt');
  });
});
