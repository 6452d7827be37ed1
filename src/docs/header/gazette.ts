/**
 * A gazette issue continuing a document from the previous issue opens with the document's identity line instead of
 * a header: "Thông tư số 102/2018/TT-BTC ngày 14 tháng 11 năm 2018 <title> (Tiếp theo Công báo số 201 + 202)".
 */
import { isoDate } from './date.js';
import { KIND_LINES, kindOf } from './kind.js';
import { splitLines } from './layout.js';
import { NUM, tidyNumber } from './number.js';
import { tidyTitle } from './title.js';
import type { HeaderInfo } from './types.js';

/** A gazette continuation's identity line: "Thông tư số 102/2018/TT-BTC ngày 14 tháng 11 năm 2018 <title>". */
export const ID_LINE = new RegExp(String.raw`(?:^|\n)[ \t]*(${KIND_LINES.map(([k]) => k[0] + k.slice(1).toLowerCase()).join('|')})\s+số\s*:?\s*` + NUM + String.raw`\s+ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})\s*\n?([^\n(]*)`, 'u');

/**
 * Kind, number, date and title from the identity line within the first five lines (the "Tiếp theo Công báo" marker is
 * page furniture that cleaning may remove); false when there is none.
 */
export function parseIdentityLine(head: string, info: HeaderInfo): boolean {
  const cont = /\(\s*Tiếp theo Công báo[^)]*\)/u.exec(head.slice(0, 1500));
  const topLines = splitLines(head, 0, Math.min(head.length, 800)).filter((l) => l.text.trim()).slice(0, 5);
  const topEnd = topLines.length ? topLines[topLines.length - 1].end : 0;
  const idZone = head.slice(0, cont ? cont.index : topEnd);
  const id = idZone ? ID_LINE.exec(idZone) : null;
  if (!id) return false;
  info.formal = true;
  info.kind = kindOf(id[1].toUpperCase()); info.kindSource = 'kind-line';
  info.number = tidyNumber(id[2]); info.numberSource = 'header';
  const iso = isoDate(id[3], id[4], id[5]);
  if (iso) { info.issuedAt = iso; info.dateSource = 'header'; }
  if (id[6]?.trim()) { const t = tidyTitle(id[6]); info.title = t[0].toUpperCase() + t.slice(1); }
  info.headerSpan = { start: id.index, end: cont ? cont.index + cont[0].length : id.index + id[0].length };
  return true;
}
