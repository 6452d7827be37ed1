/**
 * Structure parser: the outline of a legal or administrative document as a tree.
 *
 * Legal normative documents (Nghị định 30/2020/NĐ-CP, Luật Ban hành VBQPPL):
 *   Phần → Chương → Mục → Tiểu mục → Điều → khoản ("1.") → điểm ("a)"), and Phụ lục after the signature.
 * Administrative documents (công văn, kế hoạch, thông báo): numbered outlines
 *   "I." / "II." → "1." → "1.2." → "2.13.1." → "a)"; "-" and "+" bullets stay inside their item.
 *
 * Lines are classified one by one; a node ends where the next node of the same or a higher rank starts.
 * Sequence checks keep hard-wrapped PDF lines ("…quy định tại khoản\n2. Điều 5…") from opening false nodes:
 * khoản, điểm and outline numbers must continue their siblings (1, 2, 3…; a, b, c…), Điều numbers must continue
 * (next, or a gap of up to 3; or restart at 1 for an attached regulation), so articles quoted by an amending text
 * ("Điều 42. …" inside "Điều 5. Sửa đổi …") do not open nodes.
 * Text glued onto one line (web copies of PDFs) is cut at inline outline numbers ("…như sau:1. Về…1.1.Tiếp tục…").
 *
 * Pure: string in, tree out. Offsets are UTF-16 indices into the given text.
 */
import { fold } from '../text/fold.js';

export type StructureKind = 'phan' | 'chuong' | 'muc' | 'tieu-muc' | 'dieu' | 'khoan' | 'diem' | 'phu-luc' | 'outline';

export interface StructureNode {
  kind: StructureKind;
  /** Display label: "Chương II", "Điều 5", "Khoản 2", "Điểm a", "Phụ lục I", "1.2", "II". */
  label: string;
  /** The number as written: "II", "5", "2", "a", "1.2", "thứ nhất". */
  number: string;
  title?: string;
  /** UTF-16 offsets into the parsed text: [start, end) covers the node and its children. */
  start: number;
  end: number;
  /** End of the heading line(s) (label + title). */
  headingEnd: number;
  /** Stable, unique (within the document) fragment id: "chuong-ii", "dieu-5-khoan-2", "muc-1-2", "phu-luc-i". */
  anchor: string;
  children: StructureNode[];
}

// Ranks: a node closes every open node of equal or greater rank.
const RANK: Record<StructureKind, number> = { 'phu-luc': 0, phan: 1, chuong: 2, muc: 3, 'tieu-muc': 4, dieu: 5, khoan: 6, diem: 7, outline: 8 };

/** "Phần thứ nhất", "PHẦN I", "Phần 2" */
const PHAN = /^(?:PHẦN|Phần)\s+(THỨ\s+[\p{Lu}]+|thứ\s+\p{Ll}+|[IVXLC]+|\d+)(?=[\s.:\-–]|$)[.:\-–]?\s*(.*)$/u;
/** "Chương II", "CHƯƠNG 2. QUY ĐỊNH CHUNG" */
const CHUONG = /^(?:CHƯƠNG|Chương)\s+([IVXLC]+|\d+)(?=[\s.:\-–]|$)[.:\-–]?\s*(.*)$/u;
/** "Mục 1", "MỤC 2. THANH TRA" (legal sections; never "Mục tiêu") */
const MUC = /^(?:MỤC|Mục)\s+(\d+|[IVXLC]+)(?=[\s.:\-–]|$)[.:\-–]?\s*(.*)$/u;
const TIEU_MUC = /^(?:TIỂU MỤC|Tiểu mục)\s+(\d+)(?=[\s.:\-–]|$)[.:\-–]?\s*(.*)$/u;
/** "Điều 5. Đánh giá học sinh", "Điều 12a. …", "Điều 3:" */
const DIEU = /^(?:Điều|ĐIỀU)\s+(\d{1,3}[a-zđ]?)\s*[.:]\s*(.*)$/u;
/** "Điều 1" alone on its line, without a period (the 1992 and 2013 Constitutions as published): the text follows on the next line. */
const DIEU_BARE = /^(?:Điều|ĐIỀU)\s+(\d{1,3}[a-zđ]?)()$/u;
/** "PHỤ LỤC", "Phụ lục I", "PHỤ LỤC SỐ 02", "Phụ lục II - MẪU BÁO CÁO" */
const PHU_LUC = /^(?:PHỤ LỤC|Phụ lục)(?:\s+(?:SỐ|số)?\s*([IVXLC]+|\d+[a-z]?|[A-Z]))?(?=[\s.:\-–]|$)[.:\-–]?\s*(.*)$/u;
/** khoản / outline: "1. …", "2.13. …", "1.2.3 …" */
const NUMBERED = /^(\d{1,3}(?:\.\d{1,3}){0,3})\.?[ \t]*(?:[.)][ \t]*)?(?=\S)(.*)$/u;
/** Roman outline: "I. …", "IV - …" */
const ROMAN = /^([IVX]{1,5})\s*[.\-–)]\s*(\S.*)$/u;
/** điểm: "a) …", "đ) …" */
const DIEM = /^([a-zđ])\)\s*(\S.*)$/u;

