/**
 * Relations between documents, as vbpl.vn and thuvienphapluat.vn show them on every document ("Lược đồ"):
 * typed, in both directions, derived from the references and their relation cues, each with the citing
 * passage as evidence; and the status a document's incoming relations imply (amended, replaced, repealed).
 *
 *   relationGroups(stored, outgoing, citedBy) → [{key: 'can-cu:out', label: 'Văn bản căn cứ', items: [...]}, …]
 *   derivedStatus(citedBy) → {status: 'amended', by: [{number: '311/2025/NĐ-CP', issuedAt: '2025-11-26', …}]}
 *   statusHint(citedBy)    → "Có văn bản sửa đổi, bổ sung: 311/2025/NĐ-CP (26/11/2025)."
 */
import type { Reference, Relation } from '../refs/model.js';
import type { CitingPassage, DocumentSummary, StoredDocument } from '../engine/types.js';
import type { ResolvedReference } from './search.js';
import { contextAround } from '../engine/html.js';

export const RELATION_LABELS: Record<string, string> = {
  'can-cu': 'căn cứ', 'sua-doi': 'sửa đổi, bổ sung', 'thay-the': 'thay thế', 'bai-bo': 'bãi bỏ',
  'huong-dan': 'hướng dẫn', 'quy-dinh-chi-tiet': 'quy định chi tiết', 'hop-nhat': 'hợp nhất', mention: 'dẫn chiếu',
};

/** The groups of the panel, in vbpl.vn's order: what this document does to others (out) and what others do to it (in). */
const GROUPS: { relation: Relation | 'hop-nhat'; out: string; in: string }[] = [
  { relation: 'can-cu', out: 'Văn bản căn cứ', in: 'Văn bản được ban hành căn cứ vào văn bản này' },
  { relation: 'quy-dinh-chi-tiet', out: 'Văn bản được quy định chi tiết', in: 'Văn bản quy định chi tiết' },
  { relation: 'huong-dan', out: 'Văn bản được hướng dẫn', in: 'Văn bản hướng dẫn' },
  { relation: 'sua-doi', out: 'Văn bản bị sửa đổi, bổ sung', in: 'Văn bản sửa đổi, bổ sung' },
  { relation: 'thay-the', out: 'Văn bản bị thay thế', in: 'Văn bản thay thế' },
  { relation: 'bai-bo', out: 'Văn bản bị bãi bỏ', in: 'Văn bản bãi bỏ' },
  { relation: 'hop-nhat', out: 'Văn bản được hợp nhất', in: 'Văn bản hợp nhất' },
  { relation: 'mention', out: 'Văn bản dẫn chiếu', in: 'Văn bản được dẫn chiếu bởi' },
];
/** When one document cites another several times, the strongest cue names the relation. */
const STRENGTH: (Relation | 'hop-nhat')[] = ['thay-the', 'bai-bo', 'sua-doi', 'hop-nhat', 'quy-dinh-chi-tiet', 'huong-dan', 'can-cu', 'mention'];

export interface RelationEvidence { docId: string; anchor: string; headingPath: string; text: string }
export interface RelationItem {
  /** The other document when the corpus holds it (one of the candidates when several share the number). */
  document?: DocumentSummary;
  canonical: string;
  number?: string;
  /** 200 in the corpus, 300 several candidates, 404 cited but absent */
  status: 200 | 300 | 404;
  evidence: RelationEvidence;
}
export interface RelationGroup { key: string; relation: string; direction: 'out' | 'in'; label: string; items: RelationItem[] }

/** The passage text around a reference, for evidence: the same excerpt as the engines' "cited by" context. */
const around = (text: string, start: number, end: number) => contextAround(text, start, end, 90).replace(/\s+/g, ' ').trim();
const relOf = (r: Reference, kind?: string): Relation | 'hop-nhat' => (r.family === 'consolidated' || kind === 'văn bản hợp nhất' ? 'hop-nhat' : r.relation ?? 'mention');
const stronger = (a: Relation | 'hop-nhat', b: Relation | 'hop-nhat') => (STRENGTH.indexOf(a) <= STRENGTH.indexOf(b) ? a : b);

