/**
 * The facet registry: one entry per facet a search can filter on and count (the side panel of the
 * search page, `facets` in /api/search). Both engines read it: sqlite stores each document's facet
 * values (documents.facets) and filters/counts them in memory (engine/sqlite/filter.ts); Meilisearch
 * stores them on every passage record under `key`, makes them filterable, and asks for their
 * distribution (engine/meili/records.ts buildFilter, settings.ts). The pages label them from here.
 * Adding a facet is adding one entry here (plus a conformance case in tests/engine/conformance.test.ts).
 *
 *   { key: 'year', label: 'Năm ban hành', type: 'number', of: (d) => year of d.issuedAt }
 *     /api/search?year=2020          → filters.year = [2020]  → documents issued in 2020
 *     result.facets.year             → [{value: '2020', count: 12}, …]   (values are strings in counts)
 */

import { kindLabel } from './kinds.js';
import { canonicalIssuer } from './issuers.js';

/** What a facet value is computed from: a document record (or anything with its metadata fields). */
export interface FacetSource {
  kind: string;
  issuer?: string;
  issuedAt?: string;
  [field: string]: unknown;
}

export interface FacetEntry {
  /** The key in SearchFilters, in SearchResult.facets, in the URL query, and the Meilisearch attribute. */
  key: string;
  /** The side panel's heading. */
  label: string;
  /** 'string': values compared as written; 'number': integers (filters are numbers, counts show them as strings). */
  type: 'string' | 'number';
  /** The document's value (undefined: the document has none and matches no filter on this facet). */
  of(doc: FacetSource): string | number | undefined;
  /** Accepted filter values of a 'number' facet, inclusive (the URL query is validated against it). */
  range?: readonly [number, number];
  /** A value as the pages show it in the facet list (default: as is). */
  show?: (value: string) => string;
  /** A value as an active-filter chip shows it (default: show). */
  chip?: (value: string) => string;
}

/** Values of the derived `status` facet as the pages show them. */
export const STATUS_LABELS: Record<string, string> = { amended: 'Bị sửa đổi, bổ sung', replaced: 'Bị thay thế', repealed: 'Bị bãi bỏ' };

/** "2020-09-04" → 2020. */
function yearOf(iso?: string): number | undefined {
  const m = iso ? /^(\d{4})/.exec(iso) : null;
  return m ? Number(m[1]) : undefined;
}

export const FACETS = [
  { key: 'kind', label: 'Loại văn bản', type: 'string', of: (d: FacetSource) => d.kind, show: kindLabel },
  // by canonical name (issuers.ts), whoever stored the document: "Sở GD&ĐT Sơn La" counts and filters as "Sở Giáo dục và Đào tạo Sơn La"
  { key: 'issuer', label: 'Cơ quan ban hành', type: 'string', of: (d: FacetSource) => (d.issuer ? canonicalIssuer(d.issuer) : undefined) },
  { key: 'year', label: 'Năm ban hành', type: 'number', of: (d: FacetSource) => yearOf(d.issuedAt), range: [1900, 2100], chip: (v: string) => `Năm ${v}` },
  // derived from the corpus (engine/status.ts): another document amends, replaces or repeals this one
  { key: 'status', label: 'Tình trạng (theo văn bản khác)', type: 'string', of: (d: FacetSource) => (d.derivedStatus as { status?: string } | undefined)?.status, show: (v: string) => STATUS_LABELS[v] ?? v },
] as const satisfies readonly FacetEntry[];

export type Facet = (typeof FACETS)[number];
export type FacetKey = Facet['key'];
/** Filter values per facet: numbers for 'number' facets, strings otherwise. */
export type FacetFilters = { [F in Facet as F['key']]?: F['type'] extends 'number' ? number[] : string[] };
/** A document's value per facet. */
export type FacetValues = { [F in Facet as F['key']]?: F['type'] extends 'number' ? number : string };

/** A document's value for every facet (absent values left out). */
export function facetValues(doc: FacetSource): FacetValues {
  const out: Record<string, string | number> = {};
  for (const f of FACETS as readonly FacetEntry[]) {
    const v = f.of(doc);
    if (v !== undefined && v !== null && v !== '') out[f.key] = v;
  }
  return out as FacetValues;
}

/** The active filter values of a facet (undefined or empty: no filter on it). */
export function facetFilter(filters: FacetFilters | undefined, key: FacetKey): (string | number)[] | undefined {
  const v = filters?.[key] as (string | number)[] | undefined;
  return v?.length ? v : undefined;
}

/** An empty count list per facet. */
export function emptyFacetCounts<C>(): Record<FacetKey, C[]> {
  return Object.fromEntries(FACETS.map((f) => [f.key, []])) as unknown as Record<FacetKey, C[]>;
}

/** How the pages show a value of a facet (in the list; `chip` for an active filter). */
export function facetValueLabel(key: FacetKey, value: string | number, chip = false): string {
  const e = (FACETS as readonly FacetEntry[]).find((f) => f.key === key);
  const v = String(value);
  return (chip ? e?.chip ?? e?.show : e?.show)?.(v) ?? v;
}

/** A version of the registry's shape: stored facet values are recomputed when it changes. */
export const FACETS_SIGNATURE = FACETS.map((f) => `${f.key}:${f.type}`).join(',');
