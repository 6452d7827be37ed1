/**
 * Issuer sub-parser: the upper-case unit lines above the number cell ("UBND TỈNH SƠN LA" / "SỞ GIÁO DỤC VÀ ĐÀO TẠO"),
 * split where glued, joined where wrapped, and shown in their usual display form.
 */
import { fold } from '../../text/fold.js';
import { DECOR_LINE, GAZETTE_LINE, MOTTO, SLOGAN, isUpperLine, splitLines, type Line } from './layout.js';
import type { HeaderInfo } from './types.js';

/** Unit heads that start an issuer line: "UBND", "SỞ", "BỘ", "PHÒNG", "TRƯỜNG THPT", … */
export const UNIT_HEAD = /^(?:UBND|HĐND|ỦY BAN|UỶ BAN|HỘI ĐỒNG|SỞ|BỘ|PHÒNG|CỤC|TỔNG CỤC|VỤ|VIỆN|BAN|VĂN PHÒNG|TRƯỜNG|TRUNG TÂM|CHÍNH PHỦ|QUỐC HỘI|THỦ TƯỚNG|NGÂN HÀNG|KIỂM TOÁN|TÒA ÁN|TOÀ ÁN|THANH TRA|ĐẢNG|TỈNH ỦY|TỈNH UỶ|HUYỆN ỦY|ĐOÀN|CÔNG ĐOÀN|LIÊN ĐOÀN|TỔNG LIÊN ĐOÀN|ĐẠI HỌC|HỌC VIỆN|BẢO HIỂM|CÔNG AN|BỘ CHỈ HUY|CHỦ TỊCH)(?=[\s,]|$)/u;
/** Where a flattened or glued issuer line holds two units: "UBND TỈNH SƠN LASỞ GIÁO DỤC…" → split before SỞ. */
export const UNIT_SPLIT = /(?<=[\p{Lu}\s])(?<!^)(?<!TỔNG\s)(?<!VĂN\s)(?<!QUỐC\s)(?<!CÁN\s)(?=(?:UBND|ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|SỞ |PHÒNG (?:GIÁO|GD|TÀI|NỘI|Y TẾ|VĂN HÓA|LAO ĐỘNG)|TRƯỜNG (?:ĐẠI HỌC|CAO ĐẲNG|THPT|THCS|TIỂU HỌC|MẦM NON|TRUNG HỌC|PT|MN|TH )|CỤC |TỔNG CỤC ))/gu;

// ---------------------------------------------------------------------------------------------
// Issuer names: upper case as printed → the usual display form ("SỞ GIÁO DỤC VÀ ĐÀO TẠO" → "Sở Giáo dục và Đào tạo")
// ---------------------------------------------------------------------------------------------

const KEEP_UPPER = new Set(['UBND', 'HĐND', 'GD&ĐT', 'GDĐT', 'THPT', 'THCS', 'TH', 'MN', 'PTDTBT', 'PTDTNT', 'TP', 'TP.', 'TW', 'CP', 'BHXH', 'LĐTBXH', 'KH&CN', 'VH-TT&DL', 'NN&PTNT', 'TN&MT', 'GTVT', 'CSDL']);
const ADMIN_LEVEL = ['thành phố', 'thị xã', 'thị trấn', 'tỉnh', 'huyện', 'quận', 'xã', 'phường'];
/** Whole names whose capitalisation the rule below would get wrong. */
export const FIXED_NAMES: Record<string, string> = {
  'quoc hoi': 'Quốc hội', 'chinh phu': 'Chính phủ', 'thu tuong chinh phu': 'Thủ tướng Chính phủ',
  'uy ban thuong vu quoc hoi': 'Ủy ban Thường vụ Quốc hội', 'ngan hang nha nuoc viet nam': 'Ngân hàng Nhà nước Việt Nam',
  'ngan hang nha nuoc': 'Ngân hàng Nhà nước', 'thanh tra chinh phu': 'Thanh tra Chính phủ', 'van phong chinh phu': 'Văn phòng Chính phủ',
  'van phong quoc hoi': 'Văn phòng Quốc hội', 'kiem toan nha nuoc': 'Kiểm toán Nhà nước', 'chu tich nuoc': 'Chủ tịch nước',
  'toa an nhan dan toi cao': 'Tòa án nhân dân tối cao', 'vien kiem sat nhan dan toi cao': 'Viện kiểm sát nhân dân tối cao',
  'bao hiem xa hoi viet nam': 'Bảo hiểm xã hội Việt Nam', 'bo cong thuong': 'Bộ Công Thương', 'tong lien doan lao dong viet nam': 'Tổng Liên đoàn Lao động Việt Nam',
};
/** Unit-type words kept in lower case after the first ("Ủy ban nhân dân", "Sở", "Trường THPT"). */
const TYPE_PHRASES = ['ủy ban nhân dân', 'uỷ ban nhân dân', 'hội đồng nhân dân', 'tổng cục', 'văn phòng', 'trung tâm', 'học viện', 'trường đại học', 'trường cao đẳng', 'trường trung học phổ thông', 'trường trung học cơ sở', 'trường tiểu học', 'trường mầm non', 'trường', 'ubnd', 'hđnd', 'bộ', 'sở', 'phòng', 'cục', 'vụ', 'viện', 'ban', 'ủy ban', 'uỷ ban'];

