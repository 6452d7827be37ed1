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
  const push = (anchor: string, headingPath: string, body: string, start: number, end: number) => {
    if (!body) return;
    let a = anchor;
    for (let k = 2; used.has(a); k++) a = `${anchor}-v${k}`;
    used.add(a);
    out.push({ anchor: a, headingPath, text: body, start, end });
  };
  const pushSplit = (anchor: string, headingPath: string, body: string, start: number, end: number) => {
    if (body.length <= opts.max) return push(anchor, headingPath, body, start, end);
    const parts = splitAtSentences(body, opts.max);
    parts.forEach((p, i) => push(i === 0 ? anchor : `${anchor}-p${i + 1}`, headingPath, p, start, end));
  };
  const plainBlocks = (start: number, end: number, headingPath = '') => {
    const body = slice(start, end);
    if (!body) return;
    for (const block of paragraphBlocks(body, opts.max)) push(`p${++plain}`, headingPath, block, start, end);
  };

  // header passage
  if (opts.header && opts.header.end > opts.header.start) {
    const h = slice(opts.header.start, opts.header.end).split('\n').filter((l) => !/^[\s_\-–—=.*…|]*$/.test(l)).join('\n');
    push('header', '', tidy(h), opts.header.start, opts.header.end);
  }

  const labelOf = (n: StructureNode): string => {
    if (n.kind === 'dieu' && n.title) return `${n.label}. ${n.title.replace(/[.:]\s*$/, '')}`;
    if (n.kind === 'outline') return n.title ? `${n.label}${/[.)]$/.test(n.label) ? '' : '.'} ${n.title}` : n.label;
    return n.label;
  };

  const isUnit = (n: StructureNode) => n.kind === 'dieu' || n.kind === 'khoan' || n.kind === 'diem' || n.kind === 'outline';

  const emit = (n: StructureNode, path: string[]) => {
    const myPath = [...path, labelOf(n)];
    const hp = myPath.join(SEP);
    const full = slice(n.start, n.end);
    if (!full) return;
    if (isUnit(n) && (full.length <= opts.max || n.children.length === 0)) {
      pushSplit(n.anchor, hp, full, n.start, n.end);
      return;
    }
    // container, or a unit too long for one passage: own text, then children
    const firstChild = n.children[0];
    const ownEnd = firstChild ? firstChild.start : n.end;
    const own = slice(n.start, ownEnd);
    const headingOnly = slice(n.start, Math.min(n.headingEnd, ownEnd));
    if (own && own.length > headingOnly.length + 40) {
      if (isUnit(n) || n.kind === 'phu-luc') pushSplit(n.anchor, hp, own, n.start, ownEnd);
      else {
        // container intro text beyond its heading (e.g. an annex table without structure)
        const body = own;
        if (body.length <= opts.max) push(n.anchor, hp, body, n.start, ownEnd);
        else paragraphBlocks(body, opts.max).forEach((b, i) => push(i === 0 ? n.anchor : `${n.anchor}-p${i + 1}`, hp, b, n.start, ownEnd));
      }
    }
    for (const c of n.children) emit(c, myPath);
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
