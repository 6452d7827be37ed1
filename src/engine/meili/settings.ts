/**
 * Meilisearch index layout and settings for policy-search.
 *
 * Four indexes per prefix (default prefix "policy"):
 * - `{prefix}_passages`: one record per passage, with its document's metadata denormalised onto it
 *   (kind, issuer, year, issuedAt, title, number, refId, url) so one search can match, filter,
 *   facet and group. Searchable fields are *folded* copies (src/text/fold: lower case, no marks,
 *   đ→d) of title > headingPath > number > text; the original text is stored for display only.
 *   Folding ourselves makes matching identical to the sqlite engine and independent of which
 *   charabia normalisers (e.g. its Vietnamese đ→d one) the server version ships.
 * - `{prefix}_documents`: one record per document (the full DocumentRecord as JSON), for
 *   getDocument, findByRefId/findByRefPrefix, stats.byKind and allDocuments.
 * - `{prefix}_refs`: one record per (non-self) reference occurrence, so citing() can page and count
 *   exactly (a passage may cite the same id twice) and stats.references is an index count.
 * - `{prefix}_sources`: ingest state per source file.
 *
 * Grouping (index.ts search()): one window of the best passages, grouped by document in the adapter (exact
 * counts when it holds every match, estimates flagged totalIsEstimate otherwise); `distinct: "docId"` only
 * when the window holds too few documents; a document's further passages from a query of its own (`ordinal NOT IN`).
 *
 * Tokens: Meilisearch's default separators already split "71/2020/NĐ-CP" into 71 · 2020 · nd · cp
 * and "GD&ĐT" into gd · dt, exactly as src/query/query.ts tokenises the user's input, so
 * "71/2020" (sent as the phrase "71 2020") and "NĐ-CP" (nd cp) match it. We therefore do NOT add
 * "/", "-" or "&" to nonSeparatorTokens (that would glue "71/2020/nd-cp" into one token and break
 * the partial queries); nor any separator (the defaults split typographic dashes; records.ts searchCopy). Abbreviations, glued or
 * not (gddt, gd dt, giao duc va dao tao), go through index-side keys (records.ts, "Abbreviations").
 */
import { FACETS } from '../../kinds/facets.js';
import type { Settings } from 'meilisearch';
import { ABBREVIATION_KEYS } from './records.js';

/** Searched fields, in ranking order; `aliasF` holds abbreviation keys (records.ts, "Abbreviations"). */
export const PASSAGE_SEARCHABLE = ['titleF', 'headingF', 'numberF', 'textF', 'aliasF'] as const;

/**
 * Every searched field is (folded) Vietnamese: saying so skips Meilisearch's per-field language detection at
 * indexing (measured on 5k passages: ~30% of the indexing time) and pins the tokenizer to the same pipeline
 * whatever a field's words look like. Queries are then tokenized for the locales of the fields they search.
 */
export const LOCALIZED: Settings['localizedAttributes'] = [{ attributePatterns: ['*'], locales: ['vie'] }];

export const PASSAGES_SETTINGS: Settings = {
  searchableAttributes: [...PASSAGE_SEARCHABLE],
  localizedAttributes: LOCALIZED,
  // every facet of the registry (src/kinds/facets.ts) is a filterable attribute of its own name
  // only what filters use: every filterable attribute costs indexing work
  filterableAttributes: [...new Set(['docId', ...FACETS.map((f) => f.key), 'issuedDay', 'rev', 'ordinal'])],
  sortableAttributes: ['issuedDay', 'ordinal'],
  // "sort" first: sort=date is a strict date order; without a sort parameter the rule is inert.
  rankingRules: ['sort', 'words', 'typo', 'proximity', 'attribute', 'exactness'],
  // Abbreviations go through index-side keys, not synonyms (which match at most 3 query words).
  synonyms: {},
  stopWords: [],
  typoTolerance: {
    enabled: true,
    // Folded Vietnamese syllables are ≤ 7 letters and many differ by one letter (nguoi/nguon):
    // typos only on long (loan or compound) tokens.
    minWordSizeForTypos: { oneTypo: 8, twoTypos: 12 },
    disableOnAttributes: ['numberF', 'aliasF'],
    disableOnWords: ABBREVIATION_KEYS,
    disableOnNumbers: true,
  },
  // Meilisearch's default separators already split on "–", "—", "‐" and "…" (the non-breaking hyphen "‑" is
  // written "-" in the searchable copies, records.ts searchCopy). A custom list made word and proximity
  // extraction 2–3× slower (measured on 12k passages, same minutes: 11.3 s and 17.3 s → 8.2 s and 5.4 s).
  separatorTokens: [],
  nonSeparatorTokens: [],
  dictionary: [],
  faceting: { maxValuesPerFacet: 500, sortFacetValuesBy: { '*': 'count' } },
  pagination: { maxTotalHits: 100_000 },
  // the adapter never calls facet search: do not build its index
  facetSearch: false,
};