const cap = (w: string) => (w ? w[0].toUpperCase() + w.slice(1) : w);

export function displayName(upper: string): string {
  const s = upper.replace(/\s+/g, ' ').trim();
  if (!s) return s;
  const key = fold(s).replace(/[^a-z ]/g, '').trim();
  if (FIXED_NAMES[key]) return FIXED_NAMES[key];
  const words = s.split(' ');
  const out: string[] = [];
  let i = 0;
  const lowerWords = words.map((w) => (KEEP_UPPER.has(w) ? w : w.toLowerCase()));
  // 1. the unit type
  const joined = lowerWords.join(' ').toLowerCase();
  const type = TYPE_PHRASES.find((t) => joined === t || joined.startsWith(t + ' '));
  if (type) {
    const n = type.split(' ').length;
    for (let k = 0; k < n; k++) out.push(k === 0 ? cap(lowerWords[k]) : lowerWords[k]);
    i = n;
  }
  // 2. an administrative place ("tỉnh Sơn La", "thành phố Hồ Chí Minh"): every syllable capitalised
  const restJoined = lowerWords.slice(i).join(' ');
  const level = ADMIN_LEVEL.find((l) => restJoined === l || restJoined.startsWith(l + ' '));
  if (level && type && /ủy ban|uỷ ban|ubnd|hđnd|hội đồng/.test(type)) {
    const n = level.split(' ').length;
    for (let k = 0; k < n; k++) out.push(lowerWords[i + k]);
    for (let k = i + n; k < words.length; k++) out.push(KEEP_UPPER.has(words[k]) ? words[k] : cap(lowerWords[k]));
    return out.join(' ');
  }
  // 3. a proper name: first syllable of each part capitalised ("Giáo dục và Đào tạo", "Lao động - Thương binh và Xã hội")
  let startOfPart = true;
  for (; i < words.length; i++) {
    const w = lowerWords[i];
    if (KEEP_UPPER.has(words[i])) { out.push(words[i]); startOfPart = false; continue; }
    if (w === 'và' || w === '-' || w === '–' || w.endsWith(',')) { out.push(w); startOfPart = true; continue; }
    out.push(startOfPart ? cap(w) : w);
    startOfPart = false;
  }
  return out.join(' ').replace(/\bViệt nam\b/g, 'Việt Nam');
}

