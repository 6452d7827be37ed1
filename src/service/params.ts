/**
 * The search parameters as the API and the pages accept them from a URL query (zod: validation, and
 * the source of /openapi.json's description). `{q: 'nd 71/2020', kind: 'thông tư,nghị định'}` →
 * `{q, kind: ['thông tư', 'nghị định'], limit: 10, offset: 0, sort: 'relevance', passages: 3}`.
 */
import { z } from 'zod';
import { FACETS, type Facet } from '../kinds/facets.js';

const list = z.union([z.string(), z.array(z.string())]).transform((v) =>
  (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean));
const isoDate = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'expected a date YYYY, YYYY-MM or YYYY-MM-DD');
const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** One URL parameter per facet of the registry: a comma/repeat list, numbers checked against the facet's range. */
function facetParam(f: Facet) {
  if (f.type !== 'number') return list.optional();
  const [min, max] = 'range' in f ? f.range : [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER];
  return list.transform((v) => v.map(Number)).pipe(z.array(z.number().int().min(min).max(max))).optional();
}
type FacetParams = { [F in Facet as F['key']]: ReturnType<typeof facetParam> extends infer P ? (F['type'] extends 'number' ? Extract<P, z.ZodOptional<z.ZodPipe<z.ZodType, z.ZodArray<z.ZodNumber>>>> : Extract<P, z.ZodOptional<typeof list>>) : never };
const facetParams = Object.fromEntries(FACETS.map((f) => [f.key, facetParam(f)])) as FacetParams;

export const SearchQuery = z.object({
  q: z.string().max(500, 'q is limited to 500 characters').default(''),
  limit: z.coerce.number().int().min(1).max(50).default(10),
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
  ...facetParams,
  // an empty date field of the page's date form means no bound
  from: z.preprocess((v) => (v === '' ? undefined : v), isoDate.optional()),
  to: z.preprocess((v) => (v === '' ? undefined : v), isoDate.optional()),
  sort: z.enum(['relevance', 'date']).default('relevance'),
  prefix: flag.optional(),
  passages: z.coerce.number().int().min(1).max(10).default(3),
}).strict();
export type SearchQuery = z.infer<typeof SearchQuery>;

