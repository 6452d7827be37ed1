/**
 * Passages: the searchable units of a document, following its structure.
 *
 * - Legal documents: one passage per Điều; an Điều longer than the bound is split into its intro and one passage
 *   per khoản (a khoản still too long: per điểm, else at sentence ends into "-p2", "-p3" parts).
 * - Administrative documents: one passage per outline item (an item with sub-items that fits stays whole).
 * - Containers (Phần, Chương, Mục, Phụ lục) only hold their heading: it is carried by `headingPath`, and
 *   their own text becomes a passage only when it has content beyond the heading (an annex table, a preamble).
 * - Text outside any structure (preamble "Căn cứ …", news articles): paragraph blocks "p1", "p2", …
 * - The header (issuer, number, date, kind, title) is the first passage, anchor "header", without the national motto
 *   and decorations: searching the title or number finds the document itself, while "Độc lập - Tự do - Hạnh phúc",
 *   printed on every document, does not flood every query. The signature block and "Nơi nhận" list are kept out of
 *   passages (they are document metadata: signer, recipients) since the same recipient lines recur in every document.
 *
 * Passages never cut a sentence unless a single sentence is longer than the bound.
 */
import type { StructureNode } from './structure.js';

export interface Span { start: number; end: number }

export interface PassageDraft {
  anchor: string;
  headingPath: string;
  text: string;
  /** Offsets of the passage's first and last character in the parsed text (the text may skip cut-out spans). */
  start: number;
  end: number;
  /** Anchors of the enclosing nodes whose short own text rides at the top of this passage ("dieu-3" for "Điều 3. …" + khoản 1). */
  aliases?: string[];
}

export interface PassageOptions {
  max: number;
  /** Where the body starts (after the header). */
  bodyStart: number;
  /** Spans cut out of every passage (motto, signature, recipients). */
  skip: Span[];
  header?: Span;
}

const SEP = ' › ';
/** Own text of a split unit up to this length rides with its first child. */
const SHORT_INTRO = 300;

