/**
 * Boilerplate removal: text that belongs to the page, not to the document. Line-based: only whole
 * lines that match are removed, so a phrase inside a sentence is never touched.
 *
 * - portal chrome (school / Sở GD&ĐT sites, seeds 002 and 004): date banners "Thursday, 19/05/2022 - 02:09|",
 *   "Chào mừng bạn đến với cổng thông tin điện tử …", visit counters "Hôm nay : 1", "Năm 2022 : 67.657",
 *   section labels "Bài tin liên quan", "Tin đọc nhiều", "Liên kết website", "Thống kê truy cập",
 *   "• 1.208 lượt xem", author/updated lines "👨 Mai Lê Cập nhật: 11/08/2023", "Sắp xếp theo",
 *   share and rating widgets ("Chia sẻ", "Facebook | Twitter | Zalo", "Đánh giá: 4.5/5 (10 bình chọn)").
 * - Công báo running headers (congbao-8chude): "CÔNG BÁO/Số 851 + 852/Ngày 01-7-2025", the page number
 *   on its own line next to it (before or after), "38      CÔNG BÁO/Số 347 + 348/Ngày 25-02-2025",
 *   "(Xem tiếp Công báo số 979 + 980)", "(Tiếp theo Công báo số 201 + 202)".
 * - digital-signature stamps: "Người ký: …" / "Ký bởi: …" followed by "Email: x@y", "Cơ quan: …",
 *   "Thời gian ký: 28.08.2024 14:39:08 +07:00" or "Ngày ký: …" (only as a block of 2+ such lines, so a
 *   form field "Email: ………" in an annex stays).
 * A removed page header takes the blank lines around it with it, leaving one line break, so that a
 * sentence cut by a page break can be rejoined by rejoin-lines.
 */

const DAY = '(?:Thứ\\s*(?:hai|ba|tư|năm|sáu|bảy|[2-7])|Chủ\\s*nhật|CN|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const DATE = '\\d{1,2}[/.-]\\d{1,2}[/.-]\\d{2,4}';
const TIME = '\\d{1,2}:\\d{2}(?::\\d{2})?(?:\\s*(?:AM|PM|SA|CH))?';

/** Whole-line patterns of portal chrome. */
const CHROME: RegExp[] = [
  // "Thursday, 19/05/2022 - 02:09|" (seed 002, first line)
  new RegExp(`^${DAY}\\s*,?\\s*(?:ngày\\s*)?${DATE}(?:\\s*[-–,|]?\\s*${TIME})?\\s*\\|?$`, 'iu'),
  // "Chào mừng bạn đến với cổng thông tin điện tử của Trường THCS Quyết Thắng" (seed 002)
  /^Chào mừng (?:bạn|quý vị|quý khách|các bạn)?\s*đến với\b.{0,150}$/iu,
  // visit counters "Hôm nay : 1", "Tháng 05 : 169", "Năm 2022 : 67.657" (seed 002)
  /^(?:Hôm nay|Hôm qua|Tuần này|Tuần trước|Tháng này|Tháng trước|Tháng\s*\d{1,2}|Năm nay|Năm\s*\d{4}|Tất cả|Tổng cộng|Tổng số|Tổng lượt truy cập|Lượt truy cập|Đang truy cập|Đang online|Đang trực tuyến|Trực tuyến|Online|Khách|Thành viên)\s*:\s*[\d.,]+$/iu,
  // section labels of the portal frame (seed 002 tail, seed 004 tail)
  /^(?:Bài tin liên quan|Tin liên quan|Bài viết liên quan|Các tin khác|Tin khác|Tin cùng chuyên mục|Tin mới|Tin mới nhất|Tin mới hơn|Tin cũ hơn|Tin đọc nhiều|Tin xem nhiều|Đọc nhiều nhất|Xem nhiều nhất|Liên kết website|Liên kết web|Thống kê truy cập|Chính phủ điện tử|Sắp xếp theo|Xem thêm|Về đầu trang|Lên đầu trang|Trở về|Quay lại|In bài viết|In trang|Bản in|Gửi bài viết|Gửi email|Chia sẻ|Chia sẻ bài viết|Bình luận|Ý kiến bạn đọc|Gửi ý kiến|Đánh giá bài viết|Tags?|Từ khóa)\s*:?$/iu,
  // "• 1.208 lượt xem" (seed 004), "Lượt xem: 120"
  /^[\s•·*\-–]*[\d.,]+\s*lượt\s*(?:xem|truy cập|tải|thích|đọc)\s*$/iu,
  /^(?:Lượt xem|Số lượt xem|Lượt đọc|Lượt tải)\s*:\s*[\d.,]+$/iu,
  // "👨 Mai Lê Cập nhật: 11/08/2023" (seed 004), "Ngày đăng: 12/3/2021 08:00", "Người đăng: admin"
  new RegExp(`^\\P{L}{0,4}[\\p{L} .]{0,40}?(?:Cập nhật|Ngày cập nhật|Cập nhật lúc|Ngày đăng|Đăng ngày|Đăng lúc|Ngày đăng tin)\\s*:?\\s*(?:${DAY}\\s*,?\\s*)?${DATE}(?:\\s*[-–,]?\\s*${TIME})?\\s*$`, 'iu'),
  /^(?:Người đăng|Người viết|Tác giả|Biên tập viên|Đăng bởi|Posted by)\s*:\s*.{1,60}$/iu,
  // share / rating widgets
  /^(?:(?:Facebook|Twitter|Zalo|Tweet|Like|Share|Chia sẻ|Email|Print|LinkedIn|Thích|Lưu)\s*[|·•,]?\s*){1,8}$/iu,
  /^(?:Đánh giá|Bình chọn|Rating)\s*:?\s*[\d.,]+\s*(?:\/\s*\d+)?\s*(?:\(\s*\d+\s*(?:bình chọn|đánh giá|votes?)\s*\))?\s*$/iu,
  /^\(?\s*\d+\s*(?:bình chọn|đánh giá|votes?)\s*\)?$/iu,
  /^[★☆✩✪✫✬✭✮✯⭐]{3,}.*$/u,
];

