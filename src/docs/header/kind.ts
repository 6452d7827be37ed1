/** Kind sub-parser: the kind line ("THÔNG BÁO") and the type code inside the number ("26/2020/TT-BGDĐT" → thông tư). */
import type { DocumentKind } from '../model.js';
import { fold } from '../../text/fold.js';
import { HEADER_KIND_LINES, storedKind, TYPE_CODE_KINDS } from '../../kinds/kinds.js';

/** Kind lines (upper case, alone on their line or glued before the title) → model kind, longest first (kinds/kinds.ts). */
export const KIND_LINES = HEADER_KIND_LINES as Array<[string, DocumentKind]>;
export const KIND_ALT = KIND_LINES.map(([k]) => k.replace(/ /g, '\\s*')).join('|');
/** A kind line alone: "THÔNG BÁO", "NGHỊ ĐỊNH " */
export const KIND_LINE_RE = new RegExp(`^\\s*(${KIND_ALT})\\d{0,2}\\s*$`, 'u');
/** Glued after the date: "…năm 2020THÔNG BÁOKết luận…" */
export const KIND_GLUED_RE = new RegExp(`^\\s*(${KIND_ALT})(?=\\p{Lu}\\p{Ll}|\\s)`, 'u');

/** Type codes inside numbers (folded) → the model kind they denote: 26/2020/TT-BGDĐT → TT; 460/TB-SGDĐT → TB (kinds/kinds.ts). */
export const CODE_KIND: Record<string, DocumentKind> = Object.fromEntries([...TYPE_CODE_KINDS]
  .map(([key, e]) => [key, storedKind(e.kind)]).filter(([, kind]) => kind !== 'khác'));

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
