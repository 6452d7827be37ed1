/** Signer sub-parser: the signature block ("KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC / Nguyễn Văn A") after the body. */
import type { HeaderInfo } from './types.js';

/** Authority prefixes of a signature: TM. (thay mặt), KT. (ký thay), Q. (quyền), TL. (thừa lệnh), TUQ. (thừa ủy quyền) */
const AUTH = String.raw`(?<=^|\n)[ \t]*(?:TM|KT|TL|TUQ|Q|T\/M|K\/T)\.[ \t]*\p{Lu}[\p{Lu}\d \t,&\-–.()]*?`;
/** Position words: "GIÁM ĐỐC", "THỨ TRƯỞNG", "CHỦ TỊCH" … */
const POSITION_WORDS = String.raw`(?:THỦ TƯỚNG|BỘ TRƯỞNG|THỨ TRƯỞNG|CHỦ TỊCH|GIÁM ĐỐC|TỔNG GIÁM ĐỐC|HIỆU TRƯỞNG|TRƯỞNG PHÒNG|CHÁNH VĂN PHÒNG|TỔNG CỤC TRƯỞNG|CỤC TRƯỞNG|VỤ TRƯỞNG|THỐNG ĐỐC|CHÁNH ÁN|VIỆN TRƯỞNG|TỔNG KIỂM TOÁN|CHỦ NHIỆM|TRƯỞNG BAN|TỔNG THƯ KÝ|CHÁNH THANH TRA|TỔNG THANH TRA|TRƯỞNG ĐOÀN|BÍ THƯ|TỔNG BÍ THƯ|TRƯỞNG KHOA|HIỆU PHÓ)`;
/** Position lines: "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "CHỦ TỊCH QUỐC HỘI", "THỨ TRƯỞNG" … */
const POSITION = String.raw`(?:PHÓ[ \t]+)?${POSITION_WORDS}(?:[ \t]+[\p{Lu}\d&\-–,.]+)*`;
const POSITION_START = new RegExp(String.raw`^${POSITION}`, 'u');
/**
 * The body a joint document's signer acts for, between the authority and the position line: "KT. BỘ TRƯỞNG / BỘ CÔNG
 * AN / THỨ TRƯỞNG", "KT. CHÁNH ÁN TÒA ÁN / NHÂN DÂN TỐI CAO / PHÓ CHÁNH ÁN" (upper case, not itself a position).
 */
const ORGAN = String.raw`[ \t]*(?!(?:PHÓ[ \t]+)?${POSITION_WORDS})\p{Lu}[\p{Lu} \t,&\-–]{2,50}`;
/**
 * After an authority line, a position line the word list does not know, mistyped in the source ("THỨ TRUỞNG",
 * "PHÓ THỐNG ĐÔC"): a short upper-case line.
 */
const LOOSE_POSITION = String.raw`(?<=\n[ \t]*)\p{Lu}[\p{Lu} \t]{2,30}`;
/** Military and police ranks before a signer's name: "Đại tướng Lương Tam Quang", "Thượng tướng Nguyễn Trường Thắng" */
const RANK = String.raw`(?:Đại|Thượng|Trung|Thiếu)[ \t]+(?:tướng|tá|úy)`;
/** A person's name: 2–5 capitalised syllables, alone on its line (or at the end of a glued line). */
const NAME = String.raw`\p{Lu}\p{Ll}*(?:[ \t]+\p{Lu}\p{Ll}*){1,4}`;
/** "(Đã ký)", "( đã kí)", "(Ký)", or a bare "Đã ký" line, between the position and the name. */
const SIGNED = String.raw`(?:\(\s*(?:[Đđ]ã\s*k[ýí]|Ký[^)\n]{0,30}|Chữ ký[^)\n]{0,30})\s*\)\s*|[Đđ]ã\s*k[ýí][ \t]*\n\s*)?`;
/** Residue of a digital-signature stamp in gazette PDFs: " [" alone, "…TƯỚNGy]", "y]Phạm Thị Thanh Trà". */
const STAMP_AFTER_POSITION = String.raw`(?:\p{Ll}{0,3}\])?`;
const STAMP_BEFORE_NAME = String.raw`(?:\[[^\]\n]{0,20}\]?\s*|\p{Ll}{0,3}\][ \t]*)?`;
const SIGNATURE = new RegExp(
  String.raw`(?<![\p{L}])((?:${AUTH}[ \t]*\n\s*(?:${ORGAN}[ \t]*\n\s*){0,2}){0,2})(${POSITION}(?:[ \t]*\n\s*(?:THƯỜNG TRỰC|NƯỚC CỘNG H[ÒO]A XÃ HỘI CHỦ NGHĨA VIỆT NAM|[\p{Lu}][\p{Lu} ,\-]{2,40}(?=[ \t]*\n\s*\()))?|${LOOSE_POSITION})?${STAMP_AFTER_POSITION}[ \t]*\r?\n?\s*${SIGNED}${STAMP_BEFORE_NAME}(?:${RANK}[ \t]+)?(${NAME})[ \t]*(?=\r?\n|$)`,
  'gu',
);