export const DOCUMENTS_SETTINGS: Settings = {
  searchableAttributes: ['titleF'],
  localizedAttributes: LOCALIZED,
  filterableAttributes: ['id', 'kind', 'refId', 'refIdPrefixes'],
  sortableAttributes: ['issuedDay'],
  faceting: { maxValuesPerFacet: 500, sortFacetValuesBy: { '*': 'count' } },
  pagination: { maxTotalHits: 1_000_000 },
  facetSearch: false,
};

export const REFS_SETTINGS: Settings = {
  searchableAttributes: ['canonical'],
  filterableAttributes: ['canonical', 'canonicalPrefixes', 'docId', 'rev'],
  sortableAttributes: ['issuedDay', 'docId', 'ordinal', 'start'],
  pagination: { maxTotalHits: 1_000_000 },
  facetSearch: false,
};

export const SOURCES_SETTINGS: Settings = {
  searchableAttributes: ['path'],
  filterableAttributes: ['path'],
  facetSearch: false,
};

/** Settings whose array order matters; other arrays (filterable, sortable, …) compare as sets. */
const ORDERED = new Set(['searchableAttributes', 'rankingRules']);

/**
 * True when `actual` (GET /settings) already holds every value of `desired`. Objects compare as
 * subsets (Meilisearch returns defaults for keys we do not set), arrays as sets except the ordered
 * ones, synonyms value lists as sets. When in doubt it answers false: the caller then just PATCHes.
 */
export function settingsMatch(desired: Settings, actual: Settings | null | undefined): boolean {
  if (!actual) return false;
  const same = (d: unknown, a: unknown, key: string): boolean => {
    if (Array.isArray(d)) {
      if (!Array.isArray(a) || a.length !== d.length) return false;
      if (ORDERED.has(key)) return d.every((x, i) => same(x, a[i], ''));
      const as = a.map((x) => JSON.stringify(x)).sort();
      return d.map((x) => JSON.stringify(x)).sort().every((x, i) => x === as[i]);
    }
    if (d && typeof d === 'object') {
      if (!a || typeof a !== 'object') return false;
      const ao = a as Record<string, unknown>;
      if (key === 'synonyms' && Object.keys(ao).length !== Object.keys(d).length) return false;
      return Object.entries(d as Record<string, unknown>).every(([k, v]) => same(v, ao[k], key === 'synonyms' ? 'synonym' : k));
    }
    return d === a;
  };
  return Object.entries(desired).every(([k, v]) => same(v, (actual as Record<string, unknown>)[k], k));
}

export type IndexKind = 'passages' | 'documents' | 'refs' | 'sources';
export const INDEX_KINDS: IndexKind[] = ['passages', 'documents', 'refs', 'sources'];
export const SETTINGS: Record<IndexKind, Settings> = {
  passages: PASSAGES_SETTINGS,
  documents: DOCUMENTS_SETTINGS,
  refs: REFS_SETTINGS,
  sources: SOURCES_SETTINGS,
};

/** "policy" or "policy_" → "policy_passages"; "" → "passages". */
export function indexUid(prefix: string, kind: IndexKind): string {
  return `${prefix}${prefix && !prefix.endsWith('_') ? '_' : ''}${kind}`;
}

/** Where a zero-downtime reindex builds the next generation: "policy_" → "policy__next". */
export function stagingPrefix(prefix: string): string {
  return `${prefix.replace(/_+$/, '')}__next`;
}
