/**
 * Portal scopes (tenancy): what a portal key may see, applied to searches and document reads.
 * Pure except citingInScope, which reads through the engine.
 *
 *   applyScope({issuer: ['A', 'B']}, {issuer: ['A']}) → {issuer: ['A']}   (a caller narrows a scope, never widens it)
 *   inScope({id, kind: 'thông tư', issuer: 'A'}, {issuer: ['B']})   → false
 */
import type { CitingPassage, SearchEngine, SearchFilters } from '../engine/types.js';
import { canonicalIssuer } from '../kinds/issuers.js';

export interface Scope {
  kind?: string[];
  issuer?: string[];
  docIdPrefix?: string[];
}

/**
 * Intersect the caller's filters with a key's scope: the caller may narrow a scope, never widen it.
 * An empty intersection yields `docIds: []` (matches nothing).
 */
export function applyScope(filters: SearchFilters, scope?: Scope): SearchFilters {
  // issuers are compared by their canonical names (src/kinds/issuers.ts): "Sở GD&ĐT Sơn La" = "Sở Giáo dục và Đào tạo Sơn La"
  if (filters.issuer?.length) filters = { ...filters, issuer: filters.issuer.map(canonicalIssuer) };
  if (!scope) return filters;
  scope = canonicalScope(scope);
  const out: SearchFilters = { ...filters };
  let empty = false;
  for (const field of ['kind', 'issuer'] as const) {
    const allowed = scope[field];
    if (!allowed?.length) continue;
    const asked = filters[field];
    const kept = asked?.length ? asked.filter((v) => allowed.includes(v)) : [...allowed];
    if (!kept.length) empty = true;
    out[field] = kept;
  }
  if (scope.docIdPrefix?.length) {
    const asked = filters.docIdPrefix;
    out.docIdPrefix = asked?.length
      ? asked.filter((p) => scope.docIdPrefix!.some((s) => p.startsWith(s)))
      : [...scope.docIdPrefix];
    if (!out.docIdPrefix.length) empty = true;
  }
  if (empty) out.docIds = [];
  return out;
}

/** Whether a document (summary or record) is visible through this scope. */
export function inScope(doc: { id: string; kind: string; issuer?: string }, scope?: Scope): boolean {
  if (!scope) return true;
  scope = canonicalScope(scope);
  if (scope.kind?.length && !scope.kind.includes(doc.kind)) return false;
  if (scope.issuer?.length && (doc.issuer === undefined || !scope.issuer.includes(canonicalIssuer(doc.issuer)))) return false;
  if (scope.docIdPrefix?.length && !scope.docIdPrefix.some((p) => doc.id.startsWith(p))) return false;
  return true;
}

const CANONICAL = new WeakMap<Scope, Scope>();
/** The scope with its issuers by canonical name (memoised per scope object: keys live as long as the config). */
function canonicalScope(scope: Scope): Scope {
  if (!scope.issuer?.length) return scope;
  let c = CANONICAL.get(scope);
  if (!c) { c = { ...scope, issuer: scope.issuer.map(canonicalIssuer) }; CANONICAL.set(scope, c); CANONICAL.set(c, c); }
  return c;
}

/** The largest citing list the engines return in one call (SearchEngine.citing caps limit at 500). */
const CITING_MAX = 500;

/**
 * Passages citing `refId` that a key's scope may see, with a total that counts only those (it never
 * reveals how many out-of-scope documents cite it) and paging over the visible ones. Without a scope
 * this is engine.citing itself; with one, up to the engines' 500 citations are read and filtered.
 */
export async function citingInScope(engine: SearchEngine, refId: string | undefined, scope: Scope | undefined,
  page: { limit: number; offset?: number }): Promise<{ total: number; items: CitingPassage[] }> {
  if (!refId) return { total: 0, items: [] };
  const offset = page.offset ?? 0;
  if (!scope) return engine.citing(refId, { limit: page.limit, offset });
  const visible = (await engine.citing(refId, { limit: CITING_MAX })).items.filter((c) => inScope(c.document, scope));
  return { total: visible.length, items: visible.slice(offset, offset + page.limit) };
}
