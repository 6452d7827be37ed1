import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../helpers.js';

const run = promisify(execFile);
const dataDir = mkdtempSync(path.join(tmpdir(), 'policy-cli-'));
const cli = (args: string[], input?: string) => {
  const p = run(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'src/cli.ts'), ...args], {
    cwd: REPO_ROOT, env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' }, timeout: 60_000,
  });
  if (input !== undefined) { p.child.stdin!.end(input); }
  return p;
};

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('policy-search CLI (smoke)', () => {
  beforeAll(async () => {
    const { stdout } = await cli(['ingest', 'corpus', '--no-progress']);
    expect(stdout).toMatch(/Ingested 5 documents/);
  }, 90_000);

  it('a second ingest finds nothing changed', async () => {
    const { stdout } = await cli(['ingest', 'corpus', '--no-progress']);
    expect(stdout).toMatch(/Ingested 0 documents/);
    expect(stdout).toMatch(/5 unchanged/);
  });

  it('search --json returns hits', async () => {
    const { stdout } = await cli(['search', 'giao', 'duc', 'stem', '--json']);
    const result = JSON.parse(stdout);
    expect(result.total).toBeGreaterThan(0);
    expect(JSON.stringify(result.hits)).toMatch(/<mark>[^<]*STEM/);
  });

  it('parse prints the document as JSON', async () => {
    const { stdout } = await cli(['parse', 'corpus/002_db685673e0713cc6.txt']);
    const doc = JSON.parse(stdout);
    expect(doc.document.number).toBe('460/TB-SGDĐT');
    expect(doc.passages.length).toBeGreaterThan(3);
  });

  it('refs reads stdin and prints one JSON line per reference', async () => {
    const { stdout } = await cli(['refs'], 'Căn cứ Nghị định số 71/2020/NĐ-CP; Côngvăn3414/BGDĐT-GDTrH ngày 04/9/2020.');
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.canonical)).toEqual(['71-2020-nd-cp', '3414-bgddt-gdtrh-2020']);
    expect(lines[0]).toMatchObject({ relation: 'can-cu', kind: 'nghị định' });
  });

  it('refs --jsonl reads a field of each record and reports bad lines without stopping', async () => {
    const file = path.join(dataDir, 'in.jsonl');
    writeFileSync(file, '{"id":"a","body":"theo Thông tư 26/2020/TT-BGDĐT"}\n{oops\n{"id":"b","body":"72-QĐ/TW"}\n');
    const { stdout, stderr } = await cli(['refs', '--jsonl', file, '--field', 'body']);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toMatchObject([{ id: 'a', canonical: '26-2020-tt-bgddt' }, { id: 'b', canonical: '72-qd-tw' }]);
    expect(stderr).toMatch(/in\.jsonl:2: not valid JSON/);
  });

  it('stats counts the index; bad configuration fails with a message naming the variable', async () => {
    const { stdout } = await cli(['stats']);
    expect(JSON.parse(stdout)).toMatchObject({ documents: 5 });
    const bad = await run(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'src/cli.ts'), 'stats'], {
      cwd: REPO_ROOT, env: { ...process.env, ENGINE: 'meilisearch', MEILI_HOST: '' },
    }).catch((e) => e);
    expect(bad.code).toBe(78);
    expect(bad.stderr).toMatch(/MEILI_HOST: required when ENGINE=meilisearch/);
  });
});