const VI_LETTERS = 'abcdđeghiklmnopqrstuvxy';

function romanValue(s: string): number {
  const v: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100 };
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const a = v[s[i]] ?? 0, b = v[s[i + 1]] ?? 0;
    n += a < b ? -a : a;
  }
  return n;
}

export function slug(s: string): string {
  return fold(s).replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

interface Seg { text: string; start: number; end: number }

/** Lines, with over-long glued lines cut before inline outline numbers. */
function segments(text: string): Seg[] {
  const out: Seg[] = [];
  let s = 0;
  while (s <= text.length) {
    let e = text.indexOf('\n', s);
    if (e < 0) e = text.length;
    if (e - s > 1500) {
      // glued layout: "…như sau:1. Về chủ trương…1.1.Tiếp tục…" — cut before numbers that follow a sentence end or a glued word
      const line = text.slice(s, e);
      const re = /(?<=[.:;!?”")\p{Ll}]\s{0,3})(?<!\d\.)(?<!\d)(?=(?:\d{1,2}\.){1,3}\s*\p{Lu})|(?<=[.:;!?”"]\s{0,3})(?=[IVX]{1,4}\.\s*\p{Lu})|(?<=[.;:]\s{0,3})(?=[a-zđ]\)\s*\p{Lu})/gu;
      let last = 0;
      for (let m = re.exec(line); m; m = re.exec(line)) {
        if (m.index === last) { re.lastIndex++; continue; }
        out.push({ text: line.slice(last, m.index), start: s + last, end: s + m.index });
        last = m.index;
        re.lastIndex = m.index + 1;
      }
      out.push({ text: line.slice(last), start: s + last, end: e });
    } else out.push({ text: text.slice(s, e), start: s, end: e });
    s = e + 1;
    if (e >= text.length) break;
  }
  return out;
}

const isUpper = (s: string) => { const l = s.replace(/[^\p{L}]/gu, ''); return l.length > 1 && l === l.toUpperCase(); };

interface Open { node: StructureNode; rank: number; lastChild: Map<string, number> }

export interface StructureOptions {
  /** Start parsing at this offset (e.g. after the header); default 0. */
  from?: number;
  /** Spans to ignore (signature block, recipients). */
  skip?: Array<{ start: number; end: number }>;
}

/**
 * parseStructure(text) → the document's outline tree.
 *
 * parseStructure("Chương I\nQUY ĐỊNH CHUNG\nĐiều 1. Phạm vi\n1. Thông tư này…\n2. …") →
 *   [{ kind: 'chuong', label: 'Chương I', title: 'QUY ĐỊNH CHUNG', anchor: 'chuong-i',
 *      children: [{ kind: 'dieu', label: 'Điều 1', title: 'Phạm vi', anchor: 'dieu-1', children: [khoản 1, khoản 2] }] }]
 */
