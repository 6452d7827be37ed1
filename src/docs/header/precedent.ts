/**
 * Court precedents (án lệ, Nghị quyết 04/2019/NQ-HĐTP) have no administrative header. They open with their number and
 * subject, then the adoption sentence:
 *
 *   ÁN LỆ SỐ 37/2020/AL¹                              ← number; "AL1" is "AL" with a footnote mark
 *   Về hiệu lực của hợp đồng bảo hiểm tài sản …        ← subject (or on the number's own line: "Án lệ số 27/2019/AL về …")
 *   Được Hội đồng Thẩm phán Tòa án nhân dân tối cao thông qua ngày 05 tháng 02 năm 2020 và được công bố theo …
 */
import { isoDate } from './date.js';
import { splitLines } from './layout.js';
import type { HeaderInfo } from './types.js';

/** "Án lệ số 02/2016/AL", "ÁN LỆ SỐ 55/2022/AL1" (footnote digit), at the start of one of the first lines. */
const PRECEDENT_NUMBER = /^[ \t]*(?:Án|ÁN)[ \t]+(?:lệ|LỆ)[ \t]+(?:số|SỐ)[ \t]*(\d{1,4}\/\d{4}\/AL)\d?\b[ \t]*(.*)$/u;
/** "Được Hội đồng Thẩm phán Tòa án nhân dân tối cao thông qua ngày 06 tháng 4 năm 2016" (one date; a session over several days is left undated). */
const ADOPTED_BY_COUNCIL = /Được\s+Hội\s+đồng\s+Thẩm\s+phán\s+Tòa\s+án\s+nhân\s+dân\s+tối\s+cao\s+thông\s+qua\s+(?:vào\s+)?ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})/u;
const COUNCIL = 'Hội đồng Thẩm phán Tòa án nhân dân tối cao';

/** Number, date, issuer, kind and title of a precedent; false when the text does not open like one. */
export function parsePrecedent(head: string, info: HeaderInfo): boolean {
  const lines = splitLines(head, 0, Math.min(head.length, 1500)).filter((l) => l.text.trim()).slice(0, 3);
  const at = lines.findIndex((l) => PRECEDENT_NUMBER.test(l.text));
  if (at < 0) return false;
  const m = PRECEDENT_NUMBER.exec(lines[at].text)!;
  info.formal = true;
  info.kind = 'án lệ'; info.kindSource = 'kind-line';
  info.number = m[1]; info.numberSource = 'header';
  info.issuer = COUNCIL;
  // the subject: the rest of the number's line and the lines up to the adoption sentence
  const all = splitLines(head, lines[at].start, Math.min(head.length, lines[at].start + 1200));
  const subject: string[] = m[2].trim() ? [m[2].trim()] : [];
  let end = lines[at].end;
  for (const l of all.slice(1)) {
    const t = l.text.trim();
    if (!t) continue;
    if (/^Được\s/u.test(t) || /^Nguồn án lệ/u.test(t) || subject.length >= 6) break;
    subject.push(t); end = l.end;
  }
  const s = subject.join(' ').replace(/\s+/g, ' ').replace(/^[\s:–-]+/, '');
  info.title = `Án lệ số ${m[1]}${s ? ` ${s[0].toLowerCase()}${s.slice(1)}` : ''}`;
  const d = ADOPTED_BY_COUNCIL.exec(head.slice(0, 3000));
  if (d) {
    const iso = isoDate(d[1], d[2], d[3]);
    if (iso) { info.issuedAt = iso; info.dateSource = 'adopted'; }
  }
  info.headerSpan = { start: lines[at].start, end };
  return true;
}
