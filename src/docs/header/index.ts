/**
 * Header / metadata parser for Vietnamese administrative and legal normative documents
 * (layout of Nghị định 30/2020/NĐ-CP, Phụ lục I):
 *
 *   UBND TỈNH SƠN LA                 CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
 *   SỞ GIÁO DỤC VÀ ĐÀO TẠO           Độc lập - Tự do - Hạnh phúc
 *   Số: 460/TB-SGDĐT                 Sơn La, ngày 30 tháng 11 năm 2020
 *                        THÔNG BÁO
 *        Kết luận Hội nghị triển khai nhiệm vụ giáo dục trung học …
 *   … body …
 *   Nơi nhận:                                  KT. GIÁM ĐỐC
 *   - …;                                       PHÓ GIÁM ĐỐC
 *   - Lưu: VT, …                               Nguyễn Văn A
 *
 * Extraction output cells come flattened in every order (issuer / motto / number / date on separate
 * lines, row by row, or glued into one line without spaces, as in web pages copied from PDFs:
 * "UBND TỈNH SƠN LASỞ GIÁO DỤCVÀ ĐÀO TẠOSố:460/TB-SGDĐTCỘNG HOÀ…"), so every field is found by its
 * own anchored pattern, not by position.
 *
 * Pure: a normalize()d string in, data out. Offsets are UTF-16 indices into that string.
 *
 * One module per sub-parser: number.ts (the "Số:" cell), date.ts (date cell and place), issuer.ts (unit lines and
 * display names), kind.ts (kind line, type codes), title.ts (trích yếu, "V/v"), signer.ts, recipients.ts; plus the
 * layouts without a header: gazette.ts (continued gazette text), consolidated.ts (VBHN), news.ts (portal pages).
 */
import { consolidated } from './consolidated.js';
import { parseAdoptedDate, parseDateCell } from './date.js';
import { parseIdentityLine } from './gazette.js';
import { issuerFromPromulgation, parseIssuer } from './issuer.js';
import { KIND_LINE_RE, kindFromNumber } from './kind.js';
import { DECOR_LINE, GAZETTE_LINE, MOTTO, SLOGAN, splitLines, type Line } from './layout.js';
import { parseNewsHeader } from './news.js';
import { parsePrecedent } from './precedent.js';
import { findNumberCell, ownNumberFromAnnex, readNumberCell } from './number.js';
import { parseRecipients } from './recipients.js';
import { parseClosingName, parseSignature } from './signer.js';
import { parseKindAndTitle, parseSubjectLine } from './title.js';
import type { HeaderInfo } from './types.js';

export type { HeaderInfo, Span } from './types.js';
export { isoDate } from './date.js';
export { displayName } from './issuer.js';
export { kindFromNumber } from './kind.js';
export { pageDate } from './news.js';
export { tidyNumber } from './number.js';

/** The kind line among the first three lines of the text (decorations and gazette furniture skipped). */
function topKindLine(head: string): Line | undefined {
  const top = splitLines(head, 0, Math.min(head.length, 600)).filter((l) => l.text.trim() && !DECOR_LINE.test(l.text.trim()) && !GAZETTE_LINE.test(l.text.trim())).slice(0, 3);
  return top.find((l) => KIND_LINE_RE.test(l.text));
}

export interface HeaderOptions {
  /** Only the first `headChars` characters are searched for the header (default 6000). */
  headChars?: number;
}

/**
 * parseHeader(text): metadata of a normalize()d document text.
 *
 * parseHeader("UBND TỈNH SƠN LA\nSỞ GIÁO DỤC VÀ ĐÀO TẠO\nSố: 460/TB-SGDĐT\n…") →
 *   { kind: 'thông báo', number: '460/TB-SGDĐT', issuer: 'Sở Giáo dục và Đào tạo', parentIssuer: 'UBND tỉnh Sơn La', … }
 */
export function parseHeader(text: string, opts: HeaderOptions = {}): HeaderInfo {
  const headLen = Math.min(text.length, opts.headChars ?? 6000);
  const head = text.slice(0, headLen);
  const info: HeaderInfo = { formal: false, noiseSpans: [], tailSpans: [] };

  let motto = MOTTO.exec(head);
  const slogan = SLOGAN.exec(head);
  const numberCell = findNumberCell(head, motto);
  // A text without a number cell that opens with its kind line ("HIẾN PHÁP" / "NƯỚC CỘNG HOÀ … NĂM 1992"): a motto
  // further down is a chapter heading ("NƯỚC CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM - CHẾ ĐỘ CHÍNH TRỊ"), not a header.
  const topKind = numberCell ? undefined : topKindLine(head);
  if (motto && topKind && topKind.start < motto.index && motto.index - topKind.end > 300) motto = null;
  if (motto) info.noiseSpans.push({ start: motto.index, end: motto.index + motto[0].length });
  if (slogan) info.noiseSpans.push({ start: slogan.index, end: slogan.index + slogan[0].length });

  // Where the header cells end: after the date line, the kind line and the title.
  const anchorsEnd = Math.max(
    motto ? motto.index + motto[0].length : 0,
    slogan ? slogan.index + slogan[0].length : 0,
    numberCell ? numberCell.index + numberCell[0].length : 0,
  );

  // A text whose header table was lost still opens with its kind line ("THÔNG TƯ" / "Quy định …").
  const kindAtTop = !motto && !numberCell && topKind ? topKind.start : -1;

  // --- date + place: the header date follows the motto (or the number) within a few hundred characters
  let dateEnd = -1;
  if (motto || numberCell) {
    const zoneStart = Math.max(0, Math.min(motto?.index ?? Infinity, numberCell?.index ?? Infinity) - 200);
    dateEnd = parseDateCell(head, zoneStart, anchorsEnd, slogan, info);
  }
  if (!info.issuedAt && (motto || numberCell || kindAtTop >= 0)) parseAdoptedDate(text, info);

  if (!motto && !numberCell && kindAtTop < 0) {
    if (parsePrecedent(head, info) || parseIdentityLine(head, info)) {
      parseSignature(text, info.headerSpan?.end ?? 0, info);
      return info;
    }
    return parseNewsHeader(text, info);
  }
  info.formal = true;

  // --- number, issuer
  if (numberCell) { info.number = readNumberCell(numberCell, motto, slogan); info.numberSource = 'header'; }
  if (kindAtTop < 0) parseIssuer(head, numberCell ? numberCell.index : motto!.index, info);

  // --- kind line and title
  const afterHeader = kindAtTop >= 0 ? kindAtTop : Math.max(anchorsEnd, dateEnd);
  parseKindAndTitle(text, afterHeader, info);
  if (!info.title) parseSubjectLine(text, afterHeader, info);
  consolidated(text, info);
  issuerFromPromulgation(text, kindAtTop >= 0 ? kindAtTop : afterHeader, info);
  if (!info.number || !info.issuedAt) ownNumberFromAnnex(text, info);
  if (!info.kind && info.number) {
    const k = kindFromNumber(info.number);
    if (k) { info.kind = k; info.kindSource = 'number-code'; }
  }
  if (!info.kind) { info.kind = 'khác'; info.kindSource = 'default'; }

  // --- signature + recipients
  const bodyFrom = info.headerSpan?.end ?? afterHeader;
  parseSignature(text, bodyFrom, info);
  parseClosingName(text, info);
  parseRecipients(text, bodyFrom, info);
  return info;
}
