/**
 * Number sub-parser: the document's own số ký hiệu from its "Số:" cell, or, when the header table was lost,
 * from "(Ban hành kèm theo Thông tư số …)" in its annexes.
 */
import { fold } from '../../text/fold.js';
import { isoDate } from './date.js';
import { KIND_LINES } from './kind.js';
import type { HeaderInfo } from './types.js';

/** A number: serial, then "/"- or "-"-separated parts; a part may wrap onto the next line after its separator ("…/TTLT-VKSNDTC-\nTANDTC-BCA"). */
export const NUM = String.raw`(\d{1,5}[A-Za-z]?(?:[.,]\d+)?(?:[ \t]*[\/\-–](?:[ \t]*\n)?[ \t]*[\p{L}\d.&]*[\p{L}\d&])+)`;
/**
 * The number cell: "Số: 460/TB-SGDĐT", "Luật số: 121/2025/QH15", "Nghị quyết số: 115/2025/UBTVQH15", glued "Số:460/TB-SGDĐTCỘNG".
 * Not "CÔNG BÁO/Số 240/Ngày" (preceded by "/").
 */
export const NUMBER_COLON = new RegExp(String.raw`(?<=^|\n[ \t]*|\p{Lu}[ \t]*|[_\-–—][ \t]*)(?:(?:Luật|Bộ luật|Pháp lệnh|Nghị quyết|Nghị định|Quyết định|Lệnh|Thông tư)\s+[sS]ố|Số|SỐ)\s*(?:hiệu\s*)?:[ \t]*` + NUM, 'u');
/** Without a colon only at a line start: "Số 72-QĐ/TW" */
export const NUMBER_BARE = new RegExp(String.raw`(?:^|\n)[ \t]*(?:Số|SỐ)[ \t]+` + NUM, 'u');

/** Tidy a document number as written: spaces around / and - dropped, trailing punctuation dropped. */
export function tidyNumber(raw: string): string {
  return raw.replace(/\s*\n\s*/g, '').replace(/\s*([\/\-–])\s*/g, '$1').replace(/–/g, '-').replace(/[.,;:\-\/]+$/, '').trim();
}

/**
 * Texts copied without their header table still name themselves in their annexes:
 * "(Ban hành kèm theo Thông tư số 68/2025/TT-BNNMT ngày 28 tháng 11 năm 2025 của …)".
 * Used only when the header gave no number (or no date), and only for the kind of the document itself.
 */
export function ownNumberFromAnnex(text: string, info: HeaderInfo): void {
  if (!info.kind) return;
  const kindWord = KIND_LINES.find(([, k]) => k === info.kind)?.[0];
  if (!kindWord) return;
  const kw = kindWord[0] + kindWord.slice(1).toLowerCase();
  const re = new RegExp(String.raw`\(\s*(?:Ban hành\s+)?kèm theo\s+` + kw.replace(/ /g, '\\s+') + String.raw`\s+số\s*:?\s*` + NUM + String.raw`(?:\s*ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4}))?`, 'iu');
  const m = re.exec(text);
  if (!m) return;
  const num = tidyNumber(m[1]);
  if (!info.number) { info.number = num; info.numberSource = 'annex'; }
  if (!info.issuedAt && m[2] && fold(num) === fold(info.number ?? '')) {
    const iso = isoDate(m[2], m[3], m[4]);
    if (iso) { info.issuedAt = iso; info.dateSource = 'annex'; }
  }
}

/**
 * The number cell of a header: "Số: …" anywhere in the head (with a colon), or "Số …" at a line start near the motto
 * (body sentences say "số 10/2020/…" too). The cell precedes the body: within 800 characters after the motto, or
 * within the first 1500 characters when there is no motto.
 */
export function findNumberCell(head: string, motto: RegExpExecArray | null): RegExpExecArray | null {
  let numberMatch = NUMBER_COLON.exec(head);
  if (!numberMatch) {
    const bare = NUMBER_BARE.exec(head);
    if (bare && motto && Math.abs(bare.index - motto.index) < 400) numberMatch = bare;
  }
  if (numberMatch && motto && numberMatch.index > motto.index + 800) numberMatch = null;
  if (numberMatch && !motto && numberMatch.index > 1500) numberMatch = null;
  return numberMatch;
}

/** The number as written in its cell, cut where a glued neighbour begins: "460/TB-SGDĐTCỘNG HOÀ" → "460/TB-SGDĐT". */
export function readNumberCell(cell: RegExpExecArray, motto: RegExpExecArray | null, slogan: RegExpExecArray | null): string {
  let raw = cell[1];
  const numStart = cell.index + cell[0].length - raw.length;
  for (const stop of [motto, slogan]) {
    if (stop && stop.index >= numStart && stop.index < numStart + raw.length) raw = raw.slice(0, stop.index - numStart);
  }
  raw = raw.replace(/(?:CỘNG|Độc|Hà|NGHỊ|THÔNG|QUYẾT|CHỈ|KẾ|V\/v|Về).*$/u, '');
  return tidyNumber(raw);
}
