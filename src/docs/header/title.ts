/**
 * Title sub-parser: the kind line and the trích yếu under it (or glued after the date), the "V/v …" line of a
 * công văn, and the mixed-case form of an upper-case law title.
 */
import { fold } from '../../text/fold.js';
import { DATE_WORDS } from './date.js';
import { KIND_GLUED_RE, KIND_LINE_RE, kindOf } from './kind.js';
import { DECOR_LINE, GAZETTE_LINE, MOTTO, isUpperLine, splitLines, type Line } from './layout.js';
import { NUMBER_COLON } from './number.js';
import type { HeaderInfo } from './types.js';

/** Body openers that end a glued title: "…năm học 2020-2021Thực hiện Chỉ thị…" */
export const BODY_OPENER = /(?:Căn\s*cứ|Thực\s*hiện|Kính\s*gửi|Theo\s+đề\s+nghị|Để\s|Nhằm\s|Ngày\s+\d|Trên\s+cơ\s+sở|Sau\s+khi|Qua\s|Trong\s|Năm\s+học\s+\d{4}\s*-\s*\d{4}\s*,)/u;
/** A title line ending like this continues on the next line: "… Luật Thi đua, khen thưởng và" / "Nghị định số 152/2025/NĐ-CP …" */
export const CONNECTOR_END = /(?:\s(?:và|của|về|theo|tại|đối với|cho|với|trong|các|hoặc|số|năm)|[,;\-–])$/u;
/** Lines after the title that belong to the body (stop the title): "Căn cứ", "CHÍNH PHỦ", "Chương I", "Điều 1.", "I. …" */
export const TITLE_STOP = /^(?:LỜI NÓI ĐẦU|Lời nói đầu|Căn cứ|Thực hiện|Kính gửi|Theo |Để |Nhằm |Chương\s|CHƯƠNG\s|Phần\s|PHẦN\s|Điều\s+\d|Mục\s+\d|[IVX]+\.\s|\d+\.\s|QUYẾT NGHỊ|QUYẾT ĐỊNH:|CHỈ THỊ:|[-–—_=]{3,})/u;

