/**
 * The sqlite engine's own search strategies (src/engine/sqlite/index.ts), beyond the shared
 * conformance suite: common words kept out of bm25, the bounded path for all-common queries
 * (estimated totals flagged), relaxation of long queries, JS snippets.
 *
 * Corpus: synthetic (made-up) passages in the style of education circulars. "quy định" is in every
 * passage (like "của", "quy định" in real corpora); "học bổng" and "kiểm định" are rare, with a
 * different count in each passage that holds them so bm25 has no ties.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { DocumentRecord, PassageRecord } from '../../src/docs/model.js';
import { pairTokens, SqliteEngine } from '../../src/engine/sqlite/index.js';
import { makeSnippet } from '../../src/query/highlight.js';
import { parseQuery } from '../../src/query/query.js';
import { boundedRows, docRowsMatching, KEEP_ALL, matchBounded } from '../../src/engine/sqlite/plan.js';
import { buildMust } from '../../src/engine/sqlite/match.js';
import { fold } from '../../src/text/fold.js';
import type { SearchResult } from '../../src/engine/types.js';

const KINDS = ['thông tư', 'công văn', 'quyết định'];

function corpus(nDocs = 40, perDoc = 8): { document: DocumentRecord; passages: PassageRecord[] }[] {
  const out = [];
  for (let i = 0; i < nDocs; i++) {
    const id = `d${String(i).padStart(3, '0')}`;
    const title = i % 10 === 0 ? `Quy định về khen thưởng số ${i}` : `Hướng dẫn công tác năm học số ${i}`;
    const document = DocumentRecord.parse({
      id, kind: KINDS[i % 3], title, issuer: `Sở Giáo dục và Đào tạo ${i % 4}`, issuedAt: `20${10 + (i % 15)}-0${1 + (i % 9)}-15`, source: { format: 'txt' },
    });
    const passages = [];
    for (let j = 0; j < perDoc; j++) {
      const k = i * perDoc + j;
      let text = `Điều ${j + 1}. Nội dung quy định tại văn bản này áp dụng cho trường số ${k}, lớp ${j}.`;
      if (k % 7 === 3) text += ' Học bổng'.repeat(1 + (k % 5)) + ` được xét theo quy định${' và hướng dẫn'.repeat(k % 6)}.`;
      if (k % 11 === 5) text += ` Kiểm định chất lượng${' giáo dục'.repeat(k % 4)} theo quy định.`;
      passages.push(PassageRecord.parse({ id: `${id}:p${j + 1}`, docId: id, ordinal: j, headingPath: `Điều ${j + 1}`, anchor: `dieu-${j + 1}`, text, refs: [] }));
    }
    out.push({ document, passages });
  }
  return out;
}

const ids = (r: SearchResult) => r.hits.map((h) => h.document.id);

describe('sqlite engine: common-word strategies', () => {
  const docs = corpus();
  // exhaustive: every clause counts as rare; planned: a clause in more than 60 of the 320 passages is
  // common (quy, định, học — "năm học" is in most titles), bổng (46) and kiểm (29) stay rare.
  const exhaustive = new SqliteEngine({ file: ':memory:', checkpointMs: 0, commonRows: 1_000_000 });
  const planned = new SqliteEngine({ file: ':memory:', checkpointMs: 0, commonRows: 60, probeRows: 40 });
  const probeAll = new SqliteEngine({ file: ':memory:', checkpointMs: 0, commonRows: 60, probeRows: 10_000 });
  beforeAll(async () => {
    for (const e of [exhaustive, planned, probeAll]) { await e.init(); await e.upsertMany(docs); }
  });
  afterAll(async () => { for (const e of [exhaustive, planned, probeAll]) await e.close(); });

  it('a common word plus a rare one: same documents and exact counts as exhaustive bm25; same order when the common words are everywhere', async () => {
    // "quy", "định", "học" are in (nearly) every passage: bm25 gives them ~0 weight, so leaving them
    // out of the score keeps the order. "theo" (72 of 320 passages) has some weight in exhaustive
    // bm25 and none on the planned path: the set and the first hits agree, lower ranks may not.
    for (const [q, sameOrder] of [['quy định học bổng', 50], ['quy dinh kiem dinh', 50], ['học bổng theo quy định', 3]] as const) {
      const a = await exhaustive.search({ q, limit: 50 });
      const b = await planned.search({ q, limit: 50 });
      expect(a.total, q).toBeGreaterThan(3);
      expect(new Set(ids(b)), q).toEqual(new Set(ids(a)));
      expect(ids(b).slice(0, sameOrder), q).toEqual(ids(a).slice(0, sameOrder));
      expect({ total: b.total, totalPassages: b.totalPassages, facets: b.facets }).toEqual({ total: a.total, totalPassages: a.totalPassages, facets: a.facets });
      expect(b.totalIsEstimate, q).toBeFalsy();
    }
  });

  it('only common words: title matches first, every hit a real match, estimates flagged', async () => {
    const a = await exhaustive.search({ q: 'quy định', limit: 100 });
    expect(a.total).toBe(40);
    const b = await planned.search({ q: 'quy định', limit: 10 });
    expect(b.totalIsEstimate).toBe(true);
    // d000, d010, d020, d030 have "Quy định" in the title (every passage matches there): newest issued first.
    const titled = docs.filter((d) => d.document.title.startsWith('Quy định')).sort((x, y) => y.document.issuedAt!.localeCompare(x.document.issuedAt!)).map((d) => d.document.id);
    expect(ids(b).slice(0, 4)).toEqual(titled);
    for (const h of b.hits) expect(h.passages.length).toBeGreaterThan(0);
    // Estimates are in the right range (uniform corpus: close to exact).
    expect(b.total).toBeGreaterThanOrEqual(30);
    expect(b.total).toBeLessThanOrEqual(50);
    expect(b.totalPassages).toBeGreaterThanOrEqual(240);
    expect(b.totalPassages).toBeLessThanOrEqual(400);
    // Snippets highlight the words even without bm25.
    expect(b.hits[5].passages[0].snippet).toContain('<mark>quy</mark> <mark>định</mark>');
  });

  it('only common words: the estimates scaled from counts kept per index version (no filter) equal those counted row by row', () => {
    for (const q of ['quy định', 'nội dung', 'trường lớp', 'văn bản này']) {
      const pq = parseQuery(q);
      for (const mode of ['all', 'any'] as const) {
        const fast = matchBounded(planned, pq, mode, false, KEEP_ALL, 5);
        const slow = matchBounded(planned, pq, mode, false, () => true, 5);
        expect(fast.estimate).toBe(true);
        expect(fast).toEqual(slow);
      }
    }
  });

  it('only common words, every matching row read: exact counts, no flag, same set as exhaustive', async () => {
    const a = await exhaustive.search({ q: 'quy định', limit: 100 });
    const c = await probeAll.search({ q: 'quy định', limit: 100 });
    expect(c.totalIsEstimate).toBeFalsy();
    expect({ total: c.total, totalPassages: c.totalPassages, facets: c.facets }).toEqual({ total: a.total, totalPassages: a.totalPassages, facets: a.facets });
    expect(new Set(ids(c))).toEqual(new Set(ids(a)));
  });

  it('phrases (matched with the pairs column) find exactly the passages holding the words in order', async () => {
    const words = (x: string) => ` ${(fold(x).match(/[\p{L}\p{N}]+/gu) ?? []).join(' ')} `;
    for (const phrase of ['quy định tại', 'theo quy định', 'và hướng dẫn và', 'học bổng được xét', 'khen thưởng số', 'học bổng', 'quy định', 'khen thưởng', 'dẫn và']) {
      const want = docs.flatMap((d) => d.passages.filter((p) => [d.document.title, p.headingPath, p.text].some((f) => words(f).includes(` ${fold(phrase)} `)))).length;
      for (const e of [exhaustive, planned, probeAll]) {
        const r = await e.search({ q: `"${phrase}"`, limit: 100 });
        if (!r.totalIsEstimate) expect(r.totalPassages, phrase).toBe(want);
        else expect(r.totalPassages, phrase).toBeGreaterThan(0);
      }
    }
    expect(pairTokens('quy dinh, tai dieu 5')).toBe('quy_dinh dinh_tai tai_dieu dieu_5');
  });

  it('bounded path pages are disjoint and cover every matching document', async () => {
    const seen: string[] = [];
    for (let offset = 0; offset < 40; offset += 7) seen.push(...ids(await planned.search({ q: 'quy định', limit: 7, offset })));
    expect(seen.length).toBe(40);
    expect(new Set(seen).size).toBe(40);
  });

  it('bounded path: the passages shown are the same whether the probe read all of a document\'s rows or the index is asked again', async () => {
    // probeAll reads every matching row (the page's rows come from the probe); planned reads 40 rows
    // (older documents' rows are looked up in the index per document)
    for (const q of ['quy định', '"quy định tại"', 'nội dung']) {
      const a = await probeAll.search({ q, limit: 40, passagesPerDoc: 2 });
      const b = await planned.search({ q, limit: 40, passagesPerDoc: 2 });
      const shown = (r: SearchResult) => new Map(r.hits.map((h) => [h.document.id, h.passages.map((p) => [p.id, p.snippet])]));
      expect(b.hits.length, q).toBeGreaterThan(10);
      expect(shown(b), q).toEqual(shown(a));
    }
    // every document of a partial probe (40 rows of "theo quy định", ~70 matching): its first rows in document
    // order are those the index gives for that document alone, the last document read (partly) included
    const pq = parseQuery('theo quy định');
    const b = matchBounded(planned, pq, 'all', false, () => true, 5);
    expect(b.estimate).toBe(true);
    const must = buildMust(pq)!;
    for (const g of b.ordered) expect(boundedRows(planned, b, must, g, 3)).toEqual(docRowsMatching(planned, must, g.doc, 3));
  });

  it('filters apply on the bounded path', async () => {
    const r = await planned.search({ q: 'quy định', limit: 50, filters: { kind: ['công văn'] } });
    expect(r.hits.length).toBeGreaterThan(0);
    for (const h of r.hits) expect(h.document.kind).toBe('công văn');
  });

  it('a word found nowhere is named (unmatched) and left out of a 3+ word query; a 2-word query then finds nothing', async () => {
    const r = await planned.search({ q: 'quy định về học bổng xyzzyquux', limit: 5 });
    // the word found nowhere is left out and named; the other words are searched
    expect(r.unmatched).toEqual(['xyzzyquux']);
    expect(r.total).toBeGreaterThan(0);
    for (const h of r.hits) expect(h.passages[0].snippet.toLowerCase()).toContain('<mark>học</mark>');
    const short = await planned.search({ q: 'học xyzzyquux' });
    expect(short).toMatchObject({ total: 0, hits: [], unmatched: ['xyzzyquux'] });
    expect(short.relaxed).toBeFalsy();
  });
});

describe('sqlite engine: compact', () => {
  it('merges the full-text index into one segment; every answer stays the same', async () => {
    const e = new SqliteEngine({ file: ':memory:', checkpointMs: 0, commonRows: 60, probeRows: 40 });
    await e.init();
    for (const d of corpus(60)) await e.upsert(d.document, d.passages); // one transaction (one segment or more) each
    const db = (e as unknown as { db: Database.Database }).db;
    const segments = () => db.prepare(`SELECT count(DISTINCT segid) FROM passages_fts_idx`).pluck().get() as number;
    expect(segments()).toBeGreaterThan(1);
    const queries = ['quy định', 'học bổng', '"quy định tại"', 'kiem dinh chat luong', 'khen thưởng số 10', 'quy định học bổng theo'];
    const before = await Promise.all(queries.map((q) => e.search({ q, limit: 20 })));
    await e.compact();
    expect(segments()).toBe(1);
    const after = await Promise.all(queries.map((q) => e.search({ q, limit: 20 })));
    expect(after).toEqual(before);
    await e.close();
  });
});

describe('makeSnippet', () => {
  it('escapes everything but <mark>, cuts at spaces around the densest spans', () => {
    const text = `${'mở đầu '.repeat(60)}Trường <A&B> học bổng và học bổng ${'kết thúc '.repeat(60)}`;
    const at = (w: string, from = 0) => { const s = text.indexOf(w, from); return { start: s, end: s + w.length }; };
    const first = at('học bổng');
    const spans = [at('mở'), first, at('học bổng', first.end)];
    const html = makeSnippet(text, spans);
    expect(html).toContain('&lt;A&amp;B&gt; <mark>học bổng</mark> và <mark>học bổng</mark>');
    expect(html.startsWith('…')).toBe(true);
    expect(html.endsWith('…')).toBe(true);
    expect(html).not.toMatch(/<(?!\/?mark>)/);
    expect(html.replace(/<\/?mark>|…/g, '').length).toBeLessThanOrEqual(260);
  });

  it('without spans: the start of the text, escaped', () => {
    expect(makeSnippet('a < b', [])).toBe('a &lt; b');
    expect(makeSnippet('x'.repeat(300), [])).toBe(`${'x'.repeat(240)}…`);
  });
});

describe('sqlite engine: writes by another connection', () => {
  it('a search sees documents another connection wrote after the first search (data_version)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sqlite-dv-'));
    const file = path.join(dir, 'db.sqlite');
    const reader = new SqliteEngine({ file, checkpointMs: 0 });
    const writer = new SqliteEngine({ file, checkpointMs: 0 });
    try {
      await reader.init();
      await writer.init();
      const [a, b] = corpus(2, 2);
      await writer.upsert(a.document, a.passages);
      expect((await reader.search({ q: 'quy định' })).total).toBe(1);
      await writer.upsert(b.document, b.passages);
      const r = await reader.search({ q: 'quy định' });
      expect(r.total).toBe(2);
      expect(r.hits.every((h) => h.passages.length > 0)).toBe(true);
    } finally {
      await reader.close();
      await writer.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('index upgrades', () => {
  it('an index written by older code (another INDEX_VERSION, no aliases column) is rebuilt on open and searches the same', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sqlite-upgrade-'));
    const file = path.join(dir, 'index.sqlite');
    try {
      const first = new SqliteEngine({ file });
      await first.init();
      for (let i = 0; i < 2500; i++) {
        await first.upsert(
          { id: `d${i}`, kind: 'khác', title: `Văn bản ${i}`, source: { format: 'txt' }, language: 'vi', refs: [] },
          [{ id: `d${i}:p1`, docId: `d${i}`, ordinal: 0, headingPath: '', anchor: 'p1', text: i % 2 ? 'giáo dục thường xuyên' : 'đào tạo giáo viên', refs: [] }],
        );
      }
      const before = await first.search({ q: 'dao tao' });
      await first.close();
      // Make it look like an index from older code.
      const raw = new Database(file);
      raw.prepare(`UPDATE meta SET value = '0' WHERE key = 'index_version'`).run();
      raw.exec(`ALTER TABLE passages DROP COLUMN aliases`);
      raw.close();
      const second = new SqliteEngine({ file });
      await second.init();
      const after = await second.search({ q: 'dao tao' });
      expect(after.total).toBe(before.total);
      expect(after.total).toBe(1250);
      expect((await second.getDocument('d1'))!.passages[0].text).toBe('giáo dục thường xuyên');
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('search-as-you-type ranking', () => {
  it('the word being typed still pairs with the one before it: "tuyen sinh" ranks "tuyển sinh" above scattered "vô tuyến … sinh"', async () => {
    const e = new SqliteEngine({ file: ':memory:', checkpointMs: 0 });
    const doc = (id: string, title: string, text: string) => ({
      document: DocumentRecord.parse({ id, kind: 'quyết định', title, issuedAt: '2025-01-01', source: { format: 'txt' } }),
      passages: [PassageRecord.parse({ id: `${id}:p1`, docId: id, ordinal: 0, headingPath: 'Điều 1', anchor: 'dieu-1', text, refs: [] })],
    });
    try {
      await e.init();
      await e.upsertMany([
        // "tuyến" and "sinh" many times, never together (the radio-spectrum decision that came first)
        doc('radio', 'Quy hoạch phổ tần số vô tuyến điện', 'Thiết bị vô tuyến điện, vô tuyến định vị, sóng vô tuyến; năng lượng sinh ra, sinh nhiệt, phát sinh nhiễu.'),
        doc('admission', 'Quy chế đào tạo', 'Cơ sở đào tạo tổ chức tuyển sinh theo quy chế.'),
        // other documents, so that the words and the pair have document frequencies bm25 can weigh
        ...corpus(30, 2).map(({ document, passages }) => ({ document: { ...document, id: `x${document.id}` }, passages: passages.map((x) => ({ ...x, id: `x${x.id}`, docId: `x${document.id}` })) })),
      ]);
      for (const prefix of [false, true]) expect(ids(await e.search({ q: 'tuyen sinh', prefix }))[0], `prefix ${prefix}`).toBe('admission');
    } finally {
      await e.close();
    }
  });
});
