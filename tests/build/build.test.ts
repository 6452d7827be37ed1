/**
 * The compiled build (scripts/build.ts, what `npm start` runs first): tsc output and the prebuilt
 * widget in one folder, then the service started from it with plain node (no tsx loader): it ingests
 * the bundled corpus, answers the API, serves the page assets and the prebuilt widget file.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers.js';

// Inside the repository (test-output/ is ignored) so the compiled files resolve node_modules.
const OUT = path.join(REPO_ROOT, 'test-output', `build-${process.pid}`);
const DATA = mkdtempSync(path.join(os.tmpdir(), 'build-test-data-'));
afterAll(() => { rmSync(OUT, { recursive: true, force: true }); rmSync(DATA, { recursive: true, force: true }); });

describe('npm run build → node dist/src/cli.js', () => {
  it('builds, then serves from the build with plain node', async () => {
    await promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'scripts/build.ts'), '--out', OUT], { cwd: REPO_ROOT, timeout: 240_000 });
    for (const f of ['src/cli.js', 'ingest/runner.js', 'src/site/assets/style.css', 'web/widget.js', 'web/widget.css']) expect(existsSync(path.join(OUT, f)), f).toBe(true);

    const child = spawn(process.execPath, [path.join(OUT, 'src/cli.js'), 'serve', '--ingest-corpus'], {
      cwd: REPO_ROOT, env: { ...process.env, DATA_DIR: DATA, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', NODE_OPTIONS: '' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let out = '';
      const port = await new Promise<number>((resolve, reject) => {
        child.stdout.on('data', (c) => {
          out += c;
          const m = /"port":(\d+),"msg":"policy-search listening/.exec(out);
          if (m) resolve(Number(m[1]));
        });
        child.on('exit', (code) => reject(new Error(`the service exited (${code}): ${out}`)));
      });
      expect(out).toMatch(/"ingested":5,.*"msg":"corpus ingested"/);
      const base = `http://127.0.0.1:${port}`;
      const search = await (await fetch(`${base}/api/search?q=giao+duc`)).json();
      expect(search.total).toBeGreaterThan(0);
      expect((await fetch(`${base}/assets/style.css`)).status).toBe(200);
      const widget = await fetch(`${base}/widget.js`);
      expect(widget.status).toBe(200);
      expect(await widget.text()).toBe(readFileSync(path.join(OUT, 'web/widget.js'), 'utf8'));
    } finally {
      child.kill('SIGTERM');
    }
  }, 300_000);
});