export function parseStructure(text: string, opts: StructureOptions = {}): StructureNode[] {
  const roots: StructureNode[] = [];
  const stack: Open[] = [];
  const rootCounters = new Map<string, number>();
  const used = new Set<string>();
  let lastDieu = 0;
  const segs = segments(text);
  const skip = opts.skip ?? [];
  const from = opts.from ?? 0;

  const close = (rank: number, at: number) => {
    while (stack.length && stack[stack.length - 1].rank >= rank) {
      const o = stack.pop()!;
      o.node.end = at;
    }
  };
  const parentOpen = (): Open | undefined => stack[stack.length - 1];
  const counters = (rankBelow: number): Map<string, number> => {
    // counters of the node that will be the parent once nodes of rank >= rankBelow are closed
    for (let i = stack.length - 1; i >= 0; i--) if (stack[i].rank < rankBelow) return stack[i].lastChild;
    return rootCounters;
  };
  const ancestorsAfterClose = (rank: number): StructureNode[] => stack.filter((o) => o.rank < rank).map((o) => o.node);
  const unique = (a: string, ancestors: StructureNode[]): string => {
    if (!used.has(a)) { used.add(a); return a; }
    for (let i = ancestors.length - 1; i >= 0; i--) {
      const c = `${ancestors[i].anchor}-${a}`;
      if (!ancestors[i].anchor.endsWith(a) && !used.has(c)) { used.add(c); return c; }
    }
    for (let k = 2; ; k++) { const c = `${a}-v${k}`; if (!used.has(c)) { used.add(c); return c; } }
  };

  const open = (kind: StructureKind, rankValue: number, number: string, label: string, title: string | undefined, seg: Seg, headingEnd: number, anchorBase: (anc: StructureNode[]) => string) => {
    close(rankValue, seg.start);
    const anc = stack.map((o) => o.node);
    const node: StructureNode = { kind, label, number, title: title || undefined, start: seg.start, end: text.length, headingEnd, anchor: '', children: [] };
    node.anchor = unique(anchorBase(anc), anc);
    const parent = parentOpen();
    if (parent) parent.node.children.push(node); else roots.push(node);
    stack.push({ node, rank: rankValue, lastChild: new Map() });
    return node;
  };

  const inSkip = (pos: number) => skip.some((s) => pos >= s.start && pos < s.end);

  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i];
    if (seg.end <= from || inSkip(seg.start)) continue;
    const raw = seg.text;
    const t = raw.trim();
    if (!t || t.length > 4000 && !/^(?:Điều|\d|[IVX]+\.)/u.test(t)) continue;
    if (/^[“"‘]/u.test(t)) continue; // quoted text of an amending document

    // the title of a Phần/Chương/Mục/Phụ lục is often on the next non-empty line, in upper case
    const nextTitle = (inline: string): { title?: string; headingEnd: number } => {
      if (inline.trim()) return { title: inline.trim(), headingEnd: seg.end };
      for (let j = i + 1; j < segs.length && j < i + 4; j++) {
        const u = segs[j].text.trim();
        if (!u) continue;
        if (isUpper(u) && u.length < 300 && !CHUONG.test(u) && !MUC.test(u) && !DIEU.test(u)) {
          // continuation of an upper-case title on the following line(s)
          let title = u; let end = segs[j].end;
          for (let k = j + 1; k < segs.length && k < j + 3; k++) {
            const w = segs[k].text.trim();
            if (!w) continue;
            if (isUpper(w) && w.length < 200 && !DIEU.test(w) && !/^\(/.test(w) && !MUC.test(w) && !CHUONG.test(w)) { title += ' ' + w; end = segs[k].end; } else break;
          }
          return { title, headingEnd: end };
        }
        break;
      }
      return { headingEnd: seg.end };
    };

    let m: RegExpExecArray | null;
    if ((m = PHU_LUC.exec(t)) && (isUpper(t.slice(0, 7)) || (m[1] && t.length < 120 && !/^\S+\s+\S+\s+(?:ban hành|kèm|của|này|quy định|được)/u.test(t)))) {
      if (/^Phụ lục/u.test(t) && !m[1]) { /* "Phụ lục" + prose → not a heading */ }
      else {
        const num = m[1] ?? '';
        const h = nextTitle(m[2] ?? '');
        open('phu-luc', RANK['phu-luc'], num, num ? `Phụ lục ${num}` : 'Phụ lục', h.title, seg, h.headingEnd, () => num ? `phu-luc-${slug(num)}` : 'phu-luc');
        lastDieu = 0;
        continue;
      }
    }
    if ((m = PHAN.exec(t))) {
      const num = m[1];
      const h = nextTitle(m[2]);
      const label = /^\d|^[IVXLC]+$/.test(num) ? `Phần ${num}` : `Phần ${num.toLowerCase()}`;
      open('phan', RANK.phan, num, label, h.title, seg, h.headingEnd, () => `phan-${slug(num)}`);
      continue;
    }
    if ((m = CHUONG.exec(t))) {
      const num = m[1];
      const h = nextTitle(m[2]);
      open('chuong', RANK.chuong, num, `Chương ${num}`, h.title, seg, h.headingEnd, (anc) => {
        const pl = anc.find((a) => a.kind === 'phu-luc');
        return pl ? `${pl.anchor}-chuong-${slug(num)}` : `chuong-${slug(num)}`;
      });
      continue;
    }
    if ((m = TIEU_MUC.exec(t))) {
      const num = m[1];
      const h = nextTitle(m[2]);
      open('tieu-muc', RANK['tieu-muc'], num, `Tiểu mục ${num}`, h.title, seg, h.headingEnd, () => {
        const muc = ancestorsAfterClose(RANK['tieu-muc']).filter((a) => a.kind === 'muc').pop();
        return `${muc ? muc.anchor + '-' : ''}tieu-muc-${slug(num)}`;
      });
      continue;
    }
    if ((m = MUC.exec(t)) && (m[2] === '' || isUpper(m[2]) || /^[.:\-–]/.test(t.slice(t.indexOf(m[1]) + m[1].length)))) {
      const num = m[1];
      const h = nextTitle(m[2]);
      open('muc', RANK.muc, num, `Mục ${num}`, h.title, seg, h.headingEnd, () => {
        const ch = ancestorsAfterClose(RANK.muc).filter((a) => a.kind === 'chuong' || a.kind === 'phan' || a.kind === 'phu-luc').pop();
        return `${ch ? ch.anchor + '-' : ''}muc-${slug(num)}`;
      });
      continue;
    }
    // a bare "Điều 5" line is an article only when the next line does not continue a sentence ("… tại\nĐiều 5\ncủa Luật")
    const bareDieu = (): RegExpExecArray | null => {
      const b = DIEU_BARE.exec(t);
      if (!b) return null;
      const next = segs.slice(i + 1, i + 4).map((x) => x.text.trim()).find(Boolean) ?? '';
      return /^\p{Ll}/u.test(next) ? null : b;
    };
    if ((m = DIEU.exec(t) ?? bareDieu())) {
      const num = m[1];
      const n = parseInt(num, 10);
      // the next article (a gap of up to 3 for omitted ones), the first one seen, a restart at 1 (attached regulation),
      // or "Điều 12a" after "Điều 12"; other numbers are articles quoted by an amending text
      if ((lastDieu === 0) || (n > lastDieu && n <= lastDieu + 3) || n === 1 || (n === lastDieu && /[a-zđ]$/.test(num))) {
        lastDieu = n;
        let title = m[2].trim();
        let headingEnd = seg.end;
        // a title wrapped onto the next line (gazette PDFs): continue while the next line starts in lower case
        const nxt = segs[i + 1];
        if (title && nxt && /^\p{Ll}/u.test(nxt.text.trim()) && !/[.;:]$/.test(title) && nxt.text.trim().length < 120 && !DIEM.test(nxt.text.trim())) {
          title += ' ' + nxt.text.trim(); headingEnd = nxt.end;
        }
        open('dieu', RANK.dieu, num, `Điều ${num}`, title, seg, headingEnd, (anc) => {
          const pl = anc.find((a) => a.kind === 'phu-luc');
          return pl ? `${pl.anchor}-dieu-${slug(num)}` : `dieu-${slug(num)}`;
        });
        continue;
      }
    }
    // inside an Điều: khoản and điểm
    const dieuOpen = stack.findIndex((o) => o.node.kind === 'dieu') >= 0;
    if (dieuOpen) {
      if ((m = /^(\d{1,3})\.[ \t]*(?=\S)(.*)$/u.exec(t)) && !/^\d{1,3}\.\d/.test(t)) {
        const n = parseInt(m[1], 10);
        const c = counters(RANK.khoan);
        if (n === (c.get('khoan') ?? 0) + 1) {
          c.set('khoan', n);
          open('khoan', RANK.khoan, m[1], `Khoản ${m[1]}`, undefined, seg, seg.end, (anc) => `${anc.filter((a) => a.kind === 'dieu').pop()!.anchor}-khoan-${n}`);
          continue;
        }
      }
      if ((m = DIEM.exec(t))) {
        const letter = m[1];
        const c = counters(RANK.diem);
        const prev = c.get('diem') ?? -1;
        if (VI_LETTERS.indexOf(letter) === prev + 1) {
          c.set('diem', prev + 1);
          open('diem', RANK.diem, letter, `Điểm ${letter}`, undefined, seg, seg.end, (anc) => {
            const p = anc.filter((a) => a.kind === 'khoan' || a.kind === 'dieu').pop()!;
            return `${p.anchor}-diem-${letter === 'đ' ? 'dd' : letter}`;
          });
          continue;
        }
      }
      continue;
    }
    // outlines (administrative documents, resolutions, annexes)
    if ((m = ROMAN.exec(t)) && /^[IVX]+$/.test(m[1])) {
      const v = romanValue(m[1]);
      const c = counters(RANK.outline);
      if (v === (c.get('roman') ?? 0) + 1) {
        c.set('roman', v);
        openOutline(m[1], 0, m[2], seg);
        continue;
      }
    }
    if ((m = NUMBERED.exec(t)) && /^\d/.test(t) && !/^\d+[.,]\d+\s*(?:%|đồng|triệu|tỷ|ha|km|m\b)/u.test(t) && !/^\d{1,3}\.\d{3}\b/.test(t)) {
      const num = m[1];
      const parts = num.split('.');
      const depth = parts.length; // 1 for "1.", 2 for "1.2."
      if (/^\d{1,3}\s*[/\-]/.test(t)) { /* "1/2020", "2 - 3" */ }
      else if (depth > 1 || /^\d{1,3}[.)]/.test(t)) {
        if (acceptOutline(num, depth)) { openOutline(num, depth, m[2], seg); continue; }
      }
    }
    if ((m = DIEM.exec(t))) {
      const par = parentOpen();
      if (par && par.node.kind === 'outline') {
        const prev = par.lastChild.get('letter') ?? -1;
        if (VI_LETTERS.indexOf(m[1]) === prev + 1) {
          par.lastChild.set('letter', prev + 1);
          openOutline(m[1], 9, m[2], seg);
          continue;
        }
      }
    }
  }
  close(-1, text.length);
  trimEnds(roots, text);
  return roots;

  function outlineAncestors(): StructureNode[] {
    return stack.filter((o) => o.node.kind === 'outline').map((o) => o.node);
  }
  /** A numbered line continues the outline when it is the next sibling at its depth (1 → 2, 1.2 → 1.3, 2 → 2.1). */
  function acceptOutline(num: string, depth: number): boolean {
    const parts = num.split('.').map(Number);
    const last = parts[parts.length - 1];
    const outl = outlineAncestors();
    // same depth sibling or first child of the enclosing item
    const sameDepth = [...outl].reverse().find((n) => n.number.split('.').length === depth && /^\d/.test(n.number));
    if (sameDepth) {
      const sp = sameDepth.number.split('.').map(Number);
      const prefixOk = sp.slice(0, -1).join('.') === parts.slice(0, -1).join('.');
      if (prefixOk && last === sp[sp.length - 1] + 1) return true;
    }
    if (depth > 1) {
      const parent = [...outl].reverse().find((n) => n.number === parts.slice(0, -1).join('.'));
      if (parent && last === 1) return true;
      if (parent && sameDepth && last === Number(sameDepth.number.split('.').pop()) + 1) return true;
      return false;
    }
    // top-level numbers: first "1." under a roman item or at the root, or the next number
    const c = counters(RANK.outline + 1);
    const prev = c.get('num') ?? 0;
    return last === prev + 1 || (last === 1 && !sameDepth);
  }
  function openOutline(num: string, depth: number, rest: string, seg: Seg) {
    // rank inside outlines: roman 0, "1." 1, "1.2." 2 …, letters 9 — added to the outline base rank
    const rankValue = RANK.outline + (depth === 0 ? 0 : depth === 9 ? 9 : depth);
    // close deeper or equal outline items first so counters attach to the right parent
    close(rankValue, seg.start);
    if (depth === 1) { const c = counters(rankValue); c.set('num', Number(num)); }
    const anc = outlineAncestors();
    const pathParts: string[] = [];
    const chain = [...anc.map((a) => a.number), num];
    for (let k = 0; k < chain.length; k++) {
      const next = chain[k + 1];
      if (next !== undefined && next.startsWith(chain[k] + '.')) continue;
      pathParts.push(slug(chain[k].replace(/\./g, '-')));
    }
    const container = stack.filter((o) => o.node.kind !== 'outline').map((o) => o.node).pop();
    const prefix = container && container.kind !== 'outline' ? `${container.anchor}-` : '';
    const title = outlineTitle(rest);
    const label = depth === 0 ? num : depth === 9 ? `${num})` : num;
    const node = open('outline', rankValue, num, label, title, seg, seg.end, () => `${prefix}muc-${pathParts.join('-')}`);
    void node;
  }
}

