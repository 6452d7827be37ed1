/**
 * npm run build → dist/: the service compiled by tsc (dist/src, dist/ingest; tsconfig.build.json), the
 * pages' static assets copied beside their module (dist/src/site/assets), and the widget prebuilt by
 * esbuild (dist/web/widget.js, widget.css). `npm start` and the Docker image run `node dist/src/cli.js`.
 *   tsx scripts/build.ts [--out DIR]     (default dist)
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { buildWidget } from '../src/web/build.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outArg = process.argv.indexOf('--out');
const OUT = path.resolve(ROOT, outArg > 0 ? process.argv[outArg + 1] : 'dist');
/** Folders of non-TypeScript files read at run time, relative to the repository (copied to the same place under OUT). */
const ASSET_DIRS = ['src/site/assets'];

const t0 = performance.now();
// Old output of moved or deleted modules must not linger.
for (const d of ['src', 'ingest']) rmSync(path.join(OUT, d), { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.build.json'), '--outDir', OUT], { stdio: 'inherit', cwd: ROOT });
for (const d of ASSET_DIRS) cpSync(path.join(ROOT, d), path.join(OUT, d), { recursive: true });
const { js, css } = await buildWidget({ minify: true });
mkdirSync(path.join(OUT, 'web'), { recursive: true });
writeFileSync(path.join(OUT, 'web/widget.js'), js);
writeFileSync(path.join(OUT, 'web/widget.css'), css);
console.log(`built ${path.relative(ROOT, OUT) || '.'}/ in ${((performance.now() - t0) / 1000).toFixed(1)} s: node ${path.relative(ROOT, path.join(OUT, 'src/cli.js'))}; widget ${Buffer.byteLength(js)} bytes`);
