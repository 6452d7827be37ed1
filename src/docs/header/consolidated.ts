/** Consolidated texts (văn bản hợp nhất): their own number, date, place and issuer from the authentication block. */
import { DATE_WORDS, isoDate, placeOf } from './date.js';
import { fold } from '../../text/fold.js';
import { displayName } from './issuer.js';
import { KIND_LINES } from './kind.js';
import { isUpperLine } from './layout.js';
import { tidyNumber } from './number.js';
import { tidyTitle } from './title.js';
import type { HeaderInfo } from './types.js';

/**
 * Consolidated texts (văn bản hợp nhất) carry the kind line of the consolidated document at the top and their own
 * number, date and signer in the authentication block at the end:
 *   "BỘ TÀI CHÍNH / XÁC THỰC VĂN BẢN HỢP NHẤT / Số: 03/VBHN-BTC / Hà Nội, ngày 12 tháng 02 năm 2026 / KT. BỘ TRƯỞNG …"
 */
const XAC_THUC = /XÁC\s+(?:THỰC|NHẬN)\s+VĂN\s+BẢN\s+HỢP\s+NHẤT/u;
/** The opening note of a consolidated text: "Luật … số 66/2025/QH15 …, được sửa đổi, bổ sung bởi:" (80 of 81 VBHN in congbao-8chude, no other document). */
const VBHN_INTRO = /được\s+sửa\s+đổi,?\s+bổ\s+sung\s+(?:một\s+số\s+điều\s+)?(?:bởi|theo)\s*:/u;

/** "LUẬT" + "Xử lý vi phạm hành chính" → "Luật Xử lý vi phạm hành chính"; a title that already opens with the kind word keeps it once. */
function withKindWord(kw: string, title: string): string {
  if (!kw) return tidyTitle(title);
  const word = `${kw[0]}${kw.slice(1).toLowerCase()}`;
  return tidyTitle(fold(title).startsWith(`${fold(word)} `) ? title : `${word} ${title}`);
}

export function consolidated(text: string, info: HeaderInfo): void {
  const m = XAC_THUC.exec(text);
  if (!m) {
    if (VBHN_INTRO.test(text.slice(0, 3000)) && info.kind !== 'văn bản hợp nhất') {
      const kw = KIND_LINES.find(([, k]) => k === info.kind)?.[0];
      info.kind = 'văn bản hợp nhất'; info.kindSource = 'kind-line';
      if (info.title && kw) info.title = withKindWord(kw, info.title);
    }
    return;
  }
  const zoneStart = Math.max(0, m.index - 300);
  const zone = text.slice(zoneStart, Math.min(text.length, m.index + 400));
  const num = /Số\s*:\s*(\d+\/VBHN-[\p{L}\d\-]+)/u.exec(zone);
  if (!num) return;
  const docKind = info.kind;
  info.kind = 'văn bản hợp nhất'; info.kindSource = 'kind-line';
  // the authentication block names the consolidated text itself: it wins over a "Số:" of the original kept at the top
  info.number = tidyNumber(num[1]); info.numberSource = 'header';
  // The block's own date line ("Hà Nội, ngày 04 tháng 6 năm 2026"), not a body date just above the block
  // ("… áp dụng từ ngày\n03 tháng 02 năm 2026./." ends the consolidated text): a date with its place before it on its
  // line first, else the first date after the number or the XÁC THỰC line.
  const blockFrom = Math.min(zone.indexOf(num[0]), m.index - zoneStart);
  let cell: { d: RegExpExecArray; place?: string } | undefined;
  let after: RegExpExecArray | undefined;
  const dates = new RegExp(DATE_WORDS.source, 'gu');
  for (let d = dates.exec(zone); d && !cell; d = dates.exec(zone)) {
    const place = placeOf(zone.slice(zone.lastIndexOf('\n', d.index) + 1, d.index));
    if (place) cell = { d, place };
    else if (!after && d.index >= blockFrom) after = d;
  }
  const d = cell?.d ?? after;
  if (d) {
    const iso = isoDate(d[1], d[2], d[3]);
    if (iso) { info.issuedAt = iso; info.dateSource = 'header'; }
    if (cell?.place) info.place = cell.place;
  }
  const before = zone.slice(0, zone.indexOf(num[0])).split('\n').map((l) => l.trim()).filter((l) => l && isUpperLine(l) && !XAC_THUC.test(l));
  if (before.length) info.issuer = displayName(before[before.length - 1]);
  if (info.title && docKind && docKind !== 'văn bản hợp nhất') {
    const kw = KIND_LINES.find(([, k]) => k === docKind)?.[0] ?? '';
    info.title = withKindWord(kw, info.title);
  }
}
