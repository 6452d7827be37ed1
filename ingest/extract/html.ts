/**
 * HTML: a block-aware walker over a linkedom DOM turns HTML into text (headings, paragraphs, list
 * items on their own lines; table rows as lines with cells separated by a tab; layout-table cells
 * holding several paragraphs emitted paragraph by paragraph). Whole web pages (a <title> or page
 * chrome) first go through @mozilla/readability to drop navigation; when it finds no article or
 * keeps too little, the whole body is used. Bare content fragments (vbpl's content-root HTML, a saved
 * Word body) skip Readability, which drops their signature block and recipient list.
 */
import { Readability } from '@mozilla/readability';
import iconv from 'iconv-lite';
import { parseHTML } from 'linkedom';
import { AppError } from '../../src/errors.js';
import { decodeText } from './txt.js';
import type { ExtractResult } from './types.js';
import { errorMessage, fileLabel, requireText, tidyLines } from './util.js';

/** On a whole page, Readability output shorter than this share of the body's text is considered a miss. */
export const MIN_ARTICLE_SHARE = 0.3;

const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD', 'SVG', 'IFRAME', 'OBJECT', 'CANVAS', 'BUTTON', 'SELECT', 'TEXTAREA']);
const BLOCK = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BODY', 'CAPTION', 'CENTER', 'DD', 'DETAILS', 'DIALOG', 'DIV', 'DL', 'DT',
  'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HGROUP', 'HR',
  'HTML', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'UL', 'TABLE', 'TBODY', 'THEAD', 'TFOOT', 'TR', 'TD', 'TH',
]);

interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
  getAttribute?: (n: string) => string | null;
}

function isHidden(el: DomNode): boolean {
  const style = el.getAttribute?.('style') ?? '';
  return /display\s*:\s*none/i.test(style) || el.getAttribute?.('hidden') != null || el.getAttribute?.('aria-hidden') === 'true';
}

/** Lines of text of a DOM subtree, block structure kept. Exported for tests and for JSONL html. */
export function domToLines(root: DomNode): string[] {
  const lines: string[] = [];
  let cur = '';
  const flush = () => {
    const t = cur.replace(/[ \t]+/g, ' ').trim();
    if (t) lines.push(t);
    cur = '';
  };
  const walk = (node: DomNode, pre: boolean) => {
    if (node.nodeType === 3) {
      const s = node.textContent ?? '';
      cur += pre ? s : s.replace(/\s+/g, ' ');
      if (pre && s.includes('\n')) {
        const parts = cur.split('\n');
        cur = parts.pop() ?? '';
        for (const p of parts) { const t = p.trim(); if (t) lines.push(t); }
      }
      return;
    }
    if (node.nodeType !== 1) return;
    const tag = node.nodeName.toUpperCase();
    if (SKIP.has(tag) || isHidden(node)) return;
    if (tag === 'BR') { flush(); return; }
    if (tag === 'TABLE') { flush(); tableLines(node, lines); return; }
    const block = BLOCK.has(tag);
    if (block) flush();
    const kids = node.childNodes;
    for (let i = 0; i < kids.length; i++) walk(kids[i], pre || tag === 'PRE');
    if (block) flush();
    else if (tag === 'TD' || tag === 'TH') cur += ' ';
  };
  walk(root, false);
  flush();
  return lines;
}

/** Rows of a table (not of nested tables). */
function rowsOf(table: DomNode): DomNode[] {
  const rows: DomNode[] = [];
  const visit = (n: DomNode) => {
    const kids = n.childNodes;
    for (let i = 0; i < kids.length; i++) {
      const k = kids[i];
      if (k.nodeType !== 1) continue;
      const t = k.nodeName.toUpperCase();
      if (t === 'TR') rows.push(k);
      else if (t === 'THEAD' || t === 'TBODY' || t === 'TFOOT') visit(k);
    }
  };
  visit(table);
  return rows;
}

/**
 * A row whose cells are each one line becomes one line, cells joined by a tab ("STT\tNội dung\tGhi chú").
 * A row where some cell holds several blocks (Word layout tables: the header "BỘ …" / "CỘNG HÒA …" cells)
 * is emitted cell by cell, each block on its own line, so header lines stay whole.
 */
function tableLines(table: DomNode, out: string[]): void {
  for (const row of rowsOf(table)) {
    const cells: string[][] = [];
    const kids = row.childNodes;
    for (let i = 0; i < kids.length; i++) {
      const k = kids[i];
      if (k.nodeType !== 1) continue;
      const t = k.nodeName.toUpperCase();
      if (t !== 'TD' && t !== 'TH') continue;
      if (isHidden(k)) continue;
      cells.push(domToLines(k));
    }
    if (cells.every((c) => c.length <= 1)) {
      const line = cells.map((c) => (c[0] ?? '').replace(/\t/g, ' ')).join('\t').replace(/\t+$/, '');
      if (line.trim()) out.push(line);
    } else {
      for (const c of cells) out.push(...c);
    }
  }
}

