/**
 * The house rule "layers point one way" (../shared/DESIGN.md), checked on every import of src/, ingest/
 * and scripts/: each folder may import only the folders listed for it. A new import against the layers
 * fails here with the file and the import named.
 */
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../helpers.js';

/** Folder → the folders it may import from (besides itself). Top-level files of src/ count as 'src-root'. */
const ALLOWED: Record<string, string[]> = {
  'src/text': [],
  'src/kinds': ['src/text'],
  'src/refs': ['src/text', 'src/kinds'],
  'src/docs': ['src/text', 'src/kinds', 'src/refs'],
  'src/query': ['src/text', 'src/kinds', 'src/refs'],
  'src/engine': ['src/text', 'src/kinds', 'src/refs', 'src/docs', 'src/query', 'src-root:errors'],
  'src/service': ['src/text', 'src/kinds', 'src/refs', 'src/docs', 'src/query', 'src/engine', 'src-root:errors'],
  'src/site': ['src/text', 'src/kinds', 'src/refs', 'src/docs', 'src/query', 'src/service', 'src-root:errors', 'src-root:config'],
  'src/api': ['src/text', 'src/kinds', 'src/refs', 'src/docs', 'src/query', 'src/service', 'src/web', 'src-root:errors', 'src-root:config', 'src/engine'],
  'src/web': [],
  'ingest': ['src/text', 'src/kinds', 'src/refs', 'src/docs', 'src/engine', 'src-root:errors', 'src-root:config'],
};
/** Files allowed to wire everything: the CLI and the HTTP service it serves (API + pages). */
const WIRING = new Set(['src/cli.ts', 'src/server.ts']);

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.ts$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** 'src/engine/sqlite/index.ts' → 'src/engine'; 'src/errors.ts' → 'src-root:errors'; 'ingest/x.ts' → 'ingest'. */
function layerOf(rel: string): string {
  const parts = rel.split('/');
  if (parts[0] === 'src') return parts.length === 2 ? `src-root:${parts[1].replace(/\.[jt]s$/, '')}` : `src/${parts[1]}`;
  return parts[0];
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+'(\.[^']+)'|import\('(\.[^']+)'\)/g;

describe('layers point one way', () => {
  const files = ['src', 'ingest', 'scripts'].flatMap((d) => walk(path.join(REPO_ROOT, d)));

  it('every import goes to an allowed layer', () => {
    const bad: string[] = [];
    for (const file of files) {
      const rel = path.relative(REPO_ROOT, file).split(path.sep).join('/');
      if (WIRING.has(rel)) continue;
      const from = layerOf(rel);
      const src = readFileSync(file, 'utf8');
      for (const m of src.matchAll(IMPORT)) {
        const spec = m[1] ?? m[2];
        const target = path.relative(REPO_ROOT, path.resolve(path.dirname(file), spec)).split(path.sep).join('/');
        const to = layerOf(target);
        if (to === from) continue;
        if (from === 'scripts') { // scripts use the public modules, never the tests
          if (to === 'tests') bad.push(`${rel} → ${target}`);
          continue;
        }
        const allowed = ALLOWED[from];
        if (!allowed) continue; // src-root files (config, errors) import nothing layered
        if (!allowed.includes(to)) bad.push(`${rel} → ${target}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('the check sees imports (it is not vacuous)', () => {
    const sample = readFileSync(path.join(REPO_ROOT, 'src/service/index.ts'), 'utf8');
    expect([...sample.matchAll(IMPORT)].length).toBeGreaterThan(3);
  });
});
