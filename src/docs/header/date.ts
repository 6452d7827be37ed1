/** Date and place sub-parser: the date cell "<place>, ngày … tháng … năm …", or the adoption date of laws. */
import type { HeaderInfo } from './types.js';

/** "Sơn La, ngày 30 tháng 11 năm 2020", glued "Sơn La, ngày30tháng 11năm 2020", "Hà Nội, ngày 04/9/2020" */
export const DATE_WORDS = /(?<![\/\p{L}])[Nn]gày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})/u;
export const DATE_SLASH = /(?<![\/\p{L}])[Nn]gày\s*(\d{1,2})\s*[\/.-]\s*(\d{1,2})\s*[\/.-]\s*(\d{4})/u;
/** Place before the date on the same line: "TP. Hồ Chí Minh, ngày", "Hà Nội, ngày" */
export const PLACE_BEFORE = /((?:\p{Lu}[\p{L}.]*)(?:[ \t]+\p{Lu}[\p{L}.]*){0,4})\s*,\s*$/u;
/**
 * Laws and Quốc hội resolutions carry no header date: "… Kỳ họp thứ 10 thông qua ngày 10 tháng 12 năm 2025.";
 * the 1992 Constitution: "Bản Hiến pháp này đã được Quốc hội … nhất trí thông qua trong phiên họp ngày 15 tháng 4 năm 1992";
 * Ủy ban Thường vụ Quốc hội: "… khóa XV thông qua tại Phiên họp thứ 49 ngày 26 tháng 9 năm 2025".
 * The body that adopted it is captured ("Quốc hội", "Ủy ban Thường vụ Quốc hội").
 */
export const ADOPTED = /(?:Luật|Bộ luật|Nghị quyết|Pháp lệnh|Hiến pháp) này (?:đã )?được\s+((?:Quốc hội|Ủy ban [Tt]hường vụ Quốc hội|Uỷ ban [Tt]hường vụ Quốc hội)?)[^.]{0,250}?thông\s+qua\s+(?:(?:trong|tại)\s+[Pp]hiên\s+họp\s+(?:thứ\s+\d+\s+)?|vào\s+)?ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})/u;
/** A date cell left blank for the signer to fill in: "Hà Nội, ngày      tháng      năm 2026" (its place still counts). */
const BLANK_DATE = /(?<![\/\p{L}])[Nn]gày[\s.…_]*tháng[\s.…_]*năm\b/u;

/**
 * The place written before the date: PLACE_BEFORE's words without issuer codes glued in front by a flattened header
 * ("BLĐTBXH Hà Nội" → "Hà Nội", "TTg Hà Nội" → "Hà Nội"); an all-capitals place ("HÀ NỘI") is kept.
 */
export function placeOf(before: string): string | undefined {
  const pm = PLACE_BEFORE.exec(before);
  if (!pm) return undefined;
  const words = pm[1].trim().split(/\s+/);
  const isCode = (w: string) => /^[\p{Lu}\d&\-]{2,}$/u.test(w) || /^\p{Lu}{2,}\p{Ll}+\p{L}*$/u.test(w); // "BLĐTBXH", "TTg", "QĐ-TTg"
  let i = 0;
  while (i < words.length - 1 && isCode(words[i]) && words.slice(i + 1).some((w) => /\p{Ll}/u.test(w))) i++;
  return words.slice(i).join(' ');
}

/**
 * Day, month, year → ISO `YYYY-MM-DD`, or undefined when it is not a real date or the year is outside `years`
 * (default 1945–2100, the years a document of this state can carry). isoDate('29', '2', '2024') === '2024-02-29'.
 */
export function isoDate(d: string | number, m: string | number, y: string | number, years: readonly [number, number] = [1945, 2100]): string | undefined {
  const dd = +d, mm = +m, yy = +y;
  if (!(dd >= 1 && dd <= 31 && mm >= 1 && mm <= 12 && yy >= years[0] && yy <= years[1])) return undefined;
  const dt = new Date(Date.UTC(yy, mm - 1, dd));
  if (dt.getUTCMonth() !== mm - 1) return undefined;
  return `${yy}-${String(mm).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
}

/** Body openers that end the zone where the header date may sit. */
const DATE_ZONE_END = /\n[ \t]*(?:Căn cứ|Trên cơ sở|QUYẾT NGHỊ|Điều 1\.|Chương I\b|Kính gửi)/u;

/**
 * The date cell: "<place>, ngày …" or a line that starts with "Ngày …", from 200 characters before the first header
 * anchor (motto or number cell) to 600 after the last, stopping at the body; dates inside sentences are other
 * documents'. Sets issuedAt and place; returns where the date ends (-1 when none).
 */
export function parseDateCell(head: string, zoneStart: number, anchorsEnd: number, slogan: RegExpExecArray | null, info: HeaderInfo): number {
  let dateZoneEnd = Math.min(head.length, anchorsEnd + 600);
  const opener = DATE_ZONE_END.exec(head.slice(anchorsEnd, dateZoneEnd));
  if (opener) dateZoneEnd = anchorsEnd + opener.index;
  const dateZone = head.slice(zoneStart, dateZoneEnd);
  const candidates: RegExpExecArray[] = [];
  for (const re of [DATE_WORDS, DATE_SLASH]) {
    const g = new RegExp(re.source, 'gu');
    for (let m = g.exec(dateZone); m; m = g.exec(dateZone)) candidates.push(m);
  }
  candidates.sort((x, y) => x.index - y.index);
  let unreal: string | undefined; // the place of a date cell whose date is not a real one ("Hà Nội, ngày 32 tháng 12 năm 2024")
  for (const dm of candidates) {
    const abs = zoneStart + dm.index;
    const lineStart = Math.max(head.lastIndexOf('\n', abs - 1) + 1, slogan && slogan.index < abs ? slogan.index + slogan[0].length : 0);
    const before = head.slice(lineStart, abs);
    const place = placeOf(before);
    if (!place && before.trim() !== '') continue;
    const iso = isoDate(dm[1], dm[2], dm[3]);
    if (!iso) { unreal ??= place; continue; }
    info.issuedAt = iso; info.dateSource = 'header';
    if (place) info.place = place;
    return abs + dm[0].length;
  }
  if (unreal) { info.place = unreal; return -1; }
  const blank = BLANK_DATE.exec(dateZone);
  if (blank) {
    const abs = zoneStart + blank.index;
    const place = placeOf(head.slice(head.lastIndexOf('\n', abs - 1) + 1, abs));
    if (place) info.place = place;
  }
  return -1;
}

/** Laws and Quốc hội resolutions: the date they were adopted ("… thông qua ngày 10 tháng 12 năm 2025"). */
export function parseAdoptedDate(text: string, info: HeaderInfo): void {
  const am = ADOPTED.exec(text);
  if (!am) return;
  const iso = isoDate(am[2], am[3], am[4]);
  if (iso) { info.issuedAt = iso; info.dateSource = 'adopted'; }
  if (!info.issuer && am[1]) info.issuer = am[1];
}