/** A short title for an outline item: its first clause, at most 100 characters. */
function outlineTitle(rest: string): string | undefined {
  const t = rest.trim();
  if (!t) return undefined;
  // ends at a sentence end, a glued next word ("…hiệu trưởngNâng cao"), or a glued bullet ("…năm 2021-Kỳ thi")
  const cut = t.search(/[.:;](?:\s|$)|(?<=\p{Ll})(?=\p{Lu}\p{Ll})|(?<=[\p{Ll}\d])[-–](?=\p{Lu}\p{Ll})/u);
  let title = cut > 0 ? t.slice(0, cut) : t;
  if (title.length > 100) title = title.slice(0, 100).replace(/\s+\S*$/, '') + '…';
  return title;
}

/** Node ends exclude trailing whitespace. */
function trimEnds(nodes: StructureNode[], text: string): void {
  for (const n of nodes) {
    let e = n.end;
    while (e > n.start && /\s/.test(text[e - 1])) e--;
    n.end = e;
    trimEnds(n.children, text);
  }
}

/** Depth-first walk. */
export function* walk(nodes: StructureNode[], ancestors: StructureNode[] = []): Generator<[StructureNode, StructureNode[]]> {
  for (const n of nodes) {
    yield [n, ancestors];
    yield* walk(n.children, [...ancestors, n]);
  }
}