export function parseIssuer(head: string, issuerEnd: number, info: HeaderInfo): void {
  // Upper-case lines above the number (or motto), nearest first, skipping motto, decorations and gazette furniture.
  const lines = splitLines(head, 0, issuerEnd);
  const picked: Line[] = [];
  for (let k = lines.length - 1; k >= 0 && picked.length < 6; k--) {
    let l = lines[k];
    const t = l.text.trim();
    if (!t) continue;
    if (DECOR_LINE.test(t)) continue;
    if (MOTTO.test(t) || SLOGAN.test(t)) {
      // Row-wise flattening: "BỘ X CỘNG HÒA…" — keep what precedes the motto on that line.
      const m = MOTTO.exec(l.text);
      if (m && m.index > 0 && isUpperLine(l.text.slice(0, m.index))) l = { text: l.text.slice(0, m.index), start: l.start, end: l.start + m.index };
      else continue;
    }
    if (GAZETTE_LINE.test(t)) break;
    if (/ngày\s*\d/u.test(t)) continue; // a date line flattened above the number
    if (!isUpperLine(l.text)) break;
    picked.unshift(l);
  }
  // Join continuation lines ("BỘ LAO ĐỘNG - THƯƠNG BINH" + "VÀ XÃ HỘI"; "NGÂN HÀNG NHÀ NƯỚC" + "VIỆT NAM").
  const units: string[] = [];
  for (const l of picked) {
    let t = l.text.replace(/[_\-–—]{3,}/g, ' ').replace(/\s+/g, ' ').trim();
    // Glued words: "DỤCVÀ ĐÀO TẠO" → "DỤC VÀ ĐÀO TẠO"
    t = t.replace(/(?<=\p{Lu})(?=VÀ\s)/gu, ' ');
    const pieces = t.split(UNIT_SPLIT).map((p) => p.trim()).filter(Boolean);
    for (const p of pieces) {
      const joined = units.length ? `${units[units.length - 1]} ${p}` : '';
      // "ỦY BAN THƯỜNG VỤ" + "QUỐC HỘI": a known name wrapped before a word that could start a unit
      const knownJoin = units.length && FIXED_NAMES[fold(joined).replace(/[^a-z ]/g, '').replace(/\s+/g, ' ').trim()];
      if (units.length && (!UNIT_HEAD.test(p) || knownJoin)) units[units.length - 1] = joined;
      else units.push(p);
    }
  }
  // Gazette issues repeat the issuer as a section heading: drop consecutive duplicates.
  const dedup: string[] = [];
  for (const u of units) {
    const key = fold(u).replace(/[^a-z0-9]/g, '');
    if (!dedup.some((d) => fold(d).replace(/[^a-z0-9]/g, '') === key)) dedup.push(u);
  }
  if (!dedup.length) return;
  info.issuerRaw = dedup;
  info.issuer = displayName(dedup[dedup.length - 1]);
  if (dedup.length >= 2) info.parentIssuer = displayName(dedup[dedup.length - 2]);
}

/**
 * The promulgation sentence before Điều 1 names the issuer when the header table was lost ("THÔNG TƯ / Quy định … /
 * Căn cứ … / Bộ trưởng Bộ Nông nghiệp và Môi trường ban hành Thông tư …"; "Thống đốc Ngân hàng Nhà nước Việt Nam ban
 * hành Thông tư …"; "Chính phủ ban hành Nghị định …"; glued after the proposal: "Theo đề nghị của …; Bộ trưởng Bộ …
 * ban hành …"; "… ban hành 02 quy chuẩn kỹ thuật …"), or the authority line of a decision ("Bộ trưởng Bộ Xây dựng"
 * alone on its line before "Căn cứ"). One body only: a joint sentence ("Bộ trưởng Bộ X, Bộ trưởng Bộ Y ban hành
 * Thông tư liên tịch") names none, so nothing is guessed.
 */
const HEAD_OF = String.raw`(?:Bộ trưởng|Thống đốc|Chủ nhiệm|Chánh án|Viện trưởng)`;
/** A body's name: no punctuation, and none of the words that start a title ("Bộ Xây dựng về việc ban hành …"). */
const BODY = String.raw`(?:Bộ|Ngân hàng|Ủy ban|Uỷ ban|Tòa án|Toà án|Viện kiểm sát|Kiểm toán|Văn phòng)[ \t](?:(?![ \t](?:về|của|tại|để|quy định|hướng dẫn)[ \t])[^,;:\n]){2,60}?`;
const PROMULGATION = new RegExp(String.raw`(?<=^|\n|;[ \t])[ \t]*(?:${HEAD_OF}[ \t]+)?(${BODY}|Chính phủ|Thủ tướng Chính phủ|Quốc hội|Ủy ban Thường vụ Quốc hội|Uỷ ban Thường vụ Quốc hội)[ \t]+ban hành[ \t](?!Thông tư liên tịch)`, 'u');
const AUTHORITY_LINE = new RegExp(String.raw`(?<=^|\n)[ \t]*${HEAD_OF}[ \t]+(${BODY.replace(/\{2,60\}\?$/, '{2,60}')})[ \t]*\n\s*Căn cứ`, 'u');

export function issuerFromPromulgation(text: string, from: number, info: HeaderInfo): void {
  // a consolidated text (VBHN) quotes the promulgation sentence of the document it consolidates, not its own issuer
  if (info.issuer || info.kind === 'văn bản hợp nhất') return;
  let zone = text.slice(from, Math.min(text.length, from + 6000));
  const art1 = /\n[ \t]*Điều 1\b/u.exec(zone);
  if (art1) zone = zone.slice(0, art1.index);
  const m = AUTHORITY_LINE.exec(zone) ?? PROMULGATION.exec(zone);
  if (m) info.issuer = m[1].replace(/\s+/g, ' ').trim();
}
