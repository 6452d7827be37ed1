/**
 * The sqlite engine's filter builder and facet counter, fed by the facet registry (src/kinds/facets.ts):
 * filters are tested in memory on each document's metadata (views.ts), before any passage is read.
 */
import { FACETS, facetFilter, type FacetEntry, type FacetKey } from '../../kinds/facets.js';
import { facetList } from '../common.js';
import type { FacetCount, SearchFilters, SearchResult } from '../types.js';
import type { DocMeta } from './views.js';

const ENTRIES = FACETS as readonly FacetEntry[];

/** A predicate on document metadata for these filters, or null when nothing is filtered. */
export function docFilter(f: SearchFilters | undefined): ((d: DocMeta) => boolean) | null {
  if (!f) return null;
  const facets: [FacetKey, Set<string | number>][] = [];
  for (const e of ENTRIES) {
    const values = facetFilter(f, e.key as FacetKey);
    if (values) facets.push([e.key as FacetKey, new Set(values)]);
  }
  const ids = f.docIds ? new Set(f.docIds) : null;
  const prefixes = f.docIdPrefix ?? null;
  if (!facets.length && !ids && !prefixes && !f.dateFrom && !f.dateTo) return null;
  return (d) => facets.every(([key, set]) => { const v = d.facets[key]; return v !== undefined && set.has(v); })
    && (!ids || ids.has(d.id))
    && (!prefixes || prefixes.some((p) => d.id.startsWith(p)))
    && (!f.dateFrom || (d.issuedAt !== undefined && d.issuedAt >= f.dateFrom))
    // dateTo "2021" or "2021-03" covers that whole year or month (as Meilisearch's buildFilter does)
    && (!f.dateTo || (d.issuedAt !== undefined && d.issuedAt.slice(0, f.dateTo.length) <= f.dateTo));
}

/** Documents per value of every facet (values as strings), most frequent first. */
export function facetsOf(metas: DocMeta[]): SearchResult['facets'] {
  const out = {} as SearchResult['facets'];
  for (const e of ENTRIES) {
    const m = new Map<string, number>();
    for (const d of metas) {
      const v = d.facets[e.key as FacetKey];
      if (v !== undefined) m.set(String(v), (m.get(String(v)) ?? 0) + 1);
    }
    out[e.key as FacetKey] = facetList(m);
  }
  return out;
}

/** Every facet's counts scaled by a factor (estimates from a sample), each at least 1. */
export function scaleFacets(f: SearchResult['facets'], scale: number): SearchResult['facets'] {
  const out = {} as SearchResult['facets'];
  for (const key of Object.keys(f) as FacetKey[]) {
    out[key] = f[key].map((c: FacetCount) => ({ value: c.value, count: Math.max(1, Math.round(c.count * scale)) }));
  }
  return out;
}
