/** Kind sub-parser: the kind line ("THÔNG BÁO") and the type code inside the number ("26/2020/TT-BGDĐT" → thông tư). */
import type { DocumentKind } from '../model.js';
import { fold } from '../../text/fold.js';

/** Kind lines (upper case, alone on their line or glued before the title) → model kind. Longest first. */
export const KIND_LINES: Array<[string, DocumentKind]> = [
  ['THÔNG TƯ LIÊN TỊCH', 'thông tư liên tịch'], ['VĂN BẢN HỢP NHẤT', 'văn bản hợp nhất'],
  ['NGHỊ QUYẾT LIÊN TỊCH', 'nghị quyết'],
  ['BỘ LUẬT', 'bộ luật'], ['PHÁP LỆNH', 'pháp lệnh'], ['NGHỊ QUYẾT', 'nghị quyết'], ['NGHỊ ĐỊNH', 'nghị định'],
  ['THÔNG TƯ', 'thông tư'], ['QUYẾT ĐỊNH', 'quyết định'], ['CHỈ THỊ', 'chỉ thị'], ['CÔNG VĂN', 'công văn'],
  ['THÔNG BÁO', 'thông báo'], ['KẾ HOẠCH', 'kế hoạch'], ['CHƯƠNG TRÌNH', 'chương trình'], ['HƯỚNG DẪN', 'hướng dẫn'],
  ['BÁO CÁO', 'báo cáo'], ['TỜ TRÌNH', 'tờ trình'], ['CÔNG ĐIỆN', 'công điện'], ['QUY ĐỊNH', 'quy định'],
  ['QUY CHẾ', 'quy chế'], ['KẾT LUẬN', 'kết luận'], ['LUẬT', 'luật'],
];
export const KIND_ALT = KIND_LINES.map(([k]) => k.replace(/ /g, '\\s*')).join('|');
/** A kind line alone: "THÔNG BÁO", "NGHỊ ĐỊNH " */
export const KIND_LINE_RE = new RegExp(`^\\s*(${KIND_ALT})\\d{0,2}\\s*$`, 'u');
/** Glued after the date: "…năm 2020THÔNG BÁOKết luận…" */
export const KIND_GLUED_RE = new RegExp(`^\\s*(${KIND_ALT})(?=\\p{Lu}\\p{Ll}|\\s)`, 'u');

/** Type codes inside numbers: 26/2020/TT-BGDĐT → TT; 460/TB-SGDĐT → TB. */
export const CODE_KIND: Record<string, DocumentKind> = {
  'nd': 'nghị định', 'tt': 'thông tư', 'ttlt': 'thông tư liên tịch', 'qd': 'quyết định', 'nq': 'nghị quyết',
  'nqlt': 'nghị quyết', 'ct': 'chỉ thị', 'tb': 'thông báo', 'kh': 'kế hoạch', 'hd': 'hướng dẫn', 'bc': 'báo cáo',
  'ttr': 'tờ trình', 'cd': 'công điện', 'vbhn': 'văn bản hợp nhất', 'ctr': 'chương trình', 'kl': 'kết luận',
  'qc': 'quy chế', 'qyd': 'quy định', 'l': 'luật', 'pl': 'pháp lệnh', 'lct': 'luật',
};

/** Kind implied by a number's type code: "26/2020/TT-BGDĐT" → thông tư; "3414/BGDĐT-GDTrH" → công văn. */
export function kindFromNumber(number: string): DocumentKind | undefined {
  const parts = number.split('/');
  if (parts.length < 2) return undefined;
  const rest = parts.slice(1).filter((p) => !/^\d{4}$/.test(p)).join('/');
  const first = rest.split('-')[0] ?? '';
  const code = fold(first).replace(/[^a-z]/g, '');
  if (/^(?:ubtvqh|qh)\d*$/i.test(fold(rest).replace(/[^a-z0-9]/g, ''))) return undefined; // law or resolution: needs the kind line
  if (code in CODE_KIND) return CODE_KIND[code];
  // Party documents "72-QĐ/TW": the code sits before the slash
  const party = /^\d+-([A-ZĐa-zđ]+)\//u.exec(number);
  if (party) { const c = fold(party[1]); if (c in CODE_KIND) return CODE_KIND[c]; }
  // "3414/BGDĐT-GDTrH": issuer-unit codes only, no type code → an official letter
  if (!/^\d{4}$/.test(parts[1]) && /^[\p{Lu}Đ&]+(?:-[\p{L}&]+)*$/u.test(rest)) return 'công văn';
  return undefined;
}

export function kindOf(s: string): DocumentKind {
  const key = s.replace(/\s+/g, ' ').trim();
  return (KIND_LINES.find(([k]) => k === key)?.[1]) ?? 'khác';
}