/**
 * The relations panel of a document: outgoing from its passages' references (resolved against the corpus),
 * incoming from the passages citing it. Empty groups are left out.
 */
export function relationGroups(stored: StoredDocument, outgoing: ResolvedReference[], citedBy: CitingPassage[]): RelationGroup[] {
  const resolved = new Map(outgoing.map((o) => [o.reference.canonical, o]));
  // outgoing: per cited id, the strongest relation over every passage, with the first passage using it as evidence
  const out = new Map<string, { relation: Relation | 'hop-nhat'; ref: Reference; evidence: RelationEvidence }>();
  for (const p of stored.passages) {
    for (const r of p.refs ?? []) {
      if (r.self) continue;
      const rel = relOf(r);
      const prev = out.get(r.canonical);
      if (prev && stronger(prev.relation, rel) === prev.relation) continue;
      out.set(r.canonical, { relation: rel, ref: r, evidence: { docId: stored.document.id, anchor: p.anchor, headingPath: p.headingPath, text: around(p.text, r.start, r.end) } });
    }
  }
  // incoming: per citing document, the strongest relation
  const inc = new Map<string, { relation: Relation | 'hop-nhat'; c: CitingPassage }>();
  for (const c of citedBy) {
    const rel = relOf(c.reference, c.document.kind);
    const prev = inc.get(c.docId);
    if (prev && stronger(prev.relation, rel) === prev.relation) continue;
    inc.set(c.docId, { relation: rel, c });
  }
  const groups: RelationGroup[] = [];
  for (const g of GROUPS) {
    const outItems: RelationItem[] = [...out.values()].filter((o) => o.relation === g.relation).map((o) => {
      const res = resolved.get(o.ref.canonical);
      return { document: res?.documents[0], canonical: o.ref.canonical, number: o.ref.number, status: res?.status ?? 404, evidence: o.evidence };
    });
    if (outItems.length) groups.push({ key: `${g.relation}:out`, relation: g.relation, direction: 'out', label: g.out, items: outItems });
    const inItems: RelationItem[] = [...inc.values()].filter((i) => i.relation === g.relation).map(({ c }) => ({
      document: c.document, canonical: c.document.refId ?? c.docId, number: c.document.number, status: 200 as const,
      evidence: { docId: c.docId, anchor: c.anchor, headingPath: c.headingPath, text: c.context },
    }));
    if (inItems.length) groups.push({ key: `${g.relation}:in`, relation: g.relation, direction: 'in', label: g.in, items: inItems });
  }
  return groups;
}

export { deriveStatus as derivedStatus, type DerivedStatus } from '../engine/status.js';

const dmy = (iso?: string) => (iso && /^\d{4}-\d\d-\d\d/.test(iso) ? ` (${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)})` : '');
/** "Có văn bản sửa đổi, bổ sung: 311/2025/NĐ-CP (26/11/2025)." when other documents amend, replace or repeal this one. */
export function statusHint(citedBy: { reference: Reference; document: DocumentSummary }[]): string | undefined {
  const strong = citedBy.filter((c) => ['sua-doi', 'thay-the', 'bai-bo'].includes(c.reference.relation));
  if (!strong.length) return undefined;
  const byRel = new Map<string, Map<string, string>>();
  for (const c of strong) {
    const m = byRel.get(c.reference.relation) ?? new Map<string, string>();
    m.set(c.document.id, `${c.document.number ?? c.document.title}${dmy(c.document.issuedAt)}`);
    byRel.set(c.reference.relation, m);
  }
  return 'Có văn bản ' + [...byRel].map(([rel, docs]) => `${RELATION_LABELS[rel]}: ${[...docs.values()].join(', ')}`).join('; ') + '.';
}
