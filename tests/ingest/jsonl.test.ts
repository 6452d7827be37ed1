/**
 * JSONL import: field-map and filter parsing, date and metadata cleaning, streaming of .jsonl and
 * .jsonl.gz with per-line errors, and the real vbpl-central dump.
 */
import { writeFileSync } from 'node:fs';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanMeta, parseFieldMap, parseWhere, readJsonl, toIsoDate, type JsonlItem } from '../../ingest/sources/jsonl.js';
import { AppError } from '../../src/errors.js';
import { hasShared, sharedDir, tempDir, vbplDir } from './fixtures.js';

const VBPL_FIELDS = 'number=so_ky_hieu_guess,issuedAt=ngay_ban_hanh_guess,kind=loai_van_ban_guess,issuer=co_quan_ban_hanh_guess';

async function collect(file: string, opts: Parameters<typeof readJsonl>[1] = {}): Promise<JsonlItem[]> {
  const out: JsonlItem[] = [];
  for await (const it of readJsonl(file, opts)) out.push(it);
  return out;
}

function thrown(fn: () => unknown): AppError {
  let err: unknown = null;
  try { fn(); } catch (e) { err = e; }
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('parseFieldMap / parseWhere', () => {
  it('parses the CLI syntax', () => {
    expect(parseFieldMap(VBPL_FIELDS)).toEqual({
      number: 'so_ky_hieu_guess', issuedAt: 'ngay_ban_hanh_guess', kind: 'loai_van_ban_guess', issuer: 'co_quan_ban_hanh_guess',
    });
    expect(parseFieldMap(' status = tinh_trang_hieu_luc , ')).toEqual({ status: 'tinh_trang_hieu_luc' });
    expect(parseFieldMap('')).toEqual({});
  });

  it('names the bad part of a field map', () => {
    const unknown = thrown(() => parseFieldMap('numbr=so_ky_hieu_guess'));
    expect(unknown.code).toBe('bad_request');
    expect(unknown.message).toMatch(/unknown field "numbr"/);
    expect(thrown(() => parseFieldMap('number')).message).toMatch(/"number" is not of the form field=sourceField/);
    expect(thrown(() => parseFieldMap('number=a,number=b')).message).toMatch(/mapped twice/);
  });

  it('parses filters', () => {
    expect(parseWhere('lang=vi')).toEqual([{ field: 'lang', op: '=', value: 'vi' }]);
    expect(parseWhere('lang=vi,has_text!=false')).toEqual([
      { field: 'lang', op: '=', value: 'vi' }, { field: 'has_text', op: '!=', value: 'false' },
    ]);
    expect(thrown(() => parseWhere('lang')).message).toMatch(/--where: "lang"/);
  });
});

describe('dates and metadata', () => {
  it.each([
    ['15/02/2026', '2026-02-15'], // vbpl-central ngay_ban_hanh_guess
    ['1/2/2026', '2026-02-01'],
    ['15-02-2026', '2026-02-15'],
    ['15.02.2026', '2026-02-15'],
    ['2026-02-15', '2026-02-15'],
    ['2026-04-26T08:48:02.246754+00:00', '2026-04-26'], // vbpl-central saved_at
    ['Hà Nội, ngày 15 tháng 02 năm 2026', '2026-02-15'],
    ['32/12/2024', undefined], // vbpl-central docs.jsonl.gz line 233: not a date
    ['29/02/2025', undefined],
    ['29/02/2024', '2024-02-29'],
    ['--', undefined],
    ['', undefined],
  ])('toIsoDate(%j) = %j', (input, expected) => {
    expect(toIsoDate(input)).toBe(expected);
  });

  it('cleans crawler metadata', () => {
    // vbpl-central co_quan_ban_hanh_guess (PROVENANCE example): decorative rule under the issuer
    expect(cleanMeta('BỘ GIÁO DỤC VÀ ĐÀO TẠO ___________________')).toBe('BỘ GIÁO DỤC VÀ ĐÀO TẠO');
    expect(cleanMeta('--')).toBeUndefined(); // vbpl tinh_trang_hieu_luc when unknown
    expect(cleanMeta('07/2026/TT-BGDĐT')).toBe('07/2026/TT-BGDĐT');
    expect(cleanMeta(42)).toBe('42');
    expect(cleanMeta({})).toBeUndefined();
  });
});

describe('readJsonl', () => {
  const { dir, cleanup } = tempDir();
  afterAll(cleanup);
  const lines = [
    JSON.stringify({ id: 'vbpl-1', title: 'Thông tư 07/2026/TT-BGDĐT', so_ky_hieu_guess: '07/2026/TT-BGDĐT', ngay_ban_hanh_guess: '15/02/2026', loai_van_ban_guess: 'Thông tư', lang: 'vi', has_text: true, text: 'Điều 1. Phạm vi điều chỉnh' }),
    '',
    '{"id": "vbpl-2", "text": "broken',
    JSON.stringify({ id: 'vbpl-3', lang: 'vi', has_text: false, text: '' }),
    JSON.stringify({ id: 'vbpl-4', lang: 'en', text: 'Article 1. Scope' }),
    '[1, 2]',
    JSON.stringify({ id: 'vbpl-5', lang: 'vi', html: '<p>Điều 2.</p><p>Đối tượng áp dụng</p>' }),
    JSON.stringify({ id: 'vbpl-6', text: 12 }),
  ];

  it('streams .jsonl and .jsonl.gz alike, one item per non-empty line with its line number', async () => {
    const plain = path.join(dir, 'a.jsonl');
    const gz = path.join(dir, 'a.jsonl.gz');
    writeFileSync(plain, `${lines.join('\n')}\n`);
    writeFileSync(gz, gzipSync(Buffer.from(lines.join('\r\n'))));
    for (const file of [plain, gz]) {
      const items = await collect(file, { fields: parseFieldMap(VBPL_FIELDS) });
      expect(items.map((i) => [i.type, i.line])).toEqual([
        ['record', 1], ['error', 3], ['skipped', 4], ['record', 5], ['error', 6], ['record', 7], ['error', 8],
      ]);
      const first = items[0];
      expect(first.type === 'record' && first.record).toMatchObject({
        id: 'vbpl-1', number: '07/2026/TT-BGDĐT', issuedAt: '2026-02-15', kind: 'thông tư', lang: 'vi', title: 'Thông tư 07/2026/TT-BGDĐT',
      });
      const bad = items[1];
      expect(bad.type === 'error' && bad.reason).toMatch(/^malformed JSON: /);
      const skipped = items[2];
      expect(skipped.type === 'skipped' && skipped).toMatchObject({ id: 'vbpl-3', reason: 'no text (has_text: false)' });
      expect(items[4].type === 'error' && items[4].reason).toMatch(/not a JSON object \(array\)/);
      expect(items[6].type === 'error' && items[6].reason).toMatch(/"text" is a number/);
    }
  });

  it('filters with where, before deciding about text', async () => {
    const file = path.join(dir, 'b.jsonl');
    writeFileSync(file, lines.join('\n'));
    const items = await collect(file, { where: parseWhere('lang=vi') });
    expect(items.filter((i) => i.type === 'record').map((i) => i.type === 'record' && i.record.id)).toEqual(['vbpl-1', 'vbpl-5']);
    expect(items.filter((i) => i.type === 'filtered').map((i) => i.line)).toEqual([5]);
  });

  it('a corrupt .gz makes the iterator throw (the runner reports the file)', async () => {
    const file = path.join(dir, 'bad.jsonl.gz');
    writeFileSync(file, Buffer.concat([gzipSync(Buffer.from(lines.join('\n'))).subarray(0, 40), Buffer.from('garbage')]));
    const err = await collect(file).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
  });
});

if (!hasShared || !existsSync(vbplDir)) console.warn(`[tests/ingest] ${sharedDir}/corpus/vbpl-central not found: real JSONL test skipped`);

describe.skipIf(!hasShared || !existsSync(vbplDir))('vbpl-central docs.jsonl.gz (real)', () => {
  it('streams every line with the crawler field map; records without text are skipped with the reason', async () => {
    const items = await collect(path.join(vbplDir, 'docs.jsonl.gz'), { fields: parseFieldMap(VBPL_FIELDS), where: parseWhere('lang=vi') });
    const records = items.flatMap((i) => (i.type === 'record' ? [i.record] : []));
    const skipped = items.filter((i) => i.type === 'skipped');
    expect(items.filter((i) => i.type === 'error')).toEqual([]);
    expect(records.length).toBeGreaterThan(100);
    expect(skipped.length).toBeGreaterThan(0);
    for (const s of skipped) expect(s.type === 'skipped' && s.reason).toBe('no text (has_text: false)');
    expect(records.every((r) => r.lang === 'vi' && r.id && r.text)).toBe(true);
    // Mapped metadata: ISO dates only, issuers without decorative rules, most records with a number.
    for (const r of records) {
      if (r.issuedAt) expect(r.issuedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      if (r.issuer) expect(r.issuer).not.toMatch(/___/);
    }
    expect(records.filter((r) => r.number).length / records.length).toBeGreaterThan(0.9);
    expect(new Set(records.map((r) => r.id)).size).toBe(records.length);
  }, 60_000);
});
