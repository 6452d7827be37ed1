/**
 * Inline span markup for golden tables, as in eyecite's tests: "Căn cứ <0>Nghị định số 71/2020/NĐ-CP</0> …"
 * marks the span of expected reference 0. parseMarked() returns the plain text and the spans.
 */
export interface MarkedSpan { index: number; start: number; end: number }

export function parseMarked(marked: string): { text: string; spans: MarkedSpan[] } {
  let text = '';
  const open = new Map<number, number>();
  const spans: MarkedSpan[] = [];
  const re = /<(\/?)(\d+)>/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(marked)) !== null) {
    text += marked.slice(last, m.index);
    last = m.index + m[0].length;
    const idx = Number(m[2]);
    if (m[1]) spans.push({ index: idx, start: open.get(idx)!, end: text.length });
    else open.set(idx, text.length);
  }
  text += marked.slice(last);
  spans.sort((a, b) => a.index - b.index);
  return { text, spans };
}