/** "CÔNG BÁO/Số 851 + 852/Ngày 01-7-2025", optionally with the page number before or after it. */
const GAZETTE_HEADER = /^(?:\d{1,4}\s+)?CÔNG BÁO\s*\/\s*Số\s*\d+(?:\s*\+\s*\d+)*\s*\/\s*Ngày\s*\d{1,2}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{4}(?:\s*\d{1,4})?$/u;
const GAZETTE_CONT = /^\(\s*(?:Xem tiếp(?: theo)?|Tiếp theo)\s+Công báo(?: số)?\s*\d+(?:\s*\+\s*\d+)*\s*\)$/iu;
const PAGE_NO = /^\d{1,4}$/;

/** First line of a signature stamp block. */
const STAMP_HEAD = /^(?:Người ký|Ký bởi)\s*:\s*\S.{0,120}$/u;
/** Following lines of a stamp block (with real values, not dotted form fields). */
const STAMP_LINE = /^(?:Email\s*:\s*\S+@\S+|Cơ quan\s*:\s*\S.{0,120}|Thời gian ký\s*:\s*[\d./: +\-]{8,}|Ngày ký\s*:\s*[\d./: +\-T]{8,}|Chức vụ\s*:\s*\S.{0,80})$/u;

/** True when the trimmed line is portal chrome. */
export function isChromeLine(line: string): boolean {
  const t = line.trim();
  if (t.length === 0 || t.length > 200) return false;
  return CHROME.some((re) => re.test(t));
}

/** True when the trimmed line is a Công báo running header or continuation note. */
export function isGazetteHeader(line: string): boolean {
  const t = line.trim();
  return t.length < 120 && (GAZETTE_HEADER.test(t) || GAZETTE_CONT.test(t));
}

const QUICK = /CÔNG BÁO|Công báo|Người ký|Ký bởi|Chào mừng|lượt|Hôm nay|Cập nhật|Ngày đăng|liên quan|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|Tin |Chia sẻ|Facebook|Đánh giá|Liên kết|Thống kê|Sắp xếp|Chính phủ điện tử/u;

/** Removes portal chrome, Công báo running headers with their page numbers, and signature stamps. */
export function removeBoilerplate(text: string): string {
  if (!QUICK.test(text)) return text;
  const lines = text.split('\n');
  const drop = new Uint8Array(lines.length); // 1 = remove; 2 = page-break region (remove, leave one break)
  const blank = (i: number) => lines[i].trim() === '';
  for (let i = 0; i < lines.length; i++) {
    if (drop[i]) continue;
    const t = lines[i].trim();
    if (t === '') continue;
    if (isGazetteHeader(t)) {
      drop[i] = 2;
      // the page number sits on its own line just before or just after the header (blank lines between)
      for (const dir of [-1, 1]) {
        let j = i + dir;
        while (j >= 0 && j < lines.length && blank(j)) j += dir;
        if (j >= 0 && j < lines.length && PAGE_NO.test(lines[j].trim())) drop[j] = 2;
      }
      continue;
    }
    if (STAMP_HEAD.test(t) || (/^(?:Email|Cơ quan|Thời gian ký|Ngày ký)\s*:/u.test(t) && STAMP_LINE.test(t))) {
      let j = i + 1;
      // "Người ký: Cổng Thông tin điện tử Chính" / "phủ": the signer name wrapped onto a short line
      if (STAMP_HEAD.test(t) && j < lines.length && /^\p{Ll}[\p{L} ]{0,20}$/u.test(lines[j].trim())) j++;
      while (j < lines.length && STAMP_LINE.test(lines[j].trim())) j++;
      const n = j - i;
      if (n >= 2 && (STAMP_HEAD.test(t) || n >= 3)) {
        for (let k = i; k < j; k++) drop[k] = 2;
        i = j - 1;
      }
      continue;
    }
    if (isChromeLine(t)) drop[i] = 1;
  }
  if (!drop.some((d) => d !== 0)) return text;
  // page-break regions: the removed lines and the blank lines touching them collapse into one break
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (drop[i] === 1) continue;
    if (drop[i] === 2) {
      let j = i;
      while (j < lines.length && (drop[j] === 2 || (blank(j) && drop[j] === 0) || drop[j] === 1)) j++;
      while (out.length > 0 && out[out.length - 1].trim() === '' ) out.pop();
      i = j - 1;
      continue;
    }
    out.push(lines[i]);
  }
  return out.join('\n');
}
