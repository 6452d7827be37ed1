/** Shared test helpers: where the read-only real data lives, and a way to say it is missing. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SHARED = path.resolve(REPO_ROOT, '../shared');
export const HAS_SHARED = existsSync(path.join(SHARED, 'corpus'));
export const SEEDS_DIR = path.join(REPO_ROOT, 'corpus');

if (!HAS_SHARED) {
  console.warn(`[tests] ${SHARED} is absent: tests over the real shared corpus are skipped (they need ../shared beside the repository).`);
}
