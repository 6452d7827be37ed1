/** Server-rendered pages (pure: data in, HTML out). No inline scripts or styles (strict CSP). */
import { escapeHtml as h } from '../engine/html.js';
import type { SearchResult, StoredDocument, CitingPassage, FacetCount } from '../engine/types.js';
import type { Reference } from '../docs/model.js';
import { parseQuery } from '../search/query.js';
import { highlightSpans } from '../search/highlight.js';
import { renderText, type LinkSpan } from './render.js';

export const KIND_LABELS: Record<string, string> = {};

function layout(title: string, body: string, opts: { q?: string } = {}): string {
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(title)}</title>
<link rel="stylesheet" href="/assets/style.css">
</head>
<body>
<a class="visually-hidden" href="#main">Bỏ qua đến nội dung chính</a>
<header class="site" role="banner"><a class="brand" href="/">Tra cứu văn bản giáo dục</a></header>
<main id="main">
<form class="search" action="/" method="get" role="search">
  <label class="visually-hidden" for="q">Tìm kiếm văn bản</label>
  <input type="search" id="q" name="q" value="${h(opts.q ?? '')}" placeholder="Ví dụ: đánh giá học sinh THCS, nd 71/2020, Công văn 3414/BGDĐT-GDTrH" autocomplete="off">
  <button type="submit">Tìm</button>