export function parseKindAndTitle(text: string, from: number, info: HeaderInfo): void {
  const zoneEnd = Math.min(text.length, from + 3000);
  const lines = splitLines(text, from, zoneEnd);
  let k = 0;
  // Same-line remainder after the date (glued layout) first.
  const first = lines[0];
  const rest = first ? first.text : '';
  const glued = KIND_GLUED_RE.exec(rest);
  let titleStart = -1;
  let titleLines: Line[] = [];
  const headerStart = Math.max(0, headerStartOf(text));
  if (glued && rest.trim().length > glued[0].length + 2) {
    info.kind = kindOf(glued[1]); info.kindSource = 'kind-line';
    titleStart = first.start + glued.index + glued[0].length;
    // Glued title: up to a body opener or the end of the line, at most 300 characters.
    const tail = text.slice(titleStart, Math.min(first.end, titleStart + 400));
    const stop = BODY_OPENER.exec(tail.slice(5));
    let end = stop ? stop.index + 5 : Math.min(tail.length, 300);
    const sentence = /[.;:](?:\s|$)/.exec(tail);
    if (sentence && sentence.index < end) end = sentence.index;
    const title = tail.slice(0, end).trim();
    if (title) info.title = tidyTitle(title);
    info.headerSpan = { start: headerStart, end: titleStart + end };
    return;
  }
  // Kind line alone within the next few lines; a "V/v …" line (công văn) may come first.
  for (; k < lines.length && k < 14; k++) {
    const t = lines[k].text.trim();
    if (!t || DECOR_LINE.test(t)) continue;
    const vv = /^(?:V\/v|V\/V|Về việc)\s*:?\s*(.+)$/u.exec(t);
    if (vv && !info.title) {
      // "V/v hướng dẫn …" may continue on the next lines until a blank line or "Kính gửi"
      let title = t;
      let end = lines[k].end;
      for (let j = k + 1; j < lines.length && j < k + 4; j++) {
        const u = lines[j].text.trim();
        if (!u || /^(?:Kính gửi|CỘNG|Độc lập|[\p{Lu}\s,]+,\s*ngày)/u.test(u) || MOTTO.test(u) || DATE_WORDS.test(u)) break;
        title += ' ' + u; end = lines[j].end;
      }
      info.title = tidyTitle(title);
      info.headerSpan = { start: headerStart, end };
      continue;
    }
    // "LUẬT CÔNG ĐOÀN", "BỘ LUẬT LAO ĐỘNG" on one line: kind and name together
    const lawLine = /^(BỘ LUẬT|LUẬT|PHÁP LỆNH)\s+(\p{Lu}[\p{Lu}\s,\-–]{2,200})$/u.exec(t);
    if (lawLine && !KIND_LINE_RE.test(t)) {
      info.kind = kindOf(lawLine[1]); info.kindSource = 'kind-line';
      info.title = named(info.kind, tidyTitle(upperTitle(text, lawLine[2].trim())));
      info.headerSpan = { start: headerStart, end: lines[k].end };
      return;
    }
    const km = KIND_LINE_RE.exec(t);
    if (km) {
      info.kind = kindOf(km[1]); info.kindSource = 'kind-line';
      // title: following non-empty lines until a blank line (after some text) or a stop line
      const tl: Line[] = [];
      let j = k + 1;
      while (j < lines.length && !lines[j].text.trim()) j++;
      for (; j < lines.length && tl.length < 8; j++) {
        const u = lines[j].text.trim();
        if (!u) {
          // vbpl splits one title over blank-separated lines ("…hướng dẫn thi hành Luật Hoạt động giám sát" / "của Quốc hội …"):
          // continue when the next non-empty line starts in lower case.
          let n = j + 1;
          while (n < lines.length && !lines[n].text.trim()) n++;
          const next = n < lines.length ? lines[n].text.trim() : '';
          const prevLine = tl.length ? tl[tl.length - 1].text.trim() : '';
          if (next && tl.length && (/^\p{Ll}/u.test(next) || CONNECTOR_END.test(prevLine)) && !TITLE_STOP.test(next) && !isUpperLine(next)) { j = n - 1; continue; }
          break;
        }
        if (TITLE_STOP.test(u) || DECOR_LINE.test(u)) break;
        // the issuing authority line after the title ("BỘ TRƯỞNG BỘ GIÁO DỤC VÀ ĐÀO TẠO", "CHÍNH PHỦ")
        if (tl.length && isUpperLine(u) && !isUpperLine(tl[0].text)) break;
        if (/^\(.*\)$/.test(u) && tl.length) break; // "(Ban hành kèm theo …)"
        tl.push(lines[j]);
      }
      titleLines = tl;
      const end = titleLines.length ? titleLines[titleLines.length - 1].end : lines[k].end;
      if (titleLines.length) {
        let title = titleLines.map((l) => l.text.trim()).join(' ');
        if (isUpperLine(title)) title = upperTitle(text, title);
        info.title = named(info.kind, tidyTitle(title));
      }
      info.headerSpan = { start: headerStart, end };
      return;
    }
    // Stop when the body starts.
    if (TITLE_STOP.test(t) || (t.length > 200 && !isUpperLine(t))) break;
  }
  if (!info.headerSpan) {
    const end = k > 0 && lines[Math.min(k, lines.length) - 1] ? lines[Math.min(k, lines.length) - 1].end : from;
    info.headerSpan = { start: headerStart, end: Math.max(from, Math.min(end, from)) };
  }
}

/** Start of the header block: the first issuer line, or the first line of the text. */
export function headerStartOf(text: string): number {
  // The header begins at the first upper-case line of the text's head that belongs to it; keep it simple:
  // the line holding the first issuer / motto / number cell. Callers refine via issuerRaw.
  const head = text.slice(0, Math.min(text.length, 6000));
  const m = MOTTO.exec(head);
  const n = NUMBER_COLON.exec(head);
  let at = Math.min(m?.index ?? Infinity, n?.index ?? Infinity);
  if (!Number.isFinite(at)) return 0;
  // walk up over upper-case / empty / decoration lines
  let ls = head.lastIndexOf('\n', at - 1) + 1;
  // glued single line: header starts at the line start
  at = ls;
  while (ls > 0) {
    const prevStart = ls >= 2 ? head.lastIndexOf('\n', ls - 2) + 1 : 0;
    if (prevStart >= ls) break;
    const prev = head.slice(prevStart, ls - 1).trim();
    if (prev && !isUpperLine(prev) && !DECOR_LINE.test(prev)) break;
    if (prev && GAZETTE_LINE.test(prev)) break;
    if (prev) at = prevStart;
    ls = prevStart;
  }
  return at;
}

/** Kinds whose title is a name that goes with the kind word: "Bộ luật Lao động", "Luật Bảo hiểm xã hội", "Hiến pháp nước …". */
const NAMED_KINDS: Record<string, string> = { 'bộ luật': 'Bộ luật', 'luật': 'Luật', 'pháp lệnh': 'Pháp lệnh', 'hiến pháp': 'Hiến pháp' };
/** Words that start a descriptive (not a proper-name) title: "Luật sửa đổi, bổ sung …", "Hiến pháp nước …". */
const COMMON_START = /^(?:Sửa|Bổ|Về|Quy|Ban|Bãi|Nước|Hướng|Thi)\s/u;

