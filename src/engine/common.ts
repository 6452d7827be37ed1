/** Small helpers every engine shares (pure): document summaries, years, facet lists, request bounds. */
import { parseQuery, type ParsedQuery } from '../query/query.js';
import type { DocumentSummary, FacetCount, SearchRequest } from './types.js';

/** A query of this many clauses or more that matches nothing with every word is retried matching any word. */
export const RELAX_MIN_CLAUSES = 3;

/**
 * A query of this many clauses (syllables, mostly) or more is "long" (a question, a pasted sentence; about
 * 5 Vietnamese words): it is matched with any of its words over a wide candidate set and re-ranked
 * (coverage, proximity), not required word by word.
 */
export const LONG_MIN_CLAUSES = 8;

/**
 * Matching any word (a relaxed or long query), a clause found in more passages than this is common and
 * left out of the match when rarer ones exist (like a stop word); at most ANY_MAX_CLAUSES of the rarest
 * are matched. The sqlite engine's defaults (its `commonRows` option, sqlite/plan.ts), the Meilisearch
 * engine's relaxed() choice.
 */
export const COMMON_CLAUSE_PASSAGES = 5000;
export const ANY_MAX_CLAUSES = 8;

/** A query clause as shown to the user ("stem", "giáo dục"): its words as typed, lower case. */
export function clauseLabel(c: { tokens: { exact: string }[] }): string {
  return c.tokens.map((t) => t.exact).join(' ');
}

/** "2020-09-04" → 2020. */
export function yearOf(iso?: string): number | undefined {
  const m = iso ? /^(\d{4})/.exec(iso) : null;
  return m ? Number(m[1]) : undefined;
}

/** The summary of a document (or of a record carrying its metadata, keyed by `docId` or `id`); absent fields are left out. */
export function summaryOf(x: { id?: string; docId?: string; kind: string; title: string; number?: string; refId?: string; issuer?: string; issuedAt?: string; url?: string; status?: unknown; facets?: { status?: string } }): DocumentSummary {
  const s: DocumentSummary = { id: (x.docId ?? x.id)!, kind: x.kind, title: x.title };
  // the derived status facet (kinds/facets.ts): sqlite keeps facet values in `facets`, Meilisearch under the key
  const st = x.facets?.status ?? x.status;
  if (st === 'amended' || st === 'replaced' || st === 'repealed') s.status = st;
  if (x.number != null) s.number = x.number;
  if (x.refId != null) s.refId = x.refId;
  if (x.issuer != null) s.issuer = x.issuer;
  if (x.issuedAt != null) s.issuedAt = x.issuedAt;
  if (x.url != null) s.url = x.url;
  return s;
}

/** Facet counts, most frequent first, then by value. */
export function facetList(counts: Iterable<[string, number]>): FacetCount[] {
  return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

/** A request number bounded to [min, max] (integer part; `def` when absent or not finite). */
export function clamp(n: number | undefined, def: number, min: number, max: number): number {
  if (n === undefined || !Number.isFinite(n)) return def;
  return Math.min(Math.max(Math.trunc(n), min), max);
}

/** The request's parsed query: the one the caller passed (`parsed`), else `q` parsed here (parse once per request). */
export function requestQuery(req: Pick<SearchRequest, 'q' | 'prefix' | 'ranking' | 'parsed'>): ParsedQuery {
  return req.parsed ?? parseQuery(req.q, { prefix: req.prefix, abbreviations: req.ranking !== 'plain' });
}
