/**
 * The engines the conformance suite (and every other both-engine test) runs against.
 * - sqlite: always (an in-memory database per test group).
 * - meilisearch: the real server of tests/setup/meili-server.ts (the pinned 1.21 binary started for
 *   the run, or MEILI_HOST/MEILI_API_KEY when set). Each test group gets its own index prefix and
 *   drops its indexes afterwards. When no server could be started, the Meilisearch cases are skipped
 *   and meiliSkipNotice() registers a skipped test whose name says why (never silently).
 */
import { randomBytes } from 'node:crypto';
import { inject, it } from 'vitest';
import type { SearchEngine } from '../../src/engine/types.js';
import { createSqliteEngine } from '../../src/engine/sqlite/index.js';
import { createMeiliEngine, type MeiliEngine } from '../../src/engine/meili/index.js';

export interface EngineInstance { engine: SearchEngine; cleanup(): Promise<void> }
export interface EngineFactory {
  name: string;
  create(label: string): Promise<EngineInstance>;
}

const provided = inject('meili');
/** The Meilisearch the tests use, or undefined (then MEILI_SKIP says why). */
export const MEILI_HOST = provided?.host;
export const MEILI_API_KEY = provided?.apiKey;
export const MEILI_SKIP = provided?.host ? undefined : (provided?.skip ?? 'no Meilisearch server (tests/setup/meili-server.ts did not run)');

const RUN = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
let seq = 0;

/** A unique index prefix for one test group on the shared server. */
export function meiliPrefix(label: string): string {
  return `t_${RUN}_${label.replace(/[^A-Za-z0-9_-]/g, '_')}_${++seq}`;
}

export const sqliteFactory: EngineFactory = {
  name: 'sqlite',
  async create() {
    const engine = createSqliteEngine({ file: ':memory:', checkpointMs: 0 });
    await engine.init();
    return { engine, cleanup: () => engine.close() };
  },
};

/** A Meilisearch engine on fresh indexes of the test server (init() done), and its cleanup. */
export async function createTestMeili(label: string, host = MEILI_HOST!, apiKey = MEILI_API_KEY): Promise<{ engine: MeiliEngine; cleanup(): Promise<void> }> {
  const engine = createMeiliEngine({ host, apiKey, indexPrefix: meiliPrefix(label), timeoutMs: 20_000, taskTimeoutMs: 120_000, pollIntervalMs: 10 });
  const cleanup = async () => { try { await engine.dropIndexes(); } finally { await engine.close(); } };
  try {
    await engine.init();
  } catch (e) {
    await cleanup().catch(() => undefined);
    throw e;
  }
  return { engine, cleanup };
}

export const meiliFactory = (host: string, apiKey?: string): EngineFactory => ({
  name: 'meilisearch',
  create: (label: string) => createTestMeili(label, host, apiKey),
});

export function engineFactories(): EngineFactory[] {
  const list = [sqliteFactory];
  if (MEILI_HOST) list.push(meiliFactory(MEILI_HOST, MEILI_API_KEY));
  return list;
}

/** Call at the top of a both-engine test file: a skipped test named with the reason when Meilisearch is absent. */
export function meiliSkipNotice(): void {
  if (!MEILI_SKIP) return;
  console.warn(`[meilisearch] cases skipped: ${MEILI_SKIP}`);
  it.skip(`meilisearch cases skipped: ${MEILI_SKIP}`, () => undefined);
}

// ---------------------------------------------------------------------------------------------
// API tests over both engines. An API test module gets its engine from testEngine(); it runs on
// sqlite by itself, and on Meilisearch when a wrapper file (tests/api/*.meili.test.ts) selects
// Meilisearch and then imports it (vitest isolates test files, so the selection stays in the wrapper).

const SELECTED = Symbol.for('policy-search:test-engine');
type EngineName = 'sqlite' | 'meilisearch';

export function selectEngine(name: EngineName): void {
  (globalThis as Record<symbol, unknown>)[SELECTED] = name;
}

export function selectedEngine(): EngineName {
  return ((globalThis as Record<symbol, unknown>)[SELECTED] as EngineName | undefined) ?? 'sqlite';
}

/** The engine for an API test module (init() done): in-memory sqlite, or fresh indexes on the test Meilisearch when selected. */
export async function testEngine(label: string): Promise<EngineInstance & { name: EngineName }> {
  if (selectedEngine() === 'meilisearch') {
    if (!MEILI_HOST) throw new Error(`meilisearch selected but unavailable: ${MEILI_SKIP}`);
    return { ...(await createTestMeili(label)), name: 'meilisearch' };
  }
  const { engine, cleanup } = await sqliteFactory.create(label);
  return { engine, cleanup, name: 'sqlite' };
}

/** Body of a tests/api/*.meili.test.ts wrapper: run the given module against Meilisearch (or a skipped test saying why). */
export async function runOnMeili(load: () => Promise<unknown>): Promise<void> {
  meiliSkipNotice();
  if (!MEILI_HOST) return;
  selectEngine('meilisearch');
  await load();
}
