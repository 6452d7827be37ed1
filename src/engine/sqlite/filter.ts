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

/** Per facet: each document's value as a small integer (-1: none) and the values by integer, built once per RowMap. */
export interface FacetIndex { ids: Int32Array[]; values: string[][] }

export function facetIndex(docList: DocMeta[]): FacetIndex {
  const ids: Int32Array[] = [];
  const values: string[][] = [];
  for (const e of ENTRIES) {
    const byValue = new Map<string, number>();
    const list: string[] = [];
    const col = new Int32Array(docList.length).fill(-1);
    docList.forEach((d, i) => {
      const v = d.facets[e.key as FacetKey];
      if (v === undefined) return;
      const key = String(v);
      let id = byValue.get(key);
      if (id === undefined) { id = list.length; list.push(key); byValue.set(key, id); }
      col[i] = id;
    });
    ids.push(col);
    values.push(list);
  }
  return { ids, values };
}

/**
 * facetsOf for documents given by index into docList, counted in typed arrays (the same lists: a long
 * query's answer spans 10–30k documents, where counting values in maps cost several ms).
 */
export function facetsOfDocs(ix: FacetIndex, docs: Iterable<number>): SearchResult['facets'] {
  const counts = ix.values.map((v) => new Int32Array(v.length));
  const n = ix.ids.length;
  for (const d of docs) {
    for (let k = 0; k < n; k++) { const id = ix.ids[k][d]; if (id >= 0) counts[k][id]++; }
  }
  const out = {} as SearchResult['facets'];
  ENTRIES.forEach((e, k) => {
    const m = new Map<string, number>();
    counts[k].forEach((c, id) => { if (c) m.set(ix.values[k][id], c); });
    out[e.key as FacetKey] = facetList(m);
  });
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
