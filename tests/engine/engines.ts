/**
 * The engines the conformance suite runs against.
 * - sqlite: always (an in-memory database per test group).
 * - meilisearch: when MEILI_HOST is set (MEILI_API_KEY if the server has a master key). Each test
 *   group gets its own index prefix and drops its indexes afterwards. When MEILI_HOST is set but the
 *   server does not answer, the meilisearch groups fail (init() throws engine_unavailable) and the
 *   suite has an explicit failing reachability test: it never passes vacuously.
 */
import { randomBytes } from 'node:crypto';
import type { SearchEngine } from '../../src/engine/types.js';
import { createSqliteEngine } from '../../src/engine/sqlite/index.js';
import { createMeiliEngine } from '../../src/engine/meili/index.js';

export interface EngineInstance { engine: SearchEngine; cleanup(): Promise<void> }
export interface EngineFactory {
  name: string;
  create(label: string): Promise<EngineInstance>;
}

export const MEILI_HOST = process.env.MEILI_HOST?.trim() || undefined;
export const MEILI_API_KEY = process.env.MEILI_API_KEY?.trim() || undefined;

const RUN = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;

export const sqliteFactory: EngineFactory = {
  name: 'sqlite',
  async create() {
    const engine = createSqliteEngine({ file: ':memory:', checkpointMs: 0 });
    await engine.init();
    return { engine, cleanup: () => engine.close() };
  },
};

export const meiliFactory = (host: string, apiKey?: string): EngineFactory => ({
  name: 'meilisearch',
  async create(label: string) {
    const engine = createMeiliEngine({ host, apiKey, indexPrefix: `conf_${RUN}_${label}`, timeoutMs: 10_000, taskTimeoutMs: 120_000 });
    const cleanup = async () => { try { await engine.dropIndexes(); } finally { await engine.close(); } };
    try {
      await engine.init();
    } catch (e) {
      await cleanup().catch(() => undefined);
      throw e;
    }
    return { engine, cleanup };
  },
});

export function engineFactories(): EngineFactory[] {
  const list = [sqliteFactory];
  if (MEILI_HOST) list.push(meiliFactory(MEILI_HOST, MEILI_API_KEY));
  return list;
}
