/**
 * Folder walk: every file under the given folder (recursively) whose extension an extractor or the
 * JSONL importer handles. Hidden entries (".git", ".DS_Store", "~$doc.docx" lock files) and
 * node_modules are skipped; symlinks are followed for files only (no directory cycles).
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { formatForPath } from '../extract/index.js';
import { errorMessage } from '../extract/util.js';

export type SourceKind = 'file' | 'jsonl';

export interface WalkedFile { path: string; kind: SourceKind }

export function isJsonlPath(p: string): boolean {
  return /\.jsonl(\.gz)?$/i.test(p);
}

export function sourceKindFor(p: string): SourceKind | undefined {
  if (isJsonlPath(p)) return 'jsonl';
  return formatForPath(p) ? 'file' : undefined;
}

function skipName(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules' || name.startsWith('~$');
}

/**
 * Supported files under `root`, sorted by path (stable order, stable reports). A folder that cannot
 * be read is listed in `unreadable` and the walk goes on (the runner must not prune what is under it).
 */
export async function walkFolder(
  root: string,
  opts: { readdir?: (dir: string) => Promise<import('node:fs').Dirent[]> } = {},
): Promise<{ files: WalkedFile[]; ignored: number; unreadable: { path: string; reason: string }[] }> {
  const list = opts.readdir ?? ((dir: string) => readdir(dir, { withFileTypes: true }));
  const files: WalkedFile[] = [];
  const unreadable: { path: string; reason: string }[] = [];
  let ignored = 0;
  const visit = async (dir: string): Promise<void> => {
    let entries;
    try {
      entries = await list(dir);
    } catch (e) {
      unreadable.push({ path: dir, reason: errorMessage(e) });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (skipName(e.name)) continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) { await visit(p); continue; }
      let isFile = e.isFile();
      if (e.isSymbolicLink()) isFile = await stat(p).then((s) => s.isFile(), () => false);
      if (!isFile) continue;
      const kind = sourceKindFor(p);
      if (kind) files.push({ path: p, kind });
      else ignored++;
    }
  };
  await visit(root);
  return { files, ignored, unreadable };
}