/** Position words or an authority line alone: a cheap pre-filter, so the full signature pattern only runs near candidates. */
const POSITION_FAST = /THỦ TƯỚNG|BỘ TRƯỞNG|THỨ TRƯỞNG|CHỦ TỊCH|GIÁM ĐỐC|HIỆU TRƯỞNG|TRƯỞNG PHÒNG|CHÁNH VĂN PHÒNG|CỤC TRƯỞNG|VỤ TRƯỞNG|THỐNG ĐỐC|CHÁNH ÁN|VIỆN TRƯỞNG|TỔNG KIỂM TOÁN|CHỦ NHIỆM|TRƯỞNG BAN|TỔNG THƯ KÝ|CHÁNH THANH TRA|TỔNG THANH TRA|TRƯỞNG ĐOÀN|BÍ THƯ|TRƯỞNG KHOA|HIỆU PHÓ|(?<=\n)[ \t]*(?:TM|KT|TL|TUQ)\.[ \t]*\p{Lu}/gu;

/** One signature block at `at` (a window start), or undefined. */
function signatureIn(text: string, ws: number, we: number): { name: string; title: string; authority?: string; start: number; end: number } | undefined {
  const win = text.slice(ws, we);
  SIGNATURE.lastIndex = 0;
  for (let m = SIGNATURE.exec(win); m; m = SIGNATURE.exec(win)) {
    const name = m[3].trim();
    // A block needs a known position line or an authority line ("TM. CHÍNH PHỦ / KT. THỦ TRƯỞNG / (Đã ký) / …");
    // a mistyped position is taken only after an authority line.
    const title = (m[2] ?? '').replace(/\s+/g, ' ').trim();
    if (!m[1].trim() && !POSITION_START.test(m[2] ?? '')) { SIGNATURE.lastIndex = m.index + 1; continue; }
    // A name is 2–5 syllables of letters only; "Điều Khoản" or title words are not names.
    if (/^(?:Điều|Chương|Mục|Phụ|Nơi|Lưu|Khoản|Căn|Theo|Về|Bộ|Sở|Cục|Ủy|Văn|Hà|Thông|Nghị|Quyết)(?=\s|$)/u.test(name)) continue;
    if (m.index + m[0].length >= win.length && we < text.length) continue; // the name may go on past the window
    const authority = m[1].trim().split(/\s*\n\s*|\s{2,}/).map((x) => x.trim()).filter(Boolean);
    return {
      name, title, start: ws + m.index, end: ws + m.index + m[0].length,
      ...(authority.length ? { authority: authority.join(' / ').replace(/\s+/g, ' ') } : {}),
    };
  }
  return undefined;
}

/** Blocks of a joint document follow one another with nothing but blank lines between them. */
const NEXT_BLOCK_GAP = 40;

/**
 * The signature block(s): the first one after the body, then every block that follows it directly (joint documents:
 * "TM. ĐOÀN CHỦ TỊCH … / CHỦ TỊCH / Đỗ Văn Chiến / TM. CHÍNH PHỦ / THỦ TƯỚNG / Phạm Minh Chính / …"). The first is
 * `signer`; all of them are `signers` when there are several.
 */
export function parseSignature(text: string, from: number, info: HeaderInfo): void {
  POSITION_FAST.lastIndex = from;
  let scannedTo = from;
  for (let f = POSITION_FAST.exec(text); f; f = POSITION_FAST.exec(text)) {
    if (f.index < scannedTo) continue;
    const first = signatureIn(text, Math.max(from, scannedTo, f.index - 200), Math.min(text.length, f.index + 400));
    if (!first) { scannedTo = Math.max(scannedTo, f.index + 1); continue; }
    const all = [first];
    for (let last = first; ;) {
      const gap = /^\s*/.exec(text.slice(last.end, last.end + NEXT_BLOCK_GAP))![0].length;
      const next = gap < NEXT_BLOCK_GAP ? signatureIn(text, last.end + gap, Math.min(text.length, last.end + gap + 400)) : undefined;
      if (!next || next.start !== last.end + gap || all.some((x) => x.name === next.name)) break;
      all.push(next); last = next;
    }
    info.signer = first.name;
    info.signerTitle = first.title;
    if (first.authority) info.signerAuthority = first.authority;
    if (all.length > 1) info.signers = all.map(({ name, title, authority }) => ({ name, title, ...(authority ? { authority } : {}) }));
    for (const x of all) info.tailSpans.push({ start: x.start, end: x.end });
    return;
  }
}

/**
 * A name closing the text right after its adoption sentence, without a position line (the 1992 Constitution as
 * published: "… nhất trí thông qua trong phiên họp ngày 15 tháng 4 năm 1992, hồi 11 giờ 45 phút. / Lê Quang Đạo / (Đã ký)").
 */
const CLOSING_NAME = new RegExp(String.raw`thông\s+qua[^\n]{0,200}\n\s*(${NAME})[ \t]*(?:\n\s*\(\s*[Đđ]ã\s*k[ýí]\s*\)\s*)?$`, 'u');

export function parseClosingName(text: string, info: HeaderInfo): void {
  if (info.signer) return;
  const tail = text.slice(Math.max(0, text.length - 600)).trimEnd();
  const m = CLOSING_NAME.exec(tail);
  if (m) info.signer = m[1].trim();
}
