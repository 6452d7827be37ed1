/**
 * Layout pieces shared by the header sub-parsers: the national motto and slogan, decorations, gazette furniture,
 * and the line helpers. Pure.
 */

/** "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", glued "CỘNG HOÀXÃ HỘI…" */
export const MOTTO = /C[ỘO]NG\s*H[ÒOÓ][AÀ]\s*X[ÃA]\s*H[ỘO]I\s*CH[ỦU]\s*NGH[ĨI]A\s*VI[ỆE]T\s*NAM/u;
/** "Độc lập - Tự do - Hạnh phúc" with -, –, — or none ("Độc lập -Tự do -Hạnh phúc"), any word capitalised ("Tự Do - Hạnh Phúc") */
export const SLOGAN = /Độc\s*[Ll]ập\s*[-–—]*\s*Tự\s*[Dd]o\s*[-–—]*\s*Hạnh\s*[Pp]húc/u;
/** Decorative rules under header cells: "_____", "-------", "–––––", "———" */
export const DECOR_LINE = /^[\s_\-–—=.*…]+$/u;
/** Gazette furniture: "CÔNG BÁO/Số 851 + 852/Ngày 01-7-2025", section titles, bare page numbers. */
export const GAZETTE_LINE = /^(?:CÔNG BÁO\s*\/.*|VĂN BẢN QUY PHẠM PHÁP LUẬT|VĂN BẢN HỢP NHẤT|VĂN BẢN KHÁC|PHẦN I+\s*\.?\s*VĂN BẢN.*|\d{1,4})\s*$/u;

export interface Line { text: string; start: number; end: number }

export function splitLines(text: string, from = 0, to = text.length): Line[] {
  const out: Line[] = [];
  let s = from;
  while (s <= to) {
    let e = text.indexOf('\n', s);
    if (e < 0 || e > to) e = to;
    out.push({ text: text.slice(s, e), start: s, end: e });
    s = e + 1;
    if (e >= to) break;
  }
  return out;
}

export const isUpperLine = (s: string): boolean => {
  const letters = s.replace(/[^\p{L}]/gu, '');
  if (letters.length < 2) return false;
  let upper = 0;
  for (const ch of letters) if (ch !== ch.toLowerCase()) upper++;
  return upper / letters.length > 0.85;
};