/** The title of a law, code, ordinance or constitution with its kind word in front ("Lao động" → "Bộ luật Lao động"). */
export function named(kind: string | undefined, title: string): string {
  const word = kind ? NAMED_KINDS[kind] : undefined;
  if (!word || !title || fold(title).startsWith(fold(word))) return title;
  return `${word} ${COMMON_START.test(title) ? title[0].toLowerCase() + title.slice(1) : title}`;
}

/** A title as one line: decoration rules and stray punctuation at the ends dropped. */
export function tidyTitle(s: string): string {
  // a decoration rule ends the title when wrapped lines were rejoined ("… gia tăng ______ Nghị định số …")
  const rule = /\s[_=–—-]{4,}/u.exec(s);
  if (rule) s = s.slice(0, rule.index);
  return s.replace(/\s+/g, ' ').replace(/^[\s:–-]+|[\s;,]+$/g, '').trim();
}

/**
 * An upper-case title (laws: "LUẬT / THUẾ THU NHẬP CÁ NHÂN"): take its mixed-case form from the enacting
 * sentence "Quốc hội ban hành Luật Thuế thu nhập cá nhân." when present, else sentence case.
 */
export function upperTitle(text: string, title: string): string {
  const key = fold(title).replace(/[^a-z0-9]/g, '');
  const zone = text.slice(0, 8000);
  // "Quốc hội ban hành Luật Thuế thu nhập cá nhân." / "Bộ trưởng Bộ Tài chính ban hành Thông tư sửa đổi, bổ sung …"
  const re = /ban hành\s+((?:Bộ luật|Luật|Pháp lệnh|Nghị quyết|Nghị định|Thông tư liên tịch|Thông tư|Quyết định|Chỉ thị)\s+[^.;\n]{3,400})/gu;
  for (let m = re.exec(zone); m; m = re.exec(zone)) {
    const withKind = m[1];
    const cand = withKind.replace(/^(?:Bộ luật|Luật|Pháp lệnh|Nghị quyết|Nghị định|Thông tư liên tịch|Thông tư|Quyết định|Chỉ thị)\s+/u, '');
    for (const c of [cand, withKind]) {
      const ck = fold(c).replace(/[^a-z0-9]/g, '');
      if (ck === key || (ck.startsWith(key) && key.length > 20)) {
        const out = c.trim();
        // keep exactly the title's words (the clause may go on)
        let acc = '';
        let n = 0;
        for (const ch of out) { acc += ch; if (/[\p{L}\d]/u.test(ch)) n += fold(ch).replace(/[^a-z0-9]/g, '').length; if (n >= key.length) break; }
        return acc[0].toUpperCase() + acc.slice(1);
      }
    }
  }
  // sentence case, keeping numbers and codes as printed ("THÔNG TƯ SỐ 44/2022/TT-BTC")
  const words = title.split(/(\s+)/);
  const out = words.map((w, i) => (/\d/.test(w) ? w : i === 0 ? w[0] + w.slice(1).toLowerCase() : w.toLowerCase()));
  // the state's name keeps its capitals: "… CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" → "Cộng hòa xã hội chủ nghĩa Việt Nam"
  return out.join('').replace(/(c)(ộng\s+h[òo]à?a?\s+xã\s+hội\s+chủ\s+nghĩa\s+)việt\s+nam/giu, (_m, c: string, rest: string) => `${c.toUpperCase()}${rest}Việt Nam`).replace(/(?<!\p{L})việt nam(?!\p{L})/gu, 'Việt Nam');
}

/** "V/v …" (về việc) under the number cell of a công văn, possibly before the motto in the flattened text. */
export function parseSubjectLine(text: string, afterHeader: number, info: HeaderInfo): void {
  const zone = text.slice(0, Math.min(text.length, afterHeader + 800));
  const vv = /(?:^|\n)[ \t]*((?:V\/v|V\/V|Về việc)\s*:?[ \t]*\S[^\n]*)/u.exec(zone);
  if (!vv) return;
  let title = vv[1].trim();
  let end = vv.index + vv[0].length;
  // continuation lines: lower-case starts that are not the motto, the date line or the recipients
  const rest = zone.slice(end).split('\n');
  let pos = end;
  for (let i = 1; i < rest.length && i < 4; i++) {
    const u = rest[i].trim();
    pos += rest[i - 1].length + 1;
    if (!u || !/^\p{Ll}/u.test(u) || DATE_WORDS.test(u)) break;
    title += ' ' + u; end = pos + rest[i].length;
  }
  info.title = tidyTitle(title);
  if (info.headerSpan && info.headerSpan.end < end) info.headerSpan.end = end;
}
