/**
 * The pipeline fingerprint: a hash of the code that turns a file into documents (extractors, cleaning,
 * parsing, reference tagging). It is stored with every source's content hash, so after an upgrade of that
 * code `npm start` / `ingest` re-read the files instead of keeping documents parsed by the old code.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PARTS = ['ingest/extract', 'ingest/sources', 'ingest/runner.ts', 'src/text', 'src/refs', 'src/docs'];

async function files(p: string): Promise<string[]> {
  const abs = path.join(ROOT, p);
  if (p.endsWith('.ts')) return [abs];
  const entries = await readdir(abs, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries.filter((e) => e.isFile() && e.name.endsWith('.ts')).map((e) => path.join(e.parentPath ?? (e as any).path, e.name));
}

let cached: Promise<string> | undefined;

export function pipelineFingerprint(): Promise<string> {
  cached ??= (async () => {
    const h = createHash('sha256');
    const all = (await Promise.all(PARTS.map(files))).flat().sort();
    for (const f of all) {
      h.update(path.relative(ROOT, f));
      h.update(await readFile(f).catch(() => Buffer.alloc(0)));
    }
    return h.digest('hex').slice(0, 12);
  })();
  return cached;
}