export function buildPassages(text: string, tree: StructureNode[], opts: PassageOptions): PassageDraft[] {
  const out: PassageDraft[] = [];
  const used = new Set<string>();
  let plain = 0;
  const skip = [...opts.skip].sort((a, b) => a.start - b.start);

  const slice = (start: number, end: number): string => {
    if (end <= start) return '';
    let s = '';
    let at = start;
    for (const sp of skip) {
      if (sp.end <= at || sp.start >= end) continue;
      if (sp.start > at) s += text.slice(at, sp.start);
      at = Math.max(at, sp.end);
    }
    if (at < end) s += text.slice(at, end);
    return tidy(s);
  };
  const push = (anchor: string, headingPath: string, body: string, start: number, end: number, aliases?: string[]) => {
    if (!body) return;
    let a = anchor;
    for (let k = 2; used.has(a); k++) a = `${anchor}-v${k}`;
    used.add(a);
    const d: PassageDraft = { anchor: a, headingPath, text: body, start, end };
    if (aliases?.length) d.aliases = aliases;
    out.push(d);
  };
  const pushSplit = (anchor: string, headingPath: string, body: string, start: number, end: number, aliases?: string[]) => {
    if (body.length <= opts.max) return push(anchor, headingPath, body, start, end, aliases);
    const parts = splitAtSentences(body, opts.max);
    parts.forEach((p, i) => push(i === 0 ? anchor : `${anchor}-p${i + 1}`, headingPath, p, start, end, i === 0 ? aliases : undefined));
  };
  const plainBlocks = (start: number, end: number, headingPath = '') => {
    const body = slice(start, end);
    if (!body) return;
    for (const block of paragraphBlocks(body, opts.max)) push(`p${++plain}`, headingPath, block, start, end);
  };

  // header passage
  if (opts.header && opts.header.end > opts.header.start) {
    const h = slice(opts.header.start, opts.header.end).split('\n').filter((l) => !/^[\s_\-–—=.*…|]*$/.test(l)).map((l) => l.replace(/[ \t]{2,}/g, ' ').trim()).join('\n');
    pushSplit('header', '', tidy(h), opts.header.start, opts.header.end);
  }

  const labelOf = (n: StructureNode): string => {
    if (n.kind === 'dieu' && n.title) return `${n.label}. ${n.title.replace(/[.:]\s*$/, '')}`;
    if (n.kind === 'outline') return n.title ? `${n.label}${/[.)]$/.test(n.label) ? '' : '.'} ${n.title}` : n.label;
    return n.label;
  };

  const isUnit = (n: StructureNode) => n.kind === 'dieu' || n.kind === 'khoan' || n.kind === 'diem' || n.kind === 'outline';

  /**
   * emit(node): one passage when the unit fits; else its own text, then its children. A short own text of a unit
   * ("Điều 3. Tiêu chí tuyển chọn", "3. Tiêu chí riêng, gồm:") is carried into the first child's passage instead of
   * standing alone, so no text is lost and no passage is a bare heading.
   */
  const emit = (n: StructureNode, path: string[], carry = '', carryStart = -1, carried: string[] = []) => {
    const myPath = [...path, labelOf(n)];
    const hp = myPath.join(SEP);
    const full = slice(n.start, n.end);
    const start = carryStart >= 0 ? carryStart : n.start;
    if (!full) return;
    const withCarry = (t: string) => (carry ? `${carry}\n${t}` : t);
    if (isUnit(n) && (carry.length + full.length <= opts.max || n.children.length === 0)) {
      pushSplit(n.anchor, hp, withCarry(full), start, n.end, carried);
      return;
    }
    if (isUnit(n) && full.length <= opts.max) {
      // the carried text does not fit with the whole unit: flush it alone
      push(carried[0] ?? n.anchor, hp, carry, start, n.start, carried.slice(1));
      pushSplit(n.anchor, hp, full, n.start, n.end);
      return;
    }
    const firstChild = n.children[0];
    const ownEnd = firstChild ? firstChild.start : n.end;
    const own = withCarry(slice(n.start, ownEnd));
    let nextCarry = '';
    let nextStart = -1;
    let nextCarried: string[] = [];
    if (isUnit(n)) {
      if (own.length <= SHORT_INTRO && firstChild) { nextCarry = own; nextStart = start; nextCarried = [...carried, n.anchor]; }
      else pushSplit(n.anchor, hp, own, start, ownEnd, carried);
    } else {
      // containers: the heading is carried by headingPath; text beyond it (an annex table, an intro) is a passage
      const headingOnly = slice(n.start, Math.min(n.headingEnd, ownEnd));
      if (own.length > headingOnly.length + 40) {
        if (own.length <= opts.max) push(n.anchor, hp, own, start, ownEnd);
        else paragraphBlocks(own, opts.max).forEach((b, i) => push(i === 0 ? n.anchor : `${n.anchor}-p${i + 1}`, hp, b, start, ownEnd));
      } else if (carry) { nextCarry = carry; nextStart = start; nextCarried = carried; }
    }
    n.children.forEach((c, i) => emit(c, myPath, i === 0 ? nextCarry : '', i === 0 ? nextStart : -1, i === 0 ? nextCarried : []));
  };

  // body: text before the first node (preamble), then the tree
  const bodyStart = opts.bodyStart;
  const top = tree.filter((n) => n.end > bodyStart);
  const firstTop = top[0];
  plainBlocks(bodyStart, firstTop ? Math.max(bodyStart, firstTop.start) : text.length);
  for (const n of top) emit(n, []);
  return out;
}

function tidy(s: string): string {
  return s.replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
}

/** Split text into paragraph blocks of at most `max` characters, never cutting inside a paragraph unless it alone is too long (then at sentence ends). */
export function paragraphBlocks(text: string, max: number): string[] {
  const paras = text.split(/\n\s*\n|\n/).map((p) => p.trim()).filter(Boolean);
  const out: string[] = [];
  let cur = '';
  const flush = () => { if (cur) out.push(cur); cur = ''; };
  for (const p of paras) {
    const pieces = p.length <= max ? [p] : splitAtSentences(p, max);
    for (const piece of pieces) {
      if (cur && cur.length + 1 + piece.length > max) flush();
      cur = cur ? `${cur}\n${piece}` : piece;
    }
  }
  flush();
  return out;
}

/**
 * Split at sentence ends ('.', '!', '?', ';' or ':' followed by white space or a line break, and line breaks),
 * packing sentences into parts of at most `max` characters. A single sentence longer than `max` is cut at the
 * last space before the bound.
 */
export function splitAtSentences(text: string, max: number): string[] {
  const sentences: string[] = [];
  let from = 0;
  const re = /[.!?;:…]+(?=\s)|\n/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const e = m.index + m[0].length;
    sentences.push(text.slice(from, e));
    from = e;
  }
  if (from < text.length) sentences.push(text.slice(from));
  const out: string[] = [];
  let cur = '';
  for (const s of sentences) {
    if (cur && cur.length + s.length > max) { out.push(cur.trim()); cur = ''; }
    if (s.length > max) {
      let rest = s;
      while (rest.length > max) {
        let cut = rest.lastIndexOf(' ', max);
        if (cut < max / 2) cut = max;
        out.push(rest.slice(0, cut).trim());
        rest = rest.slice(cut);
      }
      cur = rest;
      continue;
    }
    cur += s;
  }
  if (cur.trim()) out.push(cur.trim());
  return out.filter(Boolean);
}