/** Charset declared in a <meta> tag within the first bytes. */
function declaredCharset(bytes: Buffer): string | undefined {
  const head = bytes.subarray(0, 4096).toString('latin1');
  const m = head.match(/<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i);
  return m?.[1]?.toLowerCase();
}

/** Bytes → HTML string: BOM, then a declared non-UTF-8 charset iconv knows, then the text decoder's guess. */
export function decodeHtml(bytes: Buffer, label: string): { html: string; notes: string[] } {
  const cs = declaredCharset(bytes);
  if (cs && !/^utf-?8$/.test(cs) && iconv.encodingExists(cs) && !(bytes[0] === 0xef && bytes[1] === 0xbb)) {
    return { html: iconv.decode(bytes, cs).normalize('NFC'), notes: [`decoded as ${cs} (declared in <meta>)`] };
  }
  const d = decodeText(bytes, label);
  return { html: d.text, notes: d.notes };
}

export interface HtmlToTextResult { text: string; html: string; title?: string; usedReadability: boolean; notes: string[] }

/**
 * A whole web page (has a <title> or page chrome: nav, header, footer, aside, menu) as opposed to a
 * content fragment (vbpl's content-root HTML, a saved Word body). Only whole pages go through
 * Readability: on the vbpl fragments it dropped up to 25% of the text, namely the signature block and
 * the "Nơi nhận" recipient list (measured on doc_000357.html: 22 of 43 lines), which the header parser needs.
 */
export function looksLikeWholePage(html: string): boolean {
  return /<title[\s>]/i.test(html) || /<(nav|header|footer|aside|menu)[\s>]/i.test(html);
}

/** The body's HTML without scripts, styles, forms, comments, inline styles, classes or event handlers. */
function cleanBody(document: ReturnType<typeof parseHTML>['document']): string {
  for (const el of Array.from(document.querySelectorAll('script,style,noscript,template,iframe,object,form,link,meta'))) el.remove();
  for (const el of Array.from(document.querySelectorAll('*'))) {
    for (const a of Array.from(el.attributes) as { name: string }[]) {
      if (a.name === 'style' || a.name === 'class' || a.name.startsWith('on') || a.name.startsWith('data-')) el.removeAttribute(a.name);
    }
  }
  return (document.body?.innerHTML ?? '').replace(/<!--[\s\S]*?-->/g, '').trim();
}

/** HTML string → text + cleaned HTML (pure; no file involved). */
export function htmlToText(html: string): HtmlToTextResult {
  const notes: string[] = [];
  const wrapped = /<html[\s>]/i.test(html) ? html : `<!doctype html><html><head></head><body>${html}</body></html>`;
  const { document } = parseHTML(wrapped);
  const docTitle = document.querySelector('title')?.textContent?.trim() || undefined;
  const h1 = document.querySelector('h1')?.textContent?.trim() || undefined;
  const body = (document.body ?? document.documentElement) as unknown as DomNode;
  const bodyText = domToLines(body).join('\n');

  if (looksLikeWholePage(html)) {
    let article: ReturnType<Readability['parse']> = null;
    try {
      article = new Readability(parseHTML(wrapped).document as unknown as Document, { charThreshold: 200 }).parse();
    } catch (e) {
      notes.push(`readability failed (${errorMessage(e)}); used the whole body`);
    }
    if (article?.content) {
      const { document: adoc } = parseHTML(`<!doctype html><html><body>${article.content}</body></html>`);
      const text = domToLines(adoc.body as unknown as DomNode).join('\n');
      const share = bodyText.length ? text.length / bodyText.length : 1;
      if (share >= MIN_ARTICLE_SHARE || /[\p{L}]/u.test(text) && !/[\p{L}]/u.test(bodyText)) {
        return { text, html: article.content, title: article.title?.trim() || h1 || docTitle, usedReadability: true, notes };
      }
      notes.push(`readability kept only ${Math.round(share * 100)}% of the text; used the whole body`);
    } else if (!notes.length) {
      notes.push('readability found no article; used the whole body');
    }
  }
  const cleaned = cleanBody(document);
  return { text: bodyText, html: cleaned, title: docTitle || h1, usedReadability: false, notes };
}

export async function extractHtml(path: string, bytes: Buffer): Promise<ExtractResult> {
  const label = fileLabel(path);
  const { html, notes } = decodeHtml(bytes, label);
  let r: HtmlToTextResult;
  try {
    r = htmlToText(html);
  } catch (e) {
    throw new AppError('extract_failed', `${label}: HTML could not be parsed: ${errorMessage(e)}`, { cause: e });
  }
  const text = tidyLines(r.text);
  requireText(text, path, 'no text in the HTML');
  return { text, html: r.html, format: 'html', title: r.title, notes: [...notes, ...r.notes] };
}
