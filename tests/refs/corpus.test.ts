/**
 * The tagger on the shared real corpora (skipped when /work/shared is absent).
 * - phapdien: a sample of source citations must yield their gold số ký hiệu (see scripts/eval-refs.ts for the full run)
 * - seeds: the header number is self, and known citations are found
 * - vbpl-central / congbao-8chude: the document's own "Số:" number is found and marked self
 * - binhduong-vbcddh: each record's số ký hiệu (Ð, lower case, Party forms) parses to one reference
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { canonicalId, canonicalize, findReferences } from '../../src/refs/index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const shared = path.resolve(repoRoot, '../shared');
const exists = existsSync(path.join(shared, 'corpus'));
if (!exists) console.warn(`tests/refs/corpus.test.ts: ${shared} not found; corpus tests skipped`);

function jsonl<T>(rel: string, limit = Infinity): T[] {
  const out: T[] = [];
  for (const l of gunzipSync(readFileSync(path.join(shared, rel))).toString('utf8').split('\n')) {
    if (!l) continue;
    out.push(JSON.parse(l) as T);
    if (out.length >= limit) break;
  }
  return out;
}

describe.skipIf(!exists)('real corpora', () => {
  it('phapdien: every 10th source citation yields its gold số ký hiệu (gold errors aside)', () => {
    const recs = jsonl<{ source_citation: string; source_doc_so_ky_hieu: string | null }>('corpus/phapdien/articles.jsonl.gz')
      .filter((r, i) => i % 10 === 0 && r.source_doc_so_ky_hieu);
    let correct = 0;
    const wrong: string[] = [];
    for (const r of recs) {
      const want = canonicalId(r.source_doc_so_ky_hieu!);
      const refs = findReferences(r.source_citation).filter((x) => !x.self);
      // the stager's gold is cut at a stray space, "/", "_" or "&" in ~1 % of citations: a longer id starting with it is its fault
      if (refs[0] && (refs[0].canonical === want || refs[0].canonical.startsWith(want) || refs.some((x) => x.canonical === want))) correct++;
      else wrong.push(`${r.source_citation.slice(0, 100)} → ${refs[0]?.canonical ?? '—'} (gold ${want})`);
    }
    expect(recs.length).toBeGreaterThan(3000);
    expect(wrong.slice(0, 10)).toEqual([]);
    expect(correct / recs.length).toBeGreaterThanOrEqual(0.995);
  });

  it('seeds: header number is self; the glued and spaced citations are found', () => {
    const seed = readFileSync(path.join(shared, 'seeds/002_db685673e0713cc6.txt'), 'utf8');
    const refs = findReferences(seed);
    expect(refs.filter((r) => r.self).map((r) => r.canonical)).toEqual(['460-tb-sgddt']);
    const ids = refs.map((r) => r.canonical);
    for (const id of ['666-ct-bgddt-2020', '3414-bgddt-gdtrh-2020', '884-sgddt-gdtrhgdtx-2020', '26-2020-tt-bgddt', '88-2019-qh14']) expect(ids).toContain(id);
  });

  it('vbpl-central and congbao-8chude: the document\'s own number is found in its header and marked self', () => {
    const docs = [
      ...jsonl<{ text: string | null; so_ky_hieu_guess: string | null; lang?: string }>('corpus/vbpl-central/docs.jsonl.gz').filter((d) => d.lang === 'vi'),
      ...jsonl<{ text: string | null; so_ky_hieu_guess: string | null }>('corpus/congbao-8chude/docs.jsonl.gz'),
    ].filter((d) => d.text && d.so_ky_hieu_guess && /^\d+\/\d{4}\/[A-ZĐ]/.test(d.so_ky_hieu_guess)
      // only documents whose header shows that number (some records have no header; some guesses come from the title)
      && new RegExp(`(?:Số|SỐ)[ \\t]*:?[ \\t]*${d.so_ky_hieu_guess.split('/')[0]}/`).test(d.text.slice(0, 3000))).slice(0, 400);
    let ok = 0;
    const misses: string[] = [];
    for (const d of docs) {
      const head = d.text!.slice(0, 3000);
      const self = findReferences(head).filter((r) => r.self);
      if (self.some((r) => r.canonical === canonicalize(d.so_ky_hieu_guess!))) ok++;
      else misses.push(`${d.so_ky_hieu_guess} → ${self.map((r) => r.canonical).join(',') || '—'}`);
    }
    expect(docs.length).toBeGreaterThan(250);
    expect(ok / docs.length, misses.slice(0, 8).join('; ')).toBeGreaterThanOrEqual(0.95);
  });

  it('binhduong-vbcddh: each số ký hiệu parses to one reference with the same number', () => {
    const recs = jsonl<{ so_ky_hieu: string }>('corpus/binhduong-vbcddh/docs.jsonl.gz');
    let ok = 0;
    const misses: string[] = [];
    for (const r of recs) {
      const refs = findReferences(r.so_ky_hieu);
      const want = canonicalId(r.so_ky_hieu.replace(/\u00D0/g, 'Đ'));
      if (refs.length === 1 && refs[0].canonical === want) ok++;
      else misses.push(`${r.so_ky_hieu} → ${refs.map((x) => x.canonical).join(',') || '—'}`);
    }
    expect(recs.length).toBeGreaterThan(3000);
    expect(ok / recs.length, misses.slice(0, 10).join('; ')).toBeGreaterThanOrEqual(0.97);
  });
});
