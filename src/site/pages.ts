/**
 * Server-rendered pages (pure: data in, HTML out). No inline scripts or styles (strict CSP): the only
 * script is /widget.js on the widget demo. Everything from documents is escaped with h(); snippets
 * come from the engine already escaped (only <mark>); links from documents keep http(s) only.
 */
import { escapeHtml as h } from '../text/escape.js';
import type { SearchResult, StoredDocument, CitingPassage, FacetCount, DocumentSummary, ResolvedReference } from '../service/index.js';
import type { Reference } from '../docs/model.js';
import { parseQuery } from '../query/query.js';
import { highlightSpans } from '../query/highlight.js';
import { renderText, type LinkSpan } from './render.js';
import { docLink, refLink } from '../service/links.js';
import { RELATION_LABELS } from '../service/relations.js';
import type { RelationGroup } from '../service/index.js';
import { kindLabel } from '../kinds/kinds.js';
import { FACETS, facetValueLabel, STATUS_LABELS, type FacetFilters, type FacetKey } from '../kinds/facets.js';


/** Only http(s) URLs become links (a document's source URL could be "javascript:…"). */
function safeUrl(u: string | undefined): string | undefined {
  if (!u) return undefined;
  try {
    const url = new URL(u);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

const EXAMPLES = ['đánh giá học sinh THCS', 'chuong trinh giao duc pho thong', 'nd 71/2020', 'giáo dục STEM', 'tuyển sinh lớp 10'];

function layout(title: string, body: string, opts: { q?: string; scripts?: string[]; wide?: boolean } = {}): string {
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(title)}</title>
<link rel="stylesheet" href="/assets/style.css">
${(opts.scripts ?? []).map((s) => `<script src="${h(s)}" defer></script>`).join('\n')}
</head>
<body>
<a class="skip" href="#main">Bỏ qua đến nội dung chính</a>
<header class="site">
  <div class="bar">
    <a class="brand" href="/"><span class="logo" aria-hidden="true">§</span> Tra cứu văn bản giáo dục</a>
    <nav aria-label="Liên kết chính"><a href="/widget-demo">Nhúng vào cổng thông tin</a></nav>
  </div>
  <form class="search" action="/" method="get" role="search">
    <label class="visually-hidden" for="q">Tìm kiếm văn bản</label>
    <input type="search" id="q" name="q" value="${h(opts.q ?? '')}" placeholder="Ví dụ: đánh giá học sinh THCS, nd 71/2020" autocomplete="off" enterkeyhint="search">
    <button type="submit">Tìm</button>
  </form>
</header>
<main id="main"${opts.wide ? ' class="wide"' : ''}>
${body}
</main>
<footer class="site"><p>Kết quả chỉ để tra cứu; văn bản có giá trị pháp lý là bản do cơ quan ban hành công bố.</p></footer>
</body>
</html>`;
}

export interface SearchPageParams extends FacetFilters {
  q: string;
  /** Issued from / to (ISO dates, inclusive). */
  from?: string;
  to?: string;
  sort?: string;
  limit: number;
  offset: number;
}

/** What a search may carry besides hits (reference answers and Telex/VNI decoding, src/service/search.ts). */
export interface SearchPageResult extends SearchResult {
  reference?: { status: number; documents: DocumentSummary[]; citingTotal: number; text?: string; rest?: string };
  decoded?: { from: string; to: string };
  suggestion?: { q: string; words: Record<string, string> };
}

function url(params: SearchPageParams, change: Partial<SearchPageParams>): string {
  const p = { ...params, ...change };
  const u = new URLSearchParams();
  if (p.q) u.set('q', p.q);
  for (const f of FACETS) for (const v of p[f.key] ?? []) u.append(f.key, String(v));
  if (p.from) u.set('from', p.from);
  if (p.to) u.set('to', p.to);
  if (p.sort && p.sort !== 'relevance') u.set('sort', p.sort);
  if (p.limit && p.limit !== 10) u.set('limit', String(p.limit));
  if (p.offset) u.set('offset', String(p.offset));
  const s = u.toString();
  return s ? `/?${s}` : '/';
}

function facetList(label: string, name: FacetKey, counts: FacetCount[], params: SearchPageParams): string {
  if (!counts.length) return '';
  const active = new Set((params[name] ?? []).map(String));
  const items = counts.slice(0, 12).map((c) => {
    const on = active.has(c.value);
    const next = on ? [...active].filter((v) => v !== c.value) : [...active, c.value];
    const change = { [name]: FACETS.find((f) => f.key === name)?.type === 'number' ? next.map(Number) : next, offset: 0 } as Partial<SearchPageParams>;
    const text = facetValueLabel(name, c.value);
    return `<li><a href="${h(url(params, change))}"${on ? ' class="active" aria-current="true"' : ''}><span class="check" aria-hidden="true">${on ? '✓' : ''}</span>${h(text)} <span class="count">${c.count}</span></a></li>`;
  }).join('');
  return `<section class="facet"><h2>${h(label)}</h2><ul>${items}</ul></section>`;
}

function facets(result: SearchResult, params: SearchPageParams): string {
  const body = FACETS.map((f) => facetList(f.label, f.key, result.facets[f.key] ?? [], params)).join('') + dateRange(params);
  return body ? `<aside class="facets" id="bo-loc" aria-label="Bộ lọc">${body}</aside>` : '';
}

/** Issued between two dates: a small GET form keeping the query and the other filters. */
function dateRange(params: SearchPageParams): string {
  const keep = [['q', params.q], ...FACETS.flatMap((f) => ((params[f.key] ?? []) as (string | number)[]).map((v) => [f.key, String(v)])),
    ...(params.sort && params.sort !== 'relevance' ? [['sort', params.sort]] : [])]
    .map(([k, v]) => `<input type="hidden" name="${h(k)}" value="${h(v)}">`).join('');
  const day = (v?: string) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : '');
  return `<section class="facet"><h2>Ngày ban hành</h2><form method="get" action="/" class="dates">${keep}
    <label>Từ ngày <input type="date" name="from" value="${h(day(params.from))}"></label>
    <label>Đến ngày <input type="date" name="to" value="${h(day(params.to))}"></label>
    <button type="submit">Lọc</button></form></section>`;
}

/** Active filters as removable chips. */
function chips(params: SearchPageParams): string {
  const items: string[] = [];
  for (const f of FACETS) {
    const active: (string | number)[] = params[f.key] ?? [];
    for (const k of active) {
      const text = facetValueLabel(f.key, k, true);
      const change = { [f.key]: active.filter((x) => x !== k), offset: 0 } as Partial<SearchPageParams>;
      items.push(`<a class="chip" href="${h(url(params, change))}" aria-label="Bỏ lọc ${h(text)}">${h(text)} <span aria-hidden="true">✕</span></a>`);
    }
  }
  if (params.from) items.push(`<a class="chip" href="${h(url(params, { from: undefined, offset: 0 }))}" aria-label="Bỏ lọc từ ngày ${h(formatDate(params.from))}">Từ ${h(formatDate(params.from))} <span aria-hidden="true">✕</span></a>`);
  if (params.to) items.push(`<a class="chip" href="${h(url(params, { to: undefined, offset: 0 }))}" aria-label="Bỏ lọc đến ngày ${h(formatDate(params.to))}">Đến ${h(formatDate(params.to))} <span aria-hidden="true">✕</span></a>`);
  if (!items.length) return '';
  const clear = `<a class="clear" href="${h(url(params, { ...Object.fromEntries(FACETS.map((f) => [f.key, []])), from: undefined, to: undefined, offset: 0 }))}">Bỏ tất cả bộ lọc</a>`;
  return `<div class="chips" aria-label="Bộ lọc đang dùng" role="group">${items.join('')}${clear}</div>`;
}

function docMeta(d: DocumentSummary): string {
  return `<div class="meta"><span class="badge">${h(kindLabel(d.kind))}</span>${d.number ? `<span>Số ${h(d.number)}</span>` : ''}${d.issuer ? `<span>${h(d.issuer)}</span>` : ''}${d.issuedAt ? `<span>Ngày ${h(formatDate(d.issuedAt))}</span>` : ''}</div>`;
}

function pager(params: SearchPageParams, total: number): string {
  const pages = Math.ceil(total / params.limit);
  if (pages <= 1) return '';
  const current = Math.floor(params.offset / params.limit) + 1;
  const link = (n: number, label: string, rel?: string) => n === current
    ? `<li><span aria-current="page">${label}</span></li>`
    : `<li><a href="${h(url(params, { offset: (n - 1) * params.limit }))}"${rel ? ` rel="${rel}"` : ''}${/^\d+$/.test(label) ? ` aria-label="Trang ${n}"` : ''}>${label}</a></li>`;
  const nums = new Set([1, pages, current - 1, current, current + 1].filter((n) => n >= 1 && n <= pages));
  const sorted = [...nums].sort((a, b) => a - b);
  const items: string[] = [];
  if (current > 1) items.push(link(current - 1, '‹ Trước', 'prev'));
  sorted.forEach((n, i) => {
    if (i && n - sorted[i - 1] > 1) items.push('<li class="gap" aria-hidden="true">…</li>');
    items.push(link(n, String(n)));
  });
  if (current < pages) items.push(link(current + 1, 'Sau ›', 'next'));
  return `<nav class="pager" aria-label="Phân trang"><ul>${items.join('')}</ul></nav>`;
}

function examples(): string {
  return `<ul class="examples">${EXAMPLES.map((e) => `<li><a href="${h(url({ q: e, limit: 10, offset: 0 }, {}))}">${h(e)}</a></li>`).join('')}</ul>`;
}

function hitList(result: SearchResult, q: string): string {
  return result.hits.map((hit) => {
    const d = hit.document;
    const passages = hit.passages.map((p) => `<li><a href="${h(docLink(d.id, p.anchor, q))}">${p.headingPath ? `<span class="heading-path">${h(p.headingPath)}</span>` : ''}<span class="snippet">${p.snippet}</span></a></li>`).join('');
    const st = d.status ? ` <span class="badge status" title="Theo văn bản khác trong kho">${h(STATUS_LABELS[d.status] ?? d.status)}</span>` : '';
    const missing = hit.missing?.length ? `<p class="missing">Thiếu: ${hit.missing.map((w) => `<s>${h(w)}</s>`).join(' ')}</p>` : '';
    return `<li class="hit"><h3><a href="${h(docLink(d.id, undefined, q))}">${h(d.title || d.number || d.id)}</a>${st}</h3>
      ${docMeta(d)}${missing}
      ${passages ? `<ul class="passages">${passages}</ul>` : ''}</li>`;
  }).join('');
}

function referenceBox(r: NonNullable<SearchPageResult['reference']>, q: string): string {
  const named = r.text || q;
  // a reference beside topic words: the hits below are the text hits of those words
  const rest = r.rest ? ` Kết quả bên dưới tìm “${h(r.rest)}” trong nội dung, các văn bản dẫn chiếu “${h(named)}” trước.` : '';
  if (r.status === 404 || !r.documents.length) {
    return `<div class="notice" role="note">Văn bản “${h(named)}” chưa có trong kho dữ liệu${r.citingTotal && !r.rest ? `; ${r.citingTotal} đoạn văn bản khác dẫn chiếu đến nó (bên dưới)` : ''}.${rest}</div>`;
  }
  // a document without a number (the Constitution, a law found by its name) is listed by its title once
  const items = r.documents.slice(0, 10).map((d) => `<li><a href="${h(docLink(d.id))}">${h(d.number ?? d.title)}</a>${d.number ? ` – ${h(d.title)}` : ''}${d.issuedAt ? ` (${h(formatDate(d.issuedAt))})` : ''}</li>`).join('');
  const several = r.documents.length > 1;
  const label = r.documents.every((d) => d.number)
    ? (several ? 'Các văn bản có số hiệu này' : 'Văn bản có số hiệu này')
    : `${several ? 'Các văn bản' : 'Văn bản'} “${h(named)}”`;
  return `<div class="notice" role="note"><strong>${label}:</strong><ul>${items}</ul>${r.citingTotal ? `<p>${r.citingTotal} đoạn văn bản dẫn chiếu đến nó.</p>` : ''}${rest ? `<p>${rest.trim()}</p>` : ''}</div>`;
}

/**
 * The search page. `result` null: the home page (with `latest`, the newest documents, when given).
 * `error`: a Vietnamese message shown as an alert.
 */
export function renderSearchPage(params: SearchPageParams, result: SearchPageResult | null, error?: string, latest?: SearchResult): string {
  const title = params.q ? `${params.q} – Tra cứu văn bản` : 'Tra cứu văn bản giáo dục';
  if (error) {
    return layout(title, `<div class="error" role="alert"><h1>Chưa tìm được</h1><p>${h(error)}</p><p><a href="/">Về trang chủ</a></p></div>`, { q: params.q });
  }
  if (!result) {
    const recent = latest?.hits.length
      ? `<section class="recent" aria-labelledby="moi"><h2 id="moi">Văn bản mới trong kho</h2><ol class="hits compact">${hitList({ ...latest, hits: latest.hits.map((x) => ({ ...x, passages: [] })) }, '')}</ol></section>`
      : '';
    return layout(title, `<section class="intro">
      <h1>Tìm thông tư, nghị định, công văn về giáo dục</h1>
      <p>Gõ có dấu hoặc không dấu (“danh gia hoc sinh”), hoặc số hiệu văn bản (“71/2020/NĐ-CP”, “nd 71/2020”). Kết quả chỉ rõ Điều, Khoản và dẫn đến đúng đoạn văn bản.</p>
      <h2 class="small">Thử tìm</h2>${examples()}
    </section>${recent}`, { q: params.q });
  }
  const sortLinks = `<span class="sort">Sắp xếp: ${params.sort === 'date'
    ? `<a href="${h(url(params, { sort: 'relevance', offset: 0 }))}">phù hợp nhất</a> · <strong>mới nhất</strong>`
    : `<strong>phù hợp nhất</strong> · <a href="${h(url(params, { sort: 'date', offset: 0 }))}">mới nhất</a>`}</span>`;
  const decoded = result.decoded ? `<p class="notice" role="note">Đã tìm “${h(result.decoded.to)}” (hiểu từ cách gõ “${h(result.decoded.from)}”).</p>` : '';
  const refBox = result.reference && params.q ? referenceBox(result.reference, params.q) : '';
  // Honest matching: words found nowhere, the spelling suggestion, and a relaxed answer are said plainly.
  const unmatched = result.unmatched?.length ? `<p class="notice" role="note">Không tìm thấy: ${result.unmatched.map((w) => `<strong>${h(w)}</strong>`).join(', ')}${result.hits.length ? ' (kết quả dưới đây không có từ này)' : ''}.`
    + `${result.suggestion ? ` Có phải bạn muốn tìm: <a href="${h(url(params, { q: result.suggestion.q, offset: 0 }))}">${h(result.suggestion.q)}</a>?` : ''}</p>` : '';
  const relaxed = result.relaxed && result.hits.length ? '<p class="notice" role="note">Không có đoạn nào chứa đủ mọi từ: kết quả chứa một phần các từ, mỗi văn bản ghi rõ từ còn thiếu.</p>' : '';
  const notices = `${decoded}${unmatched}${relaxed}${refBox}`;
  if (!result.total) {
    const filtered = FACETS.some((f) => params[f.key]?.length) || !!params.from || !!params.to;
    return layout(title, `${notices}<div class="empty" role="status">
      <h1>Không tìm thấy văn bản nào${params.q ? ` cho “${h(params.q)}”` : ''}</h1>
      <ul>
        <li>Kiểm tra chính tả, hoặc gõ không dấu.</li>
        <li>Bỏ bớt từ, dùng từ ngắn hơn.</li>
        <li>Tìm theo số hiệu, ví dụ “71/2020/NĐ-CP”.</li>
        ${filtered ? `<li><a href="${h(url(params, { ...Object.fromEntries(FACETS.map((f) => [f.key, []])), from: undefined, to: undefined, offset: 0 }))}">Bỏ các bộ lọc</a> và tìm lại.</li>` : ''}
      </ul>
      <h2 class="small">Hoặc thử</h2>${examples()}
    </div>`, { q: params.q });
  }
  const from = params.offset + 1;
  const to = params.offset + result.hits.length;
  const side = facets(result, params);
  return layout(title, `${notices}<div class="layout${side ? '' : ' single'}">
    <section class="results" aria-labelledby="kq">
      <h1 id="kq" class="visually-hidden">Kết quả tìm kiếm</h1>
      <div class="summary"><p role="status">${from}–${to} trong <strong>${result.total}</strong> văn bản (${result.totalPassages} đoạn khớp)</p>${sortLinks}
      ${side ? '<a class="to-filters" href="#bo-loc">Bộ lọc ↓</a>' : ''}</div>
      ${chips(params)}
      <ol class="hits">${hitList(result, params.q)}</ol>
      ${pager(params, result.total)}
    </section>
    ${side}
  </div>`, { q: params.q });
}

function formatDate(iso: string): string {
  const m = iso.match(/^(\d{4})-(\d{2})-(\d{2})/);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

export interface DocumentPageData {
  stored: StoredDocument;
  q?: string;
  citedBy: CitingPassage[];
  citedByTotal: number;
  statusHint?: string;
  /** The document's outgoing references resolved against the corpus (in the side panel). */
  outgoing: ResolvedReference[];
  /** Typed relations in both directions ("Lược đồ"), grouped like vbpl.vn. */
  relations?: RelationGroup[];
}

/** The "Lược đồ" panel: one list per relation group, each item linking to the other document (or its id) with its evidence passage. */
function relationsPanel(groups: RelationGroup[]): string {
  if (!groups.length) return '<p class="muted">Chưa có quan hệ nào với văn bản khác trong kho.</p>';
  return groups.map((g) => {
    const items = g.items.slice(0, 50).map((it) => {
      const label = h(it.document?.number ?? it.number ?? it.canonical);
      const target = it.document ? `<a href="${h(docLink(it.document.id))}" title="${h(it.document.title)}">${label}</a>`
        : `<a href="/r/${h(encodeURIComponent(it.canonical))}">${label}</a> <small class="muted">chưa có trong kho</small>`;
      const ev = `<a class="evidence" href="${h(docLink(it.evidence.docId, it.evidence.anchor))}" title="${h(it.evidence.text)}">${h(it.evidence.headingPath || 'đoạn dẫn chiếu')}</a>`;
      return `<li>${target} <small>· ${ev}</small></li>`;
    }).join('');
    return `<h3 class="rel-group" data-key="${h(g.key)}">${h(g.label)} (${g.items.length})</h3><ul class="links">${items}</ul>`;
  }).join('');
}

/** Table of contents: each distinct heading (up to three levels deep) once, linking to its first passage. */
function tableOfContents(passages: StoredDocument['passages']): string {
  const seen = new Set<string>();
  const items: string[] = [];
  for (const p of passages) {
    if (items.length >= 400) break;
    if (!p.headingPath || p.anchor === 'header') continue;
    const parts = p.headingPath.split(' › ').slice(0, 3);
    for (let depth = 1; depth <= parts.length; depth++) {
      const key = parts.slice(0, depth).join(' › ');
      if (seen.has(key)) continue;
      seen.add(key);
      items.push(`<li class="l${depth}"><a href="#${h(encodeURIComponent(p.anchor))}">${h(parts[depth - 1])}</a></li>`);
      if (items.length >= 400) break;
    }
  }
  return items.length >= 2 ? `<ul>${items.join('')}</ul>` : '';
}

/** Spans lying wholly inside [from, to), moved to offsets relative to `from`. */
function sliceSpans<T extends { start: number; end: number }>(spans: T[], from: number, to: number): T[] {
  return spans.filter((x) => x.start >= from && x.end <= to).map((x) => ({ ...x, start: x.start - from, end: x.end - from }));
}

/**
 * One source of a document, for its page: the link (or the file's name), its format, and for text read
 * by OCR the mean word confidence (a document read from several files lists each, the shown text first).
 */
function sourceHtml(x: DocumentPageData['stored']['document']['source']): string {
  const url = safeUrl(x.url);
  const name = url ? `<a href="${h(url)}" rel="noopener noreferrer nofollow">${h(url)}</a>` : h(x.url ?? x.path?.split(/[\\/]/).pop() ?? '');
  const ocr = x.ocr ? `, OCR: độ tin cậy ${Math.round(x.ocr.confidence)}% (${x.ocr.pages.length} trang)` : '';
  return `${name} <span class="format">(${h(x.format.toUpperCase())}${h(ocr)})</span>`;
}

export function renderDocumentPage(data: DocumentPageData): string {
  const { document: d, passages } = data.stored;
  const pq = data.q ? parseQuery(data.q) : null;
  const source = safeUrl(d.source.url);
  const rows: [string, string | undefined][] = [
    ['Loại văn bản', kindLabel(d.kind)], ['Số ký hiệu', d.number], ['Cơ quan ban hành', [d.issuer, d.parentIssuer && `(${d.parentIssuer})`].filter(Boolean).join(' ') || undefined],
    ['Nơi ban hành', d.place], ['Ngày ban hành', d.issuedAt && formatDate(d.issuedAt)],
    ['Người ký', [d.signerTitle, d.signer].filter(Boolean).join(' ') || undefined], ['Tình trạng', d.status],
  ];
  const meta = rows.filter(([, v]) => v).map(([k, v]) => `<dt>${h(k)}</dt><dd>${h(v!)}</dd>`).join('')
    + (d.sources?.length || d.source.ocr ? `<dt>Nguồn</dt><dd><ul class="sources">${(d.sources?.length ? d.sources : [d.source]).map((x) => `<li>${sourceHtml(x)}</li>`).join('')}</ul></dd>`
      : source ? `<dt>Nguồn</dt><dd><a href="${h(source)}" rel="noopener noreferrer nofollow">${h(source)}</a></dd>`
      // A file path is shown by its name only: the server's folders are nobody's business.
      : d.source.url || d.source.path ? `<dt>Nguồn</dt><dd>${h(d.source.url ?? d.source.path!.split(/[\\/]/).pop()!)}</dd>` : '');
  const toc = tableOfContents(passages);
  const body = passages.map((p) => {
    const links: LinkSpan[] = (p.refs ?? []).filter((r) => !r.self).map((r) => ({ start: r.start, end: r.end, href: refLink(r), ref: r.canonical, title: r.number ?? r.raw }));
    const marks = pq ? highlightSpans(p.text, pq) : [];
    if (!p.headingPath || p.anchor === 'header') {
      return `<section class="passage${p.anchor === 'header' ? ' header' : ''}" id="${h(p.anchor)}"><p>${renderText(p.text, links, marks)}</p></section>`;
    }
    // The heading's last part is usually the passage's first line: show it once, as the heading (with its links and marks).
    const parts = p.headingPath.split(' › ');
    const last = parts[parts.length - 1];
    let cut = !/(…|\.\.\.)$/.test(last) && p.text.startsWith(last) ? last.length : 0;
    while (cut && cut < p.text.length && /[.:;]/.test(p.text[cut])) cut++;
    const parent = cut ? parts.slice(0, -1).join(' › ') : '';
    const title = cut ? renderText(p.text.slice(0, cut), sliceSpans(links, 0, cut), sliceSpans(marks, 0, cut)) : h(p.headingPath);
    const rest = p.text.slice(cut).replace(/^\s+/, '');
    const restAt = p.text.length - rest.length;
    const permalink = `<a class="permalink" href="#${h(encodeURIComponent(p.anchor))}" aria-label="Liên kết đến đoạn: ${h(p.headingPath)}">¶</a>`;
    // Anchors of nodes whose intro rides in this passage ("dieu-3" with "dieu-3-khoan-1") land here too.
    const aliases = (p.aliases ?? []).map((a) => `<span class="alias" id="${h(a)}"></span>`).join('');
    return `<section class="passage" id="${h(p.anchor)}">${aliases}<h2>${parent ? `<span class="parent">${h(parent)} ›</span> ` : ''}${title} ${permalink}</h2>`
      + (rest ? `<p>${renderText(rest, sliceSpans(links, restAt, p.text.length), sliceSpans(marks, restAt, p.text.length))}</p>` : '') + '</section>';
  }).join('\n');
  const relBadge = (r: Reference) => (r.relation && r.relation !== 'mention' ? ` <span class="badge rel">${h(RELATION_LABELS[r.relation] ?? r.relation)}</span>` : '');
  const outgoing = data.outgoing.map(({ reference: r, status, documents, citedElsewhere }) => {
    const label = h(r.number ?? r.raw);
    if (status === 404) {
      // Not in the corpus: its parsed form, how often others cite it, and a search for the documents that cite it.
      const elsewhere = citedElsewhere ? `${citedElsewhere} chỗ khác dẫn chiếu · ` : '';
      return `<li><span class="unresolved">${label}</span>${relBadge(r)} <small class="muted">chưa có trong kho · ${elsewhere}<a href="/?q=${encodeURIComponent(r.number ?? r.raw)}">tìm văn bản dẫn chiếu</a></small></li>`;
    }
    const title = status === 200 && documents[0] ? ` title="${h(documents[0].title)}"` : '';
    return `<li><a href="${h(refLink(r))}"${title}>${label}</a>${relBadge(r)}${status === 300 && documents.length ? ` <small class="muted">(${documents.length} văn bản trùng số)</small>` : ''}</li>`;
  }).join('');
  const citedBy = data.citedBy.map((c) => `<li><a href="${h(docLink(c.docId, c.anchor))}">${h(c.document.number ?? c.document.title)}</a>
    ${relBadge(c.reference)}
    ${c.headingPath ? `<span class="heading-path">${h(c.headingPath)}</span>` : ''}<small>${h(c.context)}</small></li>`).join('');
  const back = data.q ? `<a href="${h(url({ q: data.q, limit: 10, offset: 0 }, {}))}">‹ Kết quả cho “${h(data.q)}”</a>` : '<a href="/">‹ Trang chủ</a>';
  return layout(d.title, `<nav class="crumbs" aria-label="Điều hướng">${back}</nav>
  <div class="cols">
  <article class="doc" aria-labelledby="doc-title">
    <h1 id="doc-title">${h(d.title)}</h1>
    ${data.statusHint ? `<p class="status-hint" role="note">${h(data.statusHint)}</p>` : ''}
    <dl class="docmeta">${meta}</dl>
    ${toc ? `<details class="toc-mobile"><summary>Mục lục</summary><nav aria-label="Mục lục (thu gọn)">${toc}</nav></details>` : ''}
    <div class="doc-body">${body}</div>
  </article>
  <aside class="side" aria-label="Mục lục và liên kết">
    ${toc ? `<nav class="toc" aria-labelledby="toc-h"><h2 id="toc-h">Mục lục</h2>${toc}</nav>` : ''}
    <section aria-labelledby="rel-h" class="relations"><h2 id="rel-h">Lược đồ</h2>${relationsPanel(data.relations ?? [])}</section>
    <section aria-labelledby="refs-h"><h2 id="refs-h">Văn bản được dẫn chiếu</h2>${outgoing ? `<ul class="links">${outgoing}</ul>` : '<p class="muted">Không có.</p>'}</section>
    <section aria-labelledby="cited-h"><h2 id="cited-h">Được dẫn chiếu bởi (${data.citedByTotal})</h2>${citedBy ? `<ul class="links cited">${citedBy}</ul>` : '<p class="muted">Chưa có văn bản nào trong kho dẫn chiếu văn bản này.</p>'}</section>
  </aside></div>`, { q: data.q, wide: true });
}

/** /r/{id} for a document the corpus lacks but cites: who cites it (and who amends, replaces or repeals it). */
export function renderCitedOnlyPage(canonical: string, items: CitingPassage[], total: number, hint?: string): string {
  const list = items.map((c) => `<li><a href="${h(docLink(c.docId, c.anchor))}">${h(c.document.number ?? c.document.title)}</a>${c.reference.relation && c.reference.relation !== 'mention' ? ` <span class="badge rel">${h(RELATION_LABELS[c.reference.relation] ?? c.reference.relation)}</span>` : ''}
    ${c.headingPath ? `<span class="heading-path">${h(c.headingPath)}</span>` : ''}<small>${h(c.context)}</small></li>`).join('');
  return layout(canonical, `<article class="doc"><h1>${h(canonical)}</h1>
    <p class="muted" role="note">Văn bản này chưa có trong kho dữ liệu; ${total} đoạn văn bản trong kho dẫn chiếu nó.</p>
    ${hint ? `<p class="status-hint" role="note">${h(hint)}</p>` : ''}
    <section aria-labelledby="cited-h"><h2 id="cited-h">Được dẫn chiếu bởi (${total})</h2><ul class="links cited">${list}</ul></section></article>`, {});
}

export function renderMessagePage(title: string, message: string, q?: string): string {
  return layout(title, `<div class="empty" role="status"><h1>${h(title)}</h1><p>${h(message)}</p><p><a href="/">Về trang chủ</a></p></div>`, { q });
}

export function renderCandidatesPage(written: string, candidates: { id: string; title: string; number?: string; issuedAt?: string }[]): string {
  const items = candidates.map((c) => `<li><a href="${h(docLink(c.id))}">${h(c.number ?? c.id)}</a> – ${h(c.title)}${c.issuedAt ? ` (${h(formatDate(c.issuedAt))})` : ''}</li>`).join('');
  return layout(`${written} – nhiều văn bản`, `<div class="empty"><h1>“${h(written)}” có thể là một trong các văn bản sau</h1><ul class="links">${items}</ul></div>`);
}

/** /widget-demo: the embed snippet for portals and a live widget (same origin, public search). */
export function renderWidgetDemoPage(opts: { base: string; publicSearch: boolean }): string {
  const snippet = `<script src="${opts.base}/widget.js" data-key="KHÓA-CỦA-CỔNG" defer></script>\n<policy-search></policy-search>`;
  return layout('Tiện ích tìm kiếm cho cổng thông tin', `<article class="prose">
  <h1>Tiện ích tìm kiếm cho cổng thông tin</h1>
  <p>Dán đoạn mã sau vào trang của Sở/Phòng GD&amp;ĐT. Khóa truy cập (<code>data-key</code>) do quản trị hệ thống cấp, gắn với tên miền của cổng và phạm vi văn bản được tìm.</p>
  <pre class="code"><code>${h(snippet)}</code></pre>
  <p>Tùy chọn: <code>data-lang="en"</code> (tiếng Anh), <code>data-theme="dark"</code> hoặc <code>"auto"</code>, <code>data-limit="6"</code>; màu sắc qua biến CSS <code>--ps-accent</code>, <code>--ps-bg</code>, <code>--ps-fg</code>… Tiện ích chạy được trên trang có chính sách CSP chặt: chỉ cần cho phép <code>script-src</code> và <code>connect-src</code> tới máy chủ này.</p>
  <h2>Dùng thử</h2>
  ${opts.publicSearch ? '<p>Nhấn vào ô dưới đây, hoặc bấm <kbd>Ctrl</kbd> + <kbd>K</kbd> hay <kbd>/</kbd>.</p><div class="demo"><policy-search data-lang="vi"></policy-search></div>'
    : '<p class="empty">Máy chủ này tắt tìm kiếm công khai: tiện ích chỉ hoạt động với khóa truy cập.</p>'}
  </article>`, { scripts: opts.publicSearch ? ['/widget.js'] : [] });
}
