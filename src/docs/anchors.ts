/**
 * Which passage a permalink anchor lands on. Anchors name structure nodes ("dieu-5-khoan-2", "chuong-ii", "muc-1-2",
 * "phu-luc-i"); a passage covers one node, or several (a whole Điều that fits the size bound covers its khoản; a short
 * intro rides with its first child and is listed in `aliases`). So a cited "khoản 2 Điều 5" lands on "dieu-5" when
 * Điều 5 is one passage, and a cited "Điều 3" lands on the first passage of Điều 3 when it was split.
 *
 * passageForAnchor(passages, "dieu-5-khoan-2")  // → the passage "dieu-5-khoan-2", else "dieu-5", else …
 *
 * Pure. Letters are compared as the structure parser writes them ("đ" is "dd": "dieu-5-khoan-2-diem-dd").
 */
import type { StructureNode } from './structure.js';

export interface AnchoredPassage { anchor: string; aliases?: string[] }

export function normalizeAnchor(anchor: string): string {
  return anchor.trim().toLowerCase().replace(/đ/g, 'dd').replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
}

/** `structure` (ParsedDocument.structure) lets container anchors ("chuong-ii", "phu-luc-i") land on their first passage. */
export function passageForAnchor<P extends AnchoredPassage>(passages: readonly P[], anchor: string, structure?: readonly StructureNode[]): P | undefined {
  const a = normalizeAnchor(anchor);
  if (!a) return undefined;
  // 1. the passage itself, or one that carries the node's intro
  const exact = passages.find((p) => p.anchor === a) ?? passages.find((p) => p.aliases?.includes(a));
  if (exact) return exact;
  // 2. the passage of an enclosing node ("dieu-5" for "dieu-5-khoan-2"): the longest anchor that is a prefix at a '-' boundary
  let best: P | undefined;
  for (const p of passages) {
    for (const cand of [p.anchor, ...(p.aliases ?? [])]) {
      if (a.startsWith(cand + '-') && (!best || cand.length > best.anchor.length)) best = p;
    }
  }
  if (best) return best;
  // 3. a container: the first passage of its subtree
  if (structure) {
    const node = findNode(structure, a);
    if (node) {
      const inside = new Set<string>();
      const collect = (n: StructureNode) => { inside.add(n.anchor); n.children.forEach(collect); };
      collect(node);
      const hit = passages.find((p) => [p.anchor, ...(p.aliases ?? [])].some((x) => inside.has(x) || [...inside].some((i) => x.startsWith(i + '-'))));
      if (hit) return hit;
    }
  }
  // 4. the first passage inside the node ("dieu-3-khoan-1" for "dieu-3"; "muc-1-1" for "muc-1"), or its first part ("-p2" parts follow)
  return passages.find((p) => p.anchor.startsWith(a + '-') || (p.aliases ?? []).some((x) => x.startsWith(a + '-')));
}

function findNode(nodes: readonly StructureNode[], anchor: string): StructureNode | undefined {
  for (const n of nodes) {
    if (n.anchor === anchor) return n;
    const c = findNode(n.children, anchor);
    if (c) return c;
  }
  return undefined;
}
