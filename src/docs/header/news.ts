/** News articles and portal posts: no administrative header; a heading line, a page date. */
import { isoDate } from './date.js';
import { DECOR_LINE, splitLines } from './layout.js';
import { tidyTitle } from './title.js';
import type { HeaderInfo } from './types.js';


/** Page furniture lines that are not a heading: visit counters, greetings, dates, menus. */
const CHROME_LINE = /^(?:(?:Thứ|Chủ nhật|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?=[\s,]).*\d{4}|Chào mừng|Trang chủ|Tin tức|Đăng nhập|Tìm kiếm|Lượt xem|Cập nhật|\d{1,2}\/\d{1,2}\/\d{4}.*)/iu;
/** Dates shown on news pages: "Cập nhật: 11/08/2023", "Ngày đăng: 12/3/2022", "Thursday, 19/05/2022 - 02:09" */
const PAGE_DATE = /(?:Cập nhật|Ngày đăng|Đăng ngày|Ngày cập nhật|Ngày xuất bản|Thứ (?:hai|ba|tư|năm|sáu|bảy|Hai|Ba|Tư|Năm|Sáu|Bảy)|Chủ nhật|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)[:,]?\s*(?:lúc\s*)?(?:\d{1,2}:\d{2}\s*(?:,\s*)?)?(\d{1,2})[\/\-.](\d{1,2})[\/\-.](\d{4})/u;

/** The date a news or portal page shows ("Cập nhật: 11/08/2023", "Thứ năm, 19/05/2022"), as ISO; look in the raw page text, since cleaning removes page chrome. */
export function pageDate(text: string): string | undefined {
  const pd = PAGE_DATE.exec(text);
  return pd ? isoDate(pd[1], pd[2], pd[3]) : undefined;
}

export function parseNewsHeader(text: string, info: HeaderInfo): HeaderInfo {
  info.formal = false;
  // a near-empty text (a scanned PDF whose text layer holds only the signature stamp) is not a news article
  if (text.trim().length < 300) { info.kind = 'khác'; info.kindSource = 'default'; }
  else { info.kind = 'tin tức'; info.kindSource = 'news'; }
  // date shown by the page (article date or update date), wherever the page shows it
  const pd = PAGE_DATE.exec(text);
  if (pd) {
    const iso = isoDate(pd[1], pd[2], pd[3]);
    if (iso) { info.issuedAt = iso; info.dateSource = 'page'; }
  } else delete info.issuedAt;
  if (info.dateSource === 'adopted') { delete info.issuedAt; delete info.dateSource; }
  // title: the first heading-like line (not furniture, no final period, 15–250 chars)
  const lines = splitLines(text, 0, Math.min(text.length, 4000));
  for (const l of lines) {
    const t = l.text.replace(/\|\s*$/, '').trim();
    if (!t || CHROME_LINE.test(t) || DECOR_LINE.test(t)) continue;
    if (t.length >= 15 && t.length <= 250 && !/[.:;]$/.test(t)) {
      info.title = tidyTitle(t);
      info.headerSpan = { start: l.start, end: l.end };
      break;
    }
    // No heading: the first sentence stands in for a title.
    const sentence = /^.{15,200}?[.!?](?=\s|$)/u.exec(t);
    info.title = tidyTitle(sentence ? sentence[0] : t.slice(0, 150));
    break;
  }
  return info;
}
