/**
 * rejoin-lines: undo the hard line breaks of a PDF text layer (congbao-8chude, pdf-samples) inside
 * sentences, keeping every break that carries structure.
 *
 *   "Luật này quy định về quyền, trách nhiệm của cơ quan, tổ chức, cá nhân đối với \n"
 *   "bảo hiểm xã hội và tổ chức thực hiện bảo hiểm xã hội; …"
 *     → one line.
 *
 * Only texts that look hard-wrapped are touched (most non-empty lines of similar, page-width length,
 * many followed by a line that starts in lower case): web text and vbpl.vn text, one paragraph per
 * line, stay as they are. In a wrapped text, line i and i+1 are joined when
 * - neither is blank, and line i does not end a sentence or a clause (. ! ? : ;) or a heading;
 * - line i+1 does not start a structural unit: Phần/Chương/Mục/Điều/Khoản, a list item ("1.", "2)",
 *   "a)", "đ)", "-", "+", "•"), a roman numeral heading, "Căn cứ", "Nơi nhận", "Số:", …;
 * - line i is not an ALL-CAPS line (headings, header cells "BỘ LAO ĐỘNG - THƯƠNG BINH") and line i+1 is not
 *   one either;
 * - line i+1 starts in lower case, or line i is a full-width line (a sentence that ran to the margin
 *   and continues with a capitalised name: "… quy định tại Luật \nNgười lao động Việt Nam …").
 * The join replaces the break (and the spaces around it) with one space.
 */

const STRUCT_START = new RegExp(
  [
    '^(?:Phần|PHẦN|Chương|CHƯƠNG|Mục|MỤC|Điều|ĐIỀU|Khoản|Tiểu mục|Phụ lục|PHỤ LỤC|Mẫu|MẪU)\\s+[\\dIVXLCDM]',
    '^(?:Căn cứ|Theo đề nghị|Nơi nhận|Số\\s*:|Kính gửi|Ghi chú|Chú thích)',
    '^\\d+(?:\\.\\d+)*\\s*[.)]', // 1. 2) 1.1. 1.2)
    '^\\d+(?:\\.\\d+)+\\s', // 1.1 Title
    '^[a-zđ]\\s*\\)', // a) đ)
    '^[a-zđ]\\d?\\.\\s', // a. b1.
    '^[-–—+•●▪◦*·]', // - item
    '^[IVXLC]+\\s*[.)]\\s', // II. Heading
    '^\\(\\d+\\)', // (1)
    '^\\[\\d+\\]', // [1] footnote
  ].join('|'),
  'u',
);
const ENDS_CLAUSE = /[.!?:;]["”’)]*$/u;
/** A list item may run on after ";" or "," when the next line starts in lower case ("…pháp luật; \nthành viên …"). */
const ENDS_SENTENCE = /[.!?:]["”’)]*$/u;
const HAS_LOWER = /\p{Ll}/u;
const STARTS_LOWER = /^[\p{Ll}(“"'‘]/u;

function isAllCaps(line: string): boolean {
  return /\p{Lu}/u.test(line) && !HAS_LOWER.test(line);
}

interface WrapStats {
  wrapped: boolean;
  /** length from which a line counts as running to the right margin */
  fullWidth: number;
}

/** Decides whether a text is hard-wrapped, and how wide its full lines are. */
export function wrapStats(lines: string[]): WrapStats {
  const lens: number[] = [];
  let lowerNext = 0;
  let pairs = 0;
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i].trim();
    if (t.length === 0) continue;
    lens.push(t.length);
    const next = i + 1 < lines.length ? lines[i + 1].trim() : '';
    if (next.length > 0) {
      pairs++;
      if (STARTS_LOWER.test(next) && !ENDS_CLAUSE.test(t)) lowerNext++;
    }
  }
  if (lens.length < 4) return { wrapped: false, fullWidth: Infinity };
  const sorted = lens.slice().sort((a, b) => a - b);
  const p75 = sorted[Math.floor(sorted.length * 0.75)];
  const p90 = sorted[Math.floor(sorted.length * 0.9)];
  // page-width lines: most long lines within a narrow band (PDF: 60–110 chars), and many continue in lower case
  const wrapped = p90 >= 40 && p90 <= 160 && p75 >= 0.6 * p90 && pairs > 0 && lowerNext / pairs >= 0.1;
  return { wrapped, fullWidth: Math.floor(p90 * 0.8) };
}

/** Rejoins the lines of a hard-wrapped text that break inside sentences. */
export function rejoinLines(text: string): string {
  if (text.indexOf('\n') < 0) return text;
  const lines = text.split('\n');
  const stats = wrapStats(lines);
  if (!stats.wrapped) return text;
  const out: string[] = [];
  let cur: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (cur === null) { cur = line; continue; }
    const prev: string = cur.trimEnd();
    const next = line.trim();
    const prevLast = prev.split('\n').pop() as string; // the last physical line of the joined block
    const join =
      prev.length > 0 && next.length > 0 &&
      (STARTS_LOWER.test(next) ? !ENDS_SENTENCE.test(prev) : !ENDS_CLAUSE.test(prev)) &&
      !STRUCT_START.test(next) &&
      !isAllCaps(prevLast) && !isAllCaps(next) &&
      (STARTS_LOWER.test(next) || (lines[i - 1].trim().length >= stats.fullWidth && /\p{L}[,]?$/u.test(prev) && !/^(?:Điều|Chương|Mục|Phần)\s/u.test(prevLast.trim())));
    if (join) {
      cur = prev.endsWith('-') && /^\p{Ll}/u.test(next) && /\p{L}-$/u.test(prev) ? prev + next : prev + ' ' + next;
    } else {
      out.push(cur);
      cur = line;
    }
  }
  if (cur !== null) out.push(cur);
  return out.join('\n');
}
