/**
 * reindex(from, to): copy + count check, in place (sqlite → sqlite) and through staging + swap
 * (the orchestration used with Meilisearch, exercised here with a staging-capable wrapper over
 * in-memory sqlite engines), and the same copy into every engine, a real Meilisearch included (there
 * it goes through staging indexes and a real swap-indexes task).
 */
import { describe, expect, it } from 'vitest';
import { reindex, canStage, type ReindexProgress } from '../../src/engine/reindex.js';
import type { SearchEngine } from '../../src/engine/types.js';
import { createSqliteEngine } from '../../src/engine/sqlite/index.js';
import { FIXTURES } from './fixtures.js';
import { engineFactories, meiliSkipNotice, type EngineFactory } from './engines.js';

async function filled(): Promise<SearchEngine> {
  const e = createSqliteEngine({ file: ':memory:', checkpointMs: 0 });
  await e.init();
  for (const f of FIXTURES) await e.upsert(f.document, f.passages);
  await e.setSource({ path: 'corpus/a.txt', sha256: 'aa', docIds: [FIXTURES[0].document.id] });
  return e;
}

function empty(): SearchEngine {
  return createSqliteEngine({ file: ':memory:', checkpointMs: 0 });
}

/** A live engine that stages into a second engine and "swaps" by delegating to it afterwards. */
function stagingWrapper(live: SearchEngine, failSwap = false) {
  let current = live;
  const staged: SearchEngine[] = [];
  const wrapper = new Proxy({} as SearchEngine & { createStaging(): Promise<SearchEngine & { dropIndexes(): Promise<void> }>; swapIn(s: SearchEngine): Promise<void> }, {
    get(_t, prop) {
      if (prop === 'createStaging') {
        return async () => {
          const s = empty() as SearchEngine & { dropIndexes(): Promise<void> };
          await s.init();
          s.dropIndexes = async () => { staged.splice(staged.indexOf(s), 1); };
          staged.push(s);
          return s;
        };
      }
      if (prop === 'swapIn') return async (s: SearchEngine) => { if (failSwap) throw new Error('swap refused'); current = s; };
      const v = Reflect.get(current, prop);
      return typeof v === 'function' ? v.bind(current) : v;
    },
  });
  return { wrapper, staged, get current() { return current; } };
}

describe('reindex', () => {
  const expected = { documents: FIXTURES.length, passages: FIXTURES.reduce((n, f) => n + f.passages.length, 0) };

  it('copies every document, passage and source, and reports progress', async () => {
    const from = await filled();
    const to = empty();
    const seen: ReindexProgress[] = [];
    const r = await reindex(from, to, { progress: (p) => seen.push(p), concurrency: 3 });
    expect(r).toEqual(expected);
    expect(await to.stats()).toMatchObject({ ...expected, references: (await from.stats()).references });
    expect(await to.getSources()).toEqual(await from.getSources());
    expect(await to.getDocument(FIXTURES[2].document.id)).toEqual(await from.getDocument(FIXTURES[2].document.id));
    expect(seen.at(-1)).toEqual({ ...expected, phase: 'done' });
    expect(seen.some((p) => p.phase === 'check')).toBe(true);
  });

  it('targets without upsertMany get one upsert per document; batch targets get batches', async () => {
    const from = await filled();
    const inner = empty();
    let singles = 0;
    const plain = new Proxy(inner, {
      get(t, prop) {
        if (prop === 'upsertMany') return undefined;
        if (prop === 'upsert') return (...a: Parameters<SearchEngine['upsert']>) => { singles++; return t.upsert(...a); };
        const v = Reflect.get(t, prop);
        return typeof v === 'function' ? v.bind(t) : v;
      },
    });
    expect(await reindex(from, plain)).toEqual(expected);
    expect(singles).toBe(expected.documents);

    const batched = empty() as SearchEngine & { upsertMany(items: unknown[]): Promise<void> };
    await batched.init();
    const sizes: number[] = [];
    const orig = batched.upsertMany.bind(batched);
    batched.upsertMany = async (items) => { sizes.push(items.length); await orig(items as never); };
    expect(await reindex(from, batched, { batchSize: 3 })).toEqual(expected);
    const n = expected.documents;
    expect(sizes).toEqual([...Array(Math.floor(n / 3)).fill(3), ...(n % 3 ? [n % 3] : [])]);
  });

  it('fails the count check when the target holds documents the source does not', async () => {
    const from = await filled();
    const to = empty();
    await to.init();
    await to.upsert({ ...FIXTURES[0].document, id: 'stray' }, []);
    await expect(reindex(from, to)).rejects.toThrow(/count check failed/);
  });

  it('with a staging-capable target: fills the staging engine, checks, then swaps', async () => {
    const from = await filled();
    const live = empty();
    await live.init();
    await live.upsert({ ...FIXTURES[0].document, id: 'old-generation' }, []);
    const w = stagingWrapper(live);
    expect(canStage(w.wrapper)).toBe(true);
    const r = await reindex(from, w.wrapper);
    expect(r).toEqual(expected);
    expect(w.current).not.toBe(live);
    expect(await w.wrapper.getDocument('old-generation')).toBeNull();
    expect((await w.wrapper.stats()).documents).toBe(expected.documents);
  });

  it('a failed swap leaves the live engine untouched and drops the staging indexes', async () => {
    const from = await filled();
    const live = empty();
    await live.init();
    await live.upsert({ ...FIXTURES[0].document, id: 'old-generation' }, []);
    const w = stagingWrapper(live, true);
    await expect(reindex(from, w.wrapper)).rejects.toThrow(/swap refused/);
    expect(w.current).toBe(live);
    expect((await live.stats()).documents).toBe(1);
    expect(w.staged).toEqual([]);
  });
});

// The same copy into every engine the conformance suite knows (Meilisearch: staging indexes and a real swap-indexes task).
meiliSkipNotice();
describe.each(engineFactories().map((f) => [f.name, f] as [string, EngineFactory]))('reindex from sqlite into %s', (_name, factory) => {
  it('copies everything, twice (the second run replaces the first), with exact counts', async () => {
    const from = await filled();
    const { engine: to, cleanup } = await factory.create('reindex');
    try {
      const expected = { documents: FIXTURES.length, passages: FIXTURES.reduce((n, f) => n + f.passages.length, 0) };
      expect(await reindex(from, to)).toEqual(expected);
      expect(await to.stats()).toMatchObject(expected);
      // small batches: more writes than Meilisearch's bulk mode keeps pending (back-pressure path)
      expect(await reindex(from, to, { batchSize: 1 })).toEqual(expected);
      expect(await to.stats()).toMatchObject({ ...expected, references: (await from.stats()).references });
      expect(await to.getDocument(FIXTURES[1].document.id)).toEqual(await from.getDocument(FIXTURES[1].document.id));
      expect((await to.search({ q: 'dao tao' })).total).toBe((await from.search({ q: 'dao tao' })).total);
      expect(await to.getSources()).toEqual(await from.getSources());
    } finally {
      await cleanup();
    }
  }, 120_000);
});