</form>
${body}
</main>
</body>
</html>`;
}

export interface SearchPageParams {
  q: string;
  kind?: string[];
  issuer?: string[];
  year?: number[];
  sort?: string;
  limit: number;
  offset: number;
}

function url(params: SearchPageParams, change: Partial<SearchPageParams>): string {
  const p = { ...params, ...change };
  const u = new URLSearchParams();
  if (p.q) u.set('q', p.q);
  for (const k of p.kind ?? []) u.append('kind', k);
  for (const k of p.issuer ?? []) u.append('issuer', k);
  for (const k of p.year ?? []) u.append('year', String(k));
  if (p.sort && p.sort !== 'relevance') u.set('sort', p.sort);
  if (p.offset) u.set('offset', String(p.offset));
  return `/?${u.toString()}`;
}

function facetList(label: string, name: 'kind' | 'issuer' | 'year', counts: FacetCount[], params: SearchPageParams): string {
  if (!counts.length) return '';
  const active = new Set((params[name] ?? []).map(String));
  const items = counts.slice(0, 12).map((c) => {
    const on = active.has(c.value);
    const next = on ? [...active].filter((v) => v !== c.value) : [...active, c.value];
    const change = { [name]: name === 'year' ? next.map(Number) : next, offset: 0 } as Partial<SearchPageParams>;
    return `<li><a href="${h(url(params, change))}"${on ? ' class="active" aria-current="true"' : ''}>${h(c.value)}</a> <span class="count">(${c.count})</span></li>`;
  }).join('');
  return `<h2>${h(label)}</h2><ul>${items}</ul>`;
}

export function renderSearchPage(params: SearchPageParams, result: SearchResult | null, error?: string): string {
  const title = params.q ? `${params.q} – Tra cứu văn bản` : 'Tra cứu văn bản giáo dục';
  if (error) return layout(title, `<div class="error" role="alert">${h(error)}</div>`, { q: params.q });
  if (!result) {
    return layout(title, `<p class="summary">Tìm trong thông tư, nghị định, công văn, thông báo… Gõ có dấu hoặc không dấu, hoặc số hiệu văn bản.</p>`, { q: params.q });
  }
  const facets = `<aside class="facets" aria-label="Bộ lọc">
    ${facetList('Loại văn bản', 'kind', result.facets.kind, params)}
    ${facetList('Cơ quan ban hành', 'issuer', result.facets.issuer, params)}
    ${facetList('Năm', 'year', result.facets.year, params)}
  </aside>`;
  const sortLinks = `<span>Sắp xếp: ${params.sort === 'date'
    ? `<a href="${h(url(params, { sort: 'relevance', offset: 0 }))}">liên quan</a> · <strong>mới nhất</strong>`
    : `<strong>liên quan</strong> · <a href="${h(url(params, { sort: 'date', offset: 0 }))}">mới nhất</a>`}</span>`;
  if (!result.total) {
    return layout(title, `<div class="layout">${facets}<section><p class="summary" role="status">Không tìm thấy văn bản nào cho “${h(params.q)}”.</p>
      <div class="empty">Gợi ý: kiểm tra chính tả, bỏ bớt từ, hoặc thử số hiệu văn bản (ví dụ “71/2020/NĐ-CP”).</div></section></div>`, { q: params.q });
  }
  const hits = result.hits.map((hit) => {
    const d = hit.document;
    const passages = hit.passages.map((p) => `<li>${p.headingPath ? `<span class="heading-path">${h(p.headingPath)}</span>` : ''}
      <a href="/d/${encodeURIComponent(d.id)}?q=${encodeURIComponent(params.q)}#${encodeURIComponent(p.anchor)}">${p.snippet}</a></li>`).join('');
    return `<li class="hit"><h3><a href="/d/${encodeURIComponent(d.id)}?q=${encodeURIComponent(params.q)}">${h(d.title || d.number || d.id)}</a></h3>
      <div class="meta"><span class="badge">${h(d.kind)}</span>${d.number ? `<span>Số: ${h(d.number)}</span>` : ''}${d.issuer ? `<span>${h(d.issuer)}</span>` : ''}${d.issuedAt ? `<span>Ngày ${h(formatDate(d.issuedAt))}</span>` : ''}</div>
      <ul class="passages">${passages}</ul></li>`;
  }).join('');
  const from = params.offset + 1;
  const to = params.offset + result.hits.length;
  const pager = `<nav class="pager" aria-label="Phân trang">${params.offset > 0 ? `<a href="${h(url(params, { offset: Math.max(0, params.offset - params.limit) }))}" rel="prev">← Trang trước</a>` : ''}
    ${to < result.total ? `<a href="${h(url(params, { offset: params.offset + params.limit }))}" rel="next">Trang sau →</a>` : ''}</nav>`;
  return layout(title, `<div class="layout">${facets}<section aria-label="Kết quả">
    <p class="summary" role="status">${from}–${to} trong ${result.total} văn bản (${result.totalPassages} đoạn khớp). ${sortLinks}</p>
    <ol class="hits">${hits}</ol>${pager}</section></div>`, { q: params.q });
}

export function formatDate(iso: string): string {
  const m = iso.match(/^(\d{4})-(\d{2})-(\d{2})/);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

export interface DocumentPageData {
  stored: StoredDocument;
  q?: string;
  citedBy: CitingPassage[];
  citedByTotal: number;
  /** Link for a reference (a resolved document page, or a reference lookup page). */
  refLink: (r: Reference) => string;
  statusHint?: string;
}

export function renderDocumentPage(data: DocumentPageData): string {
  const { document: d, passages } = data.stored;
  const pq = data.q ? parseQuery(data.q) : null;
  const rows: [string, string | undefined][] = [
    ['Loại văn bản', d.kind], ['Số ký hiệu', d.number], ['Cơ quan ban hành', [d.issuer, d.parentIssuer && `(${d.parentIssuer})`].filter(Boolean).join(' ')],
    ['Nơi ban hành', d.place], ['Ngày ban hành', d.issuedAt && formatDate(d.issuedAt)],
    ['Người ký', [d.signerTitle, d.signer].filter(Boolean).join(' ') || undefined], ['Tình trạng', d.status],
    ['Nguồn', d.source.url ? `<a href="${h(d.source.url)}" rel="noopener">${h(d.source.url)}</a>` : d.source.path],
  ];
  const meta = rows.filter(([, v]) => v).map(([k, v]) => `<dt>${h(k)}</dt><dd>${k === 'Nguồn' && d.source.url ? v : h(v!)}</dd>`).join('');
  const toc = passages.filter((p) => p.headingPath).slice(0, 300).map((p) => `<li><a href="#${encodeURIComponent(p.anchor)}">${h(p.headingPath.split(' › ').pop()!)}</a></li>`).join('');
  const body = passages.map((p) => {
    const links: LinkSpan[] = (p.refs ?? []).filter((r) => !r.self).map((r) => ({ start: r.start, end: r.end, href: data.refLink(r), ref: r.canonical, title: r.number ?? r.raw }));
    const marks = pq ? highlightSpans(p.text, pq) : [];
    return `<section class="passage" id="${h(p.anchor)}">${p.headingPath ? `<h2>${h(p.headingPath)}<a class="permalink" href="#${encodeURIComponent(p.anchor)}" aria-label="Liên kết đến đoạn này">¶</a></h2>` : ''}<p>${renderText(p.text, links, marks)}</p></section>`;
  }).join('\n');
  const outgoing = dedupe(d.refs ?? []).map((r) => `<li><a href="${h(data.refLink(r))}">${h(r.number ?? r.raw)}</a>${r.relation && r.relation !== 'mention' ? ` <span class="badge">${h(RELATION_LABELS[r.relation] ?? r.relation)}</span>` : ''}</li>`).join('');
  const citedBy = data.citedBy.map((c) => `<li><a href="/d/${encodeURIComponent(c.docId)}#${encodeURIComponent(c.anchor)}">${h(c.document.number ?? c.document.title)}</a>
    ${c.reference.relation !== 'mention' ? `<span class="badge">${h(RELATION_LABELS[c.reference.relation] ?? c.reference.relation)}</span>` : ''}<br><small>${h(c.context)}</small></li>`).join('');
  return layout(d.title, `<div class="cols"><article class="doc">
    <h1>${h(d.title)}</h1>
    ${data.statusHint ? `<p class="status-hint" role="note">${h(data.statusHint)}</p>` : ''}
    <dl class="docmeta">${meta}</dl>
    ${body}
  </article>
  <aside class="side">
    ${toc ? `<nav class="toc" aria-label="Mục lục"><h2>Mục lục</h2><ul>${toc}</ul></nav>` : ''}
    <h2>Văn bản được dẫn chiếu</h2>${outgoing ? `<ul>${outgoing}</ul>` : '<p>Không có.</p>'}
    <h2>Được dẫn chiếu bởi (${data.citedByTotal})</h2>${citedBy ? `<ul>${citedBy}</ul>` : '<p>Chưa có văn bản nào trong kho dẫn chiếu văn bản này.</p>'}
  </aside></div>`, { q: data.q });
}

export const RELATION_LABELS: Record<string, string> = {
  'can-cu': 'căn cứ', 'sua-doi': 'sửa đổi, bổ sung', 'thay-the': 'thay thế', 'bai-bo': 'bãi bỏ',
  'huong-dan': 'hướng dẫn', 'quy-dinh-chi-tiet': 'quy định chi tiết', mention: 'dẫn chiếu',
};

function dedupe(refs: Reference[]): Reference[] {
  const seen = new Set<string>();
  return refs.filter((r) => !r.self && !seen.has(r.canonical) && seen.add(r.canonical));
}

export function renderMessagePage(title: string, message: string, q?: string): string {
  return layout(title, `<div class="empty" role="status"><h1>${h(title)}</h1><p>${h(message)}</p></div>`, { q });
}

export function renderCandidatesPage(written: string, candidates: { id: string; title: string; number?: string; issuedAt?: string }[]): string {
  const items = candidates.map((c) => `<li><a href="/d/${encodeURIComponent(c.id)}">${h(c.number ?? c.id)}</a> – ${h(c.title)}${c.issuedAt ? ` (${h(formatDate(c.issuedAt))})` : ''}</li>`).join('');
  return layout(`${written} – nhiều văn bản`, `<h1>“${h(written)}” có thể là một trong các văn bản sau</h1><ul>${items}</ul>`);
}

/** /widget-demo: the embed snippet for portals and a live widget (same origin, public search). */
export function renderWidgetDemoPage(opts: { base: string; publicSearch: boolean }): string {
  const snippet = `<script src="${opts.base}/widget.js" data-key="KHÓA-CỦA-CỔNG" defer></script>\n<policy-search></policy-search>`;
  return layout('Tiện ích tìm kiếm cho cổng thông tin', `<article class="prose">
  <h1>Tiện ích tìm kiếm cho cổng thông tin</h1>
  <p>Dán đoạn mã sau vào trang của Sở/Phòng GD&amp;ĐT. Khóa truy cập (<code>data-key</code>) do quản trị hệ thống cấp, gắn với tên miền của cổng và phạm vi văn bản được tìm.</p>
  <pre class="code"><code>${h(snippet)}</code></pre>
  <p>Tùy chọn: <code>data-lang="en"</code> (tiếng Anh), <code>data-theme="dark"</code> hoặc <code>"auto"</code>, <code>data-limit="6"</code>; màu sắc qua biến CSS <code>--ps-accent</code>, <code>--ps-bg</code>, <code>--ps-fg</code>…</p>
  <h2>Dùng thử</h2>
  ${opts.publicSearch ? '<p>Nhấn vào ô dưới đây, hoặc bấm <kbd>Ctrl</kbd> + <kbd>K</kbd> hay <kbd>/</kbd>.</p><div class="demo"><policy-search data-lang="vi"></policy-search></div><script src="/widget.js" defer></script>'
    : '<p class="empty">Máy chủ này tắt tìm kiếm công khai: tiện ích chỉ hoạt động với khóa truy cập.</p>'}
  </article>`);
}
