import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocumentRecord, PassageRecord } from '../../src/docs/model.js';
import { BM25_WEIGHTS, buildMatch, SqliteEngine } from '../../src/engine/sqlite/index.js';
import { bestRows, matchExhaustive, scoreRows, type DocAgg } from '../../src/engine/sqlite/plan.js';
import { parseQuery } from '../../src/query/query.js';

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

describe('scoreRows (bm25 of some rows only)', () => {
  // Words of very different frequencies (the first in every passage, the last in few), with and without marks,
  // so the expressions hold common and rare words, exact-accent phrases and pairs.
  const VOCAB = ['quy', 'định', 'học', 'sinh', 'giáo', 'dục', 'thầu', 'thấu', 'góp', 'ý', 'báo', 'bưu', 'điện', 'sống'];
  const engine = new SqliteEngine({ file: ':memory:', checkpointMs: 0 });
  const rnd = (() => { let a = 7; return () => { a = (a * 1103515245 + 12345) % 2147483648; return a / 2147483648; }; })();
  const docs = Array.from({ length: 30 }, (_, i) => {
    const id = `d${i}`;
    const document = DocumentRecord.parse({ id, kind: 'công văn', title: `Văn bản ${VOCAB[i % VOCAB.length]} số ${i}`, source: { format: 'txt' } });
    const passages = Array.from({ length: 1 + (i % 7) }, (_, j) => {
      const words = Array.from({ length: 3 + Math.floor(rnd() * 25) }, (_, k) => VOCAB[Math.floor(VOCAB.length * rnd() ** (1 + (k % 3)))]);
      return PassageRecord.parse({ id: `${id}:p${j}`, docId: id, ordinal: j, headingPath: `Điều ${j + 1}`, anchor: `dieu-${j + 1}`, text: words.join(' '), refs: [] });
    });
    return { document, passages };
  });
  beforeAll(async () => { await engine.init(); await engine.upsertMany(docs); });
  afterAll(async () => { await engine.close(); });

  it('gives each row the score bm25 gives it when every matching row is scored', () => {
    const query = fc.array(fc.constantFrom(...VOCAB), { minLength: 1, maxLength: 4 });
    fc.assert(fc.property(query, fc.constantFrom<'all' | 'any'>('all', 'any'), fc.array(fc.boolean(), { minLength: 250, maxLength: 250 }), (words, mode, pickRow) => {
      const match = buildMatch(parseQuery(words.join(' ')), mode);
      if (!match) return;
      const all = engine.stmt(`SELECT rowid, bm25(passages_fts, ${BM25_WEIGHTS.join(', ')}) FROM passages_fts WHERE passages_fts MATCH ?`).raw().all(match) as [number, number][];
      const subset = all.map((r) => r[0]).filter((r) => pickRow[r % pickRow.length]);
      const chosen = new Set(subset);
      expect(scoreRows(engine, match, subset)).toEqual(all.filter(([r]) => chosen.has(r)));
      // grouped by document, as the engine ranks them
      const naive = new Map<number, DocAgg>();
      const { rowDoc } = engine.rows();
      for (const [rowid, rank] of all) {
        if (!chosen.has(rowid)) continue;
        const g = naive.get(rowDoc[rowid]) ?? { doc: rowDoc[rowid], best: rank, n: 0, rows: [] };
        g.n++; g.best = Math.min(g.best, rank); g.rows.push([rowid, rank]);
        naive.set(g.doc, g);
      }
      expect(matchExhaustive(engine, match, () => true, subset, true)).toEqual(naive);
      expect(matchExhaustive(engine, match, () => true, subset, false)).toEqual(naive);
    }), { numRuns: 200 });
  });
});
