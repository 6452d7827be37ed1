/**
 * `policy-search reindex --from sqlite --to meilisearch` end to end, as a user runs it (README,
 * "ENGINE=meilisearch without Docker"): the bundled corpus ingested into sqlite, copied into the real
 * Meilisearch of the test run (tests/setup/meili-server.ts) through staging indexes and a swap, then
 * served from it by the CLI with ENGINE=meilisearch.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT, SEEDS_DIR } from '../helpers.js';
import { MEILI_API_KEY, MEILI_HOST, meiliPrefix, meiliSkipNotice } from '../engine/engines.js';
import { createMeiliEngine } from '../../src/engine/meili/index.js';

const run = promisify(execFile);
const dataDir = mkdtempSync(path.join(tmpdir(), 'policy-reindex-'));
const prefix = meiliPrefix('cli');
const meiliEnv = { ENGINE: 'meilisearch', MEILI_HOST: MEILI_HOST ?? '', MEILI_API_KEY: MEILI_API_KEY ?? '', MEILI_INDEX_PREFIX: prefix };
const cli = (args: string[], env: Record<string, string> = {}) => run(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'src/cli.ts'), ...args], {
  cwd: REPO_ROOT, env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent', ENGINE: 'sqlite', ...env }, timeout: 120_000,
});

afterAll(async () => {
  rmSync(dataDir, { recursive: true, force: true });
  if (MEILI_HOST) await createMeiliEngine({ host: MEILI_HOST, apiKey: MEILI_API_KEY, indexPrefix: prefix }).dropIndexes();
});

meiliSkipNotice();

describe.runIf(Boolean(MEILI_HOST))('reindex --from sqlite --to meilisearch (bundled corpus, real server)', () => {
  it('copies the corpus, checks the counts, and the CLI then searches Meilisearch', async () => {
    const seeds = readdirSync(SEEDS_DIR).filter((f) => f.endsWith('.txt')).length;
    await cli(['ingest', 'corpus', '--no-progress']);
    const sqliteStats = JSON.parse((await cli(['stats'])).stdout);
    expect(sqliteStats.documents).toBe(seeds);

    const { stdout } = await cli(['reindex', '--from', 'sqlite', '--to', 'meilisearch'], meiliEnv);
    expect(stdout).toContain(`Reindexed ${seeds} documents (${sqliteStats.passages} passages) from sqlite to meilisearch; counts match.`);

    const meiliStats = JSON.parse((await cli(['stats'], meiliEnv)).stdout);
    expect(meiliStats).toEqual(sqliteStats);
    const fromMeili = JSON.parse((await cli(['search', 'giao', 'duc', 'stem', '--json'], meiliEnv)).stdout);
    const fromSqlite = JSON.parse((await cli(['search', 'giao', 'duc', 'stem', '--json'])).stdout);
    expect(fromMeili.total).toBeGreaterThan(0);
    expect(fromMeili.total).toBe(fromSqlite.total);
    expect(JSON.stringify(fromMeili.hits)).toMatch(/<mark>[^<]*STEM/);

    // a second run replaces the live indexes (staging + swap) with the same content
    await cli(['reindex', '--from', 'sqlite', '--to', 'meilisearch'], meiliEnv);
    expect(JSON.parse((await cli(['stats'], meiliEnv)).stdout)).toEqual(sqliteStats);
  }, 300_000);
});
