/**
 * Relations between documents as the pages and the API show them: labels of the relation cues and the
 * status hint of a document that others amend, replace or repeal.
 *
 *   statusHint([{reference: {relation: 'sua-doi', …}, document: {number: '311/2025/NĐ-CP'}}])
 *     → "Có văn bản sửa đổi, bổ sung: 311/2025/NĐ-CP."
 */
import type { Reference } from '../refs/model.js';

export const RELATION_LABELS: Record<string, string> = {
  'can-cu': 'căn cứ', 'sua-doi': 'sửa đổi, bổ sung', 'thay-the': 'thay thế', 'bai-bo': 'bãi bỏ',
  'huong-dan': 'hướng dẫn', 'quy-dinh-chi-tiet': 'quy định chi tiết', mention: 'dẫn chiếu',
};

/** "Có văn bản sửa đổi/thay thế: …" when other documents amend, replace or repeal this one. */
export function statusHint(citedBy: { reference: Reference; document: { number?: string; title: string } }[]): string | undefined {
  const strong = citedBy.filter((c) => ['sua-doi', 'thay-the', 'bai-bo'].includes(c.reference.relation));
  if (!strong.length) return undefined;
  const byRel = new Map<string, Set<string>>();
  for (const c of strong) {
    const set = byRel.get(c.reference.relation) ?? new Set<string>();
    set.add(c.document.number ?? c.document.title);
    byRel.set(c.reference.relation, set);
  }
  return 'Có văn bản ' + [...byRel].map(([rel, docs]) => `${RELATION_LABELS[rel]}: ${[...docs].join(', ')}`).join('; ') + '.';
}

