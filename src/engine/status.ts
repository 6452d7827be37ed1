/**
 * The status a document's incoming relations imply (amended, replaced, repealed) and keeping it on the stored
 * record, where the `status` facet (kinds/facets.ts) reads it on both engines. It uses only the SearchEngine
 * contract: after documents are written, refreshDerivedStatus(engine, ids) recomputes the status of the
 * documents with those canonical ids and rewrites the ones whose status changed.
 *
 *   deriveStatus([{reference: {relation: 'thay-the'}, document: tt-05-2024}]) → {status: 'replaced', by: [tt-05-2024]}
 */
import type { DocumentRecord } from '../docs/model.js';
import type { Reference } from '../refs/model.js';
import type { DocumentSummary, SearchEngine } from './types.js';

export type DerivedStatus = 'replaced' | 'repealed' | 'amended';
/** The relations that change a document's force, strongest first. */
export const STATUS_RELATIONS = [['thay-the', 'replaced'], ['bai-bo', 'repealed'], ['sua-doi', 'amended']] as const;

/** What incoming relations say about a document's force: replaced or repealed outranks amended; `by` newest first. */
export function deriveStatus(citedBy: { reference: Reference; document: DocumentSummary }[]): { status: DerivedStatus; by: DocumentSummary[] } | undefined {
  for (const [rel, status] of STATUS_RELATIONS) {
    const seen = new Map<string, DocumentSummary>();
    for (const c of citedBy) if (c.reference.relation === rel && !seen.has(c.document.id)) seen.set(c.document.id, c.document);
    if (seen.size) return { status, by: [...seen.values()].sort((a, b) => (b.issuedAt ?? '').localeCompare(a.issuedAt ?? '')) };
  }
  return undefined;
}

/** Canonical ids whose status a written document may change: what it amends/replaces/repeals, and its own. */
export function statusTargets(doc: DocumentRecord): string[] {
  const out = new Set<string>();
  if (doc.refId) out.add(doc.refId);
  for (const r of doc.refs ?? []) if (!r.self && STATUS_RELATIONS.some(([rel]) => rel === r.relation)) out.add(r.canonical);
  return [...out];
}

/** Recompute and store the derived status of the documents with these canonical ids; returns how many changed. */
export async function refreshDerivedStatus(engine: SearchEngine, refIds: Iterable<string>): Promise<number> {
  const ids = [...new Set(refIds)].filter(Boolean);
  if (!ids.length) return 0;
  const found = await engine.findByRefIds(ids);
  let changed = 0;
  for (const id of ids) {
    const docs = (found.get(id) ?? []).filter((d) => d.refId === id);
    if (!docs.length) continue;
    const citing = await engine.citing(id, { limit: 500 });
    const st = deriveStatus(citing.items.filter((c) => c.document.refId !== id));
    const next = st ? { status: st.status, by: st.by.slice(0, 20).map((d) => ({ id: d.id, number: d.number, issuedAt: d.issuedAt })) } : undefined;
    for (const d of docs) {
      const stored = await engine.getDocument(d.id);
      if (!stored) continue;
      if (JSON.stringify(stored.document.derivedStatus) === JSON.stringify(next)) continue;
      const document = { ...stored.document };
      if (next) document.derivedStatus = next; else delete document.derivedStatus;
      await engine.upsert(document, stored.passages);
      changed++;
    }
  }
  return changed;
}
