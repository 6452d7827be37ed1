import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bestRows, type DocAgg } from '../../src/engine/sqlite/plan.js';

/** The naive reference: every row, sorted by rank then rowid, the first n. */
function naive(groups: Map<number, DocAgg>, n: number): [number, number, number][] {
  const all: [number, number, number][] = [];
  for (const g of groups.values()) for (const [rowid, rank] of g.rows) all.push([rowid, rank, g.doc]);
  return all.sort((a, b) => a[1] - b[1] || a[0] - b[0]).slice(0, n);
}

describe('bestRows (the rows re-ranked)', () => {
  it('equals sorting every row and keeping n, ties on rank included', () => {
    // ranks from a small set of values, so ties at the cut are common
    const rows = fc.array(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.constantFrom(-3.5, -2, -2, -1.25, -1, -0.5, 0)), { maxLength: 80 });
    fc.assert(fc.property(rows, fc.integer({ min: 1, max: 40 }), (list, n) => {
      const groups = new Map<number, DocAgg>();
      list.forEach(([doc, rank], rowid) => {
        const g = groups.get(doc) ?? { doc, best: rank, n: 0, rows: [] };
        g.rows.push([rowid, rank]);
        g.n++;
        g.best = Math.min(g.best, rank);
        groups.set(doc, g);
      });
      expect(bestRows(groups, n)).toEqual(naive(groups, n));
    }), { numRuns: 500 });
  });
});
