/** Result shaping: the passages (with snippets) shown under each document of a page. */
import type { Reference } from '../../docs/model.js';
import { highlightSpans, makeSnippet, SNIPPET_CHARS, type Span } from '../../query/highlight.js';
import type { ParsedQuery } from '../../query/query.js';
import type { PassageHit } from '../types.js';
import type { DocAgg } from './plan.js';
import type { Reader } from './views.js';

interface PassageRow { rowid: number; id: string; anchor: string; heading: string; ordinal: number; text: string; refs: string }

/** The best passages of each page document: rows by rank, those whose own text holds a query word first. */
export function pagePassages(rd: Reader, page: DocAgg[], pq: ParsedQuery, perDoc: number, bySpans = false): Map<number, PassageHit[]> {
  const out = new Map<number, PassageHit[]>();
  const want: [number, number][] = [];
  for (const g of page) {
    g.rows.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
    want.push(...g.rows.slice(0, perDoc * 3));
  }
  if (!want.length) return out;
  const texts = new Map<number, PassageRow>();
  // The rowids as one JSON parameter: one cached statement, whatever their number.
  const rows = rd.stmt(`SELECT rowid, id, anchor, heading, ordinal, text, refs_json AS refs FROM passages WHERE rowid IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(want.map((w) => w[0]))) as PassageRow[];
  for (const r of rows) texts.set(r.rowid, r);
  const rankOf = new Map(want);
  const { rowDoc } = rd.rows();
  const hit = (r: PassageRow, spans: Span[]): PassageHit => ({
    id: r.id, anchor: r.anchor, headingPath: r.heading, ordinal: r.ordinal,
    snippet: makeSnippet(r.text, spans), score: -(rankOf.get(r.rowid) ?? 0), refs: JSON.parse(r.refs) as Reference[],
  });
  if (bySpans) {
    // Unranked rows (bounded path): the passages holding most query words first.
    const cands = want.map(([rowid]) => texts.get(rowid)).filter((r): r is PassageRow => !!r)
      .map((r) => ({ r, spans: highlightSpans(r.text, pq) }));
    cands.sort((a, b) => b.spans.length - a.spans.length);
    for (const { r, spans } of cands) {
      const d = rowDoc[r.rowid];
      const list = out.get(d) ?? [];
      if (list.length >= perDoc || (list.length && !spans.length)) continue;
      list.push(hit(r, spans));
      out.set(d, list);
    }
    return out;
  }
  // Ranked rows: per document, in rank order, those whose own text holds a query word (highlighted only
  // until perDoc are found); none of them: the best row alone.
  for (const g of page) {
    const list: PassageHit[] = [];
    let first: PassageRow | undefined;
    for (const [rowid] of g.rows.slice(0, perDoc * 3)) {
      const r = texts.get(rowid);
      if (!r) continue;
      first ??= r;
      const spans = highlightSpans(r.text, pq);
      if (spans.length) list.push(hit(r, spans));
      if (list.length >= perDoc) break;
    }
    if (!list.length && first) list.push(hit(first, []));
    if (list.length) out.set(g.doc, list);
  }
  return out;
}

/** The first passages of documents listed without a query. */
export function leadPassages(rd: Reader, docIds: string[], perDoc: number): Map<string, PassageHit[]> {
  const out = new Map<string, PassageHit[]>();
  const rows = rd.stmt(`SELECT p.id, p.doc_id AS docId, p.anchor, p.heading, p.ordinal, p.refs_json AS refs, substr(p.text, 1, ${SNIPPET_CHARS + 1}) AS snip
    FROM passages p WHERE p.doc_id IN (SELECT value FROM json_each(?)) AND p.ordinal < ? ORDER BY p.ordinal`).all(JSON.stringify(docIds), perDoc) as { id: string; docId: string; anchor: string; heading: string; ordinal: number; refs: string; snip: string }[];
  for (const r of rows) {
    const list = out.get(r.docId) ?? [];
    if (list.length >= perDoc) continue;
    list.push({ id: r.id, anchor: r.anchor, headingPath: r.heading, ordinal: r.ordinal, snippet: makeSnippet(r.snip, []), score: 0, refs: JSON.parse(r.refs) as Reference[] });
    out.set(r.docId, list);
  }
  return out;
}
