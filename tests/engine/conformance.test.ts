/**
 * The SearchEngine contract, written once and run against every engine (tests/engine/engines.ts):
 * sqlite, and a real Meilisearch (the pinned 1.21 binary started by tests/setup/meili-server.ts, or
 * MEILI_HOST when set).
 *
 *   npx vitest run tests/engine/conformance.test.ts
 *   MEILI_HOST=http://127.0.0.1:7700 MEILI_API_KEY=… npx vitest run tests/engine   # another server
 *
 * Expected totals and facets come from a naive reference implementation (fixtures.ts), not from
 * numbers copied out of an engine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentHit, SearchEngine, SearchResult } from '../../src/engine/types.js';
import { engineFactories, MEILI_API_KEY, MEILI_HOST, meiliSkipNotice, type EngineFactory } from './engines.js';
import { FIXTURES, bulkFixtures, byId, countBy, naiveAny, naiveMatches, words, type Fixture } from './fixtures.js';
import { FACETS } from '../../src/kinds/facets.js';
import { highlightSpans, makeSnippet } from '../../src/query/highlight.js';
import { parseQuery } from '../../src/query/query.js';

const factories = engineFactories();
meiliSkipNotice();

describe.runIf(Boolean(MEILI_HOST))('meilisearch server', () => {
  it(`is reachable (${MEILI_HOST})`, async () => {
    const headers: Record<string, string> = MEILI_API_KEY ? { Authorization: `Bearer ${MEILI_API_KEY}` } : {};
    let status = 0;
    let error = '';
    try {
      const res = await fetch(new URL('/health', MEILI_HOST), { headers, signal: AbortSignal.timeout(5000) });
      status = res.status;
    } catch (e) {
      error = String((e as Error).cause ?? e);
    }
    expect({ status, error }, `${MEILI_HOST} did not answer /health; the meilisearch conformance run is invalid`).toEqual({ status: 200, error: '' });
  });
});

async function load(engine: SearchEngine, fixtures: Fixture[], concurrency = 1): Promise<void> {
  for (let i = 0; i < fixtures.length; i += concurrency) {
    await Promise.all(fixtures.slice(i, i + concurrency).map((f) => engine.upsert(f.document, f.passages)));
  }
}

const ids = (r: SearchResult): string[] => r.hits.map((h) => h.document.id);
const facetMap = (list: { value: string; count: number }[]) => new Map(list.map((f) => [f.value, f.count]));
const yearOf = (f: Fixture) => f.document.issuedAt?.slice(0, 4);
const nonSelfRefs = (fixtures: Fixture[], canonical?: string) =>
  fixtures.flatMap((f) => f.passages.flatMap((p) => p.refs.filter((r) => !r.self && (!canonical || r.canonical === canonical))));

/** Remove <mark> and </mark>; what is left must be plain escaped text. */
function assertEscapedSnippet(html: string): void {
  const rest = html.replace(/<\/?mark>/g, '');
  expect(rest).not.toMatch(/[<>]/);
  // every & starts an entity
  expect(rest.replace(/&(amp|lt|gt|quot|#39|#x27);/g, '')).not.toContain('&');
  // marks are balanced and not nested
  const tags = html.match(/<\/?mark>/g) ?? [];
  tags.forEach((t, i) => expect(t).toBe(i % 2 === 0 ? '<mark>' : '</mark>'));
}

function markedWords(html: string): string[] {
  return [...html.matchAll(/<mark>(.*?)<\/mark>/g)].map((m) => m[1]);
}

describe.each(factories.map((f) => [f.name, f] as [string, EngineFactory]))('SearchEngine conformance: %s', (name, factory) => {
  describe('read-only queries over the fixture corpus', () => {
    let engine: SearchEngine;
    let cleanup: () => Promise<void> = async () => undefined;

    beforeAll(async () => {
      const inst = await factory.create('ro');
      engine = inst.engine;
      cleanup = inst.cleanup;
      // load in an order that does not favour the expected winners of the ranking tests
      await load(engine, [...FIXTURES].reverse());
    });
    afterAll(async () => { await cleanup(); });

    it('health reports ok and names the engine', async () => {
      const h = await engine.health();
      expect(h.ok).toBe(true);
      expect(h.engine).toBe(name);
      expect(engine.name).toBe(name);
    });

    it('init is idempotent', async () => {
      await engine.init();
      expect((await engine.stats()).documents).toBe(FIXTURES.length);
    });

    it('stats count documents, passages, non-self references and kinds', async () => {
      const s = await engine.stats();
      expect(s.documents).toBe(FIXTURES.length);
      expect(s.passages).toBe(FIXTURES.reduce((n, f) => n + f.passages.length, 0));
      expect(s.references).toBe(nonSelfRefs(FIXTURES).length);
      expect(facetMap(s.byKind)).toEqual(countBy(FIXTURES.map((f) => f.document.kind)));
    });

    it('getDocument returns the stored record and passages in order; null when unknown', async () => {
      const f = byId('tt-26-2020');
      const got = await engine.getDocument('tt-26-2020');
      expect(got).not.toBeNull();
      expect(got!.document).toEqual(f.document);
      expect(got!.passages.map((p) => p.ordinal)).toEqual(f.passages.map((p) => p.ordinal));
      expect(got!.passages).toEqual(f.passages);
      expect(got!.passages[0].aliases).toEqual(['dieu-1']); // alias anchors round-trip (permalinks land on them)
      expect(await engine.getDocument('no-such-document')).toBeNull();
    });

    it('matches without diacritics: "dao tao" finds passages written "đào tạo"', async () => {
      const r = await engine.search({ q: 'dao tao', limit: 50 });
      const expected = naiveMatches(FIXTURES, 'dao tao');
      expect(expected.docs.length).toBeGreaterThanOrEqual(2);
      expect(new Set(ids(r))).toEqual(new Set(expected.docs.map((f) => f.document.id)));
      expect(r.total).toBe(expected.docs.length);
      expect(r.totalPassages).toBe(expected.passages);
      // the folded text of every document hit really contains the words
      for (const h of r.hits) expect(h.passages.length).toBeGreaterThan(0);
    });

    it('the same query typed with or without marks finds the same documents', async () => {
      const a = await engine.search({ q: 'đánh giá học sinh', limit: 50 });
      const b = await engine.search({ q: 'danh gia hoc sinh', limit: 50 });
      expect(new Set(ids(a))).toEqual(new Set(ids(b)));
      expect(a.total).toBe(naiveMatches(FIXTURES, 'danh gia hoc sinh').docs.length);
    });

    it('tone marks order results: "đường" ranks the road above "tuyên dương", and the reverse', async () => {
      const road = await engine.search({ q: 'đường', limit: 10 });
      expect(new Set(ids(road))).toEqual(new Set(['tb-duong-bo', 'tb-tuyen-duong']));
      expect(ids(road)).toEqual(['tb-duong-bo', 'tb-tuyen-duong']);
      expect(road.hits[0].score).toBeGreaterThanOrEqual(road.hits[1].score);

      const praise = await engine.search({ q: 'dương', limit: 10 });
      expect(ids(praise)).toEqual(['tb-tuyen-duong', 'tb-duong-bo']);

      const plain = await engine.search({ q: 'duong', limit: 10 });
      expect(new Set(ids(plain))).toEqual(new Set(['tb-duong-bo', 'tb-tuyen-duong']));
    });

    it('abbreviations work both ways (shared table src/query/abbreviations.ts)', async () => {
      // "Sở Giáo dục và Đào tạo" is written out in tt-26-2020 (Điều 2)
      const sgd = await engine.search({ q: 'sgddt', limit: 50 });
      expect(ids(sgd)).toContain('tt-26-2020');
      // the long form is what matched, and it is what gets highlighted
      const hit = sgd.hits.find((h) => h.document.id === 'tt-26-2020')!;
      expect(hit.passages.some((p) => p.snippet.includes('<mark>Sở</mark>') || p.snippet.includes('<mark>Sở Giáo dục và Đào tạo</mark>'))).toBe(true);
      expect(ids(await engine.search({ q: 'SGD&ĐT', limit: 50 }))).toContain('tt-26-2020');
      // "trung học cơ sở" is in the title of tt-26-2020
      expect(ids(await engine.search({ q: 'THCS', limit: 50 }))).toContain('tt-26-2020');
      // "NĐ" ↔ "nghị định": every document citing or being 71/2020/NĐ-CP
      const nd = await engine.search({ q: 'nđ 71/2020', limit: 50 });
      expect(new Set(ids(nd))).toEqual(new Set(['tt-26-2020', 'nd-71-2020', 'cv-3414-2020']));
    });

    it('document numbers match whole, in part, and without marks ("71/2020/NĐ-CP", "71/2020", "NĐ-CP", "nd-cp")', async () => {
      const citing71 = new Set(['tt-26-2020', 'nd-71-2020', 'cv-3414-2020']);
      for (const q of ['71/2020/NĐ-CP', '71/2020/ND-CP', '71/2020', 'nghị định 71/2020']) {
        expect(new Set(ids(await engine.search({ q, limit: 50 }))), q).toEqual(citing71);
      }
      for (const q of ['NĐ-CP', 'nd-cp']) {
        expect(new Set(ids(await engine.search({ q, limit: 50 }))), q).toEqual(citing71);
      }
      expect(ids(await engine.search({ q: '58/2011', limit: 50 }))).toEqual(['tt-26-2020']);
      expect((await engine.search({ q: '71/2021', limit: 50 })).total).toBe(0);
    });

    it('a document is found by its own number even when no passage repeats it (number is a searchable field)', async () => {
      // tt-26-2020's passages never write "26/2020/TT-BGDĐT"; only its metadata does. cv-3414-2020 cites it.
      expect(new Set(ids(await engine.search({ q: '26/2020/TT-BGDĐT', limit: 50 })))).toEqual(new Set(['tt-26-2020', 'cv-3414-2020']));
      expect(ids(await engine.search({ q: '15/KH-SGDĐT', limit: 50 }))).toEqual(['kh-15-2021']);
    });

    it('a long query with no passage holding every word is relaxed to any clause (and says so): the same set on every engine', async () => {
      const strict = await engine.search({ q: 'giáo viên đào tạo nâng chuẩn' });
      expect(strict.total).toBeGreaterThan(0);
      expect(strict.relaxed).toBeFalsy();
      // a word found nowhere (xyzzyquux), a number phrase (71/2020), abbreviations (giáo viên ↔ GV, kế hoạch ↔ KH)
      for (const q of ['tuyên dương giáo viên kiểm định xyzzyquux', 'kế hoạch 71/2020 xyzzyquux tổng kết', '58/2011 tuyên dương 2099/9999']) {
        const forms = parseQuery(q).clauses.map((c) => [c.tokens.map((t) => t.folded), ...(c.alternatives ?? [])]);
        const expected = naiveAny(FIXTURES, forms);
        expect(expected.docs.length, q).toBeGreaterThan(0);
        const loose = await engine.search({ q, limit: 50 });
        expect(loose.relaxed, q).toBe(true);
        expect(new Set(ids(loose)), q).toEqual(new Set(expected.docs.map((f) => f.document.id)));
        expect({ total: loose.total, totalPassages: loose.totalPassages }, q).toEqual({ total: expected.docs.length, totalPassages: expected.passages });
        expect(facetMap(loose.facets.kind), q).toEqual(countBy(expected.docs.map((f) => f.document.kind)));
      }
      const two = await engine.search({ q: 'tuyên xyzzyquux' });
      expect(two.total).toBe(0);
      expect(two.relaxed).toBeFalsy();
    });

    it('the engine names the words found nowhere (unmatched), on every engine, relaxed or not', async () => {
      expect((await engine.search({ q: 'tuyên dương giáo viên kiểm định xyzzyquux' })).unmatched).toEqual(['xyzzyquux']);
      expect((await engine.search({ q: 'tuyên xyzzyquux' })).unmatched).toEqual(['xyzzyquux']);
      expect((await engine.search({ q: 'xyzzyquux' })).unmatched).toEqual(['xyzzyquux']);
      expect((await engine.search({ q: 'giáo viên đào tạo' })).unmatched).toEqual([]);
      // 'plain' (the evaluation baseline) does not report them
      expect((await engine.search({ q: 'tuyên xyzzyquux', ranking: 'plain' })).unmatched).toBeUndefined();
    });

    it('a long query (8+ clauses) matches any of its words, ranked by coverage: the passage holding them all first, not flagged relaxed', async () => {
      // nd-71-2020 Điều 3 holds every word; other documents hold some ("giáo viên", "đào tạo", "cơ sở")
      const q = 'giáo viên chưa đạt chuẩn được cử tham gia đào tạo tại cơ sở giáo dục đại học';
      expect(parseQuery(q).clauses.length).toBeGreaterThanOrEqual(8);
      const r = await engine.search({ q, limit: 50 });
      expect(ids(r)[0]).toBe('nd-71-2020');
      expect(r.hits[0].missing).toBeUndefined();
      expect(r.relaxed).toBeFalsy();
      expect(r.unmatched).toEqual([]);
      expect(r.total).toBeGreaterThan(1);
      // with a word found nowhere and words no passage holds together: the document holding most of them first
      const loose = await engine.search({ q: 'học sinh được khen thưởng tuyên dương xyzzyquux giáo viên nâng chuẩn', limit: 50 });
      expect(loose.unmatched).toEqual(['xyzzyquux']);
      expect(ids(loose)[0]).toBe('tb-tuyen-duong');
      expect(ids(loose)).toEqual(expect.arrayContaining(['nd-71-2020', 'tb-duong-bo']));
      for (const h of loose.hits) expect(h.missing ?? []).not.toContain('xyzzyquux');
    });

    it('abbreviations whose long form has 4+ words match both ways ("ủy ban nhân dân" ↔ UBND, "giáo dục và đào tạo" ↔ GD&ĐT)', async () => {
      // qd-ubnd-2022 Điều 1 writes only "UBND" and "GD&ĐT"; Điều 3 writes only "Ủy ban nhân dân"
      const passageIds = (r: SearchResult) => r.hits.flatMap((h) => h.passages.map((p) => p.id));
      const long = await engine.search({ q: 'ủy ban nhân dân', limit: 50, passagesPerDoc: 5 });
      expect(ids(long)).toEqual(['qd-ubnd-2022']);
      expect(passageIds(long)).toEqual(expect.arrayContaining(['qd-ubnd-2022:p1', 'qd-ubnd-2022:p3']));
      const short = await engine.search({ q: 'UBND', limit: 50, passagesPerDoc: 5 });
      expect(passageIds(short)).toEqual(expect.arrayContaining(['qd-ubnd-2022:p1', 'qd-ubnd-2022:p3']));
      const gddt = await engine.search({ q: 'giáo dục và đào tạo', limit: 50, passagesPerDoc: 5 });
      expect(passageIds(gddt)).toEqual(expect.arrayContaining(['qd-ubnd-2022:p1', 'tt-26-2020:p3']));
      for (const q of ['GD&ĐT', 'gddt', 'gd-đt']) {
        expect(passageIds(await engine.search({ q, limit: 50, passagesPerDoc: 5 })), q).toEqual(expect.arrayContaining(['qd-ubnd-2022:p1', 'tt-26-2020:p3']));
      }
      // the long form's words alone do not match the abbreviation: "đào tạo" is not "GD&ĐT"
      expect(ids(await engine.search({ q: 'đào tạo', limit: 50 }))).not.toContain('qd-ubnd-2022');
      // highlighted where it matched
      const p1 = gddt.hits.find((h) => h.document.id === 'qd-ubnd-2022')!.passages.find((p) => p.id === 'qd-ubnd-2022:p1')!;
      expect(p1.snippet).toMatch(/<mark>GD&amp;ĐT<\/mark>|<mark>GD<\/mark>&amp;<mark>ĐT<\/mark>/);
    });

    it('hits are grouped by document: each document once, passages belong to it, at most passagesPerDoc', async () => {
      const r = await engine.search({ q: 'giáo viên', limit: 20, passagesPerDoc: 1 });
      expect(new Set(ids(r)).size).toBe(r.hits.length);
      for (const h of r.hits) {
        expect(h.passages.length).toBeLessThanOrEqual(1);
        const f = byId(h.document.id);
        for (const p of h.passages) expect(f.passages.map((x) => x.id)).toContain(p.id);
      }
      const r2 = await engine.search({ q: 'giáo viên', limit: 20, passagesPerDoc: 3 });
      const nd = r2.hits.find((h) => h.document.id === 'nd-71-2020')!;
      expect(nd).toBeDefined();
      // all three passages of the decree mention giáo viên (title included)
      expect(nd.passages.length).toBe(3);
      const passage = nd.passages.find((p) => p.id === 'nd-71-2020:p2')!;
      expect(passage).toMatchObject({ anchor: 'p2', headingPath: 'Điều 3', ordinal: 1 });
    });

    it('document summaries carry the metadata', async () => {
      const r = await engine.search({ q: 'tổng kết học kỳ', limit: 5 });
      const h = r.hits.find((x) => x.document.id === 'cv-34140-2021')!;
      expect(h).toBeDefined();
      const d = byId('cv-34140-2021').document;
      expect(h.document).toMatchObject({
        id: d.id, kind: d.kind, number: d.number, refId: d.refId, title: d.title, issuer: d.issuer, issuedAt: d.issuedAt, url: d.source.url,
      });
    });

    it('filters by kind, issuer, year, date range and docIds; facets count matching documents', async () => {
      const q = 'học sinh';
      const all = naiveMatches(FIXTURES, q).docs;
      expect(all.length).toBeGreaterThanOrEqual(6);

      const r = await engine.search({ q, limit: 50 });
      expect(r.total).toBe(all.length);
      expect(facetMap(r.facets.kind)).toEqual(countBy(all.map((f) => f.document.kind)));
      expect(facetMap(r.facets.issuer)).toEqual(countBy(all.map((f) => f.document.issuer)));
      expect(facetMap(r.facets.year)).toEqual(countBy(all.map(yearOf)));
      // facets are sorted by count, descending
      const counts = r.facets.issuer.map((f) => f.count);
      expect([...counts].sort((a, b) => b - a)).toEqual(counts);

      const cases: [string, Parameters<SearchEngine['search']>[0]['filters'], (f: Fixture) => boolean][] = [
        ['kind', { kind: ['công văn'] }, (f) => f.document.kind === 'công văn'],
        ['kind (two values)', { kind: ['công văn', 'thông báo'] }, (f) => ['công văn', 'thông báo'].includes(f.document.kind)],
        ['issuer', { issuer: ['Bộ Giáo dục và Đào tạo'] }, (f) => f.document.issuer === 'Bộ Giáo dục và Đào tạo'],
        ['year', { year: [2021] }, (f) => yearOf(f) === '2021'],
        ['date range', { dateFrom: '2020-09-01', dateTo: '2021-03-15' }, (f) => f.document.issuedAt! >= '2020-09-01' && f.document.issuedAt! <= '2021-03-15'],
        ['date range by year and month (inclusive)', { dateFrom: '2020-09', dateTo: '2021' }, (f) => f.document.issuedAt! >= '2020-09' && f.document.issuedAt!.slice(0, 4) <= '2021'],
        ['kind + year', { kind: ['thông báo'], year: [2021] }, (f) => f.document.kind === 'thông báo' && yearOf(f) === '2021'],
        ['docIds', { docIds: ['tt-26-2020', 'kh-15-2021', 'not-there'] }, (f) => ['tt-26-2020', 'kh-15-2021'].includes(f.document.id)],
        ['docIdPrefix', { docIdPrefix: ['cv-', 'tb-duong'] }, (f) => f.document.id.startsWith('cv-') || f.document.id.startsWith('tb-duong')],
        ['docIdPrefix + kind', { docIdPrefix: ['cv-3414'], kind: ['công văn'] }, (f) => f.document.id.startsWith('cv-3414')],
      ];
      for (const [label, filters, keep] of cases) {
        const expected = all.filter(keep);
        expect(expected.length, label).toBeGreaterThan(0);
        const got = await engine.search({ q, filters, limit: 50 });
        expect(new Set(ids(got)), label).toEqual(new Set(expected.map((f) => f.document.id)));
        expect(got.total, label).toBe(expected.length);
        expect(facetMap(got.facets.kind), label).toEqual(countBy(expected.map((f) => f.document.kind)));
        expect(facetMap(got.facets.year), label).toEqual(countBy(expected.map(yearOf)));
      }
    });

    it('paginates over documents: pages are disjoint, cover every match, totals stay constant', async () => {
      const q = 'học sinh';
      const expected = naiveMatches(FIXTURES, q);
      const seen: string[] = [];
      for (let offset = 0; offset < expected.docs.length + 2; offset += 2) {
        const r = await engine.search({ q, limit: 2, offset });
        expect(r.total).toBe(expected.docs.length);
        expect(r.totalPassages).toBe(expected.passages);
        expect(r.hits.length).toBe(Math.max(0, Math.min(2, expected.docs.length - offset)));
        seen.push(...ids(r));
      }
      expect(seen.length).toBe(new Set(seen).size);
      expect(new Set(seen)).toEqual(new Set(expected.docs.map((f) => f.document.id)));
      // an odd offset returns the same order as a big page
      const big = await engine.search({ q, limit: 50 });
      const odd = await engine.search({ q, limit: 3, offset: 1 });
      expect(ids(odd)).toEqual(ids(big).slice(1, 4));
    });

    it('sort=date orders documents newest first', async () => {
      const r = await engine.search({ q: 'học sinh', sort: 'date', limit: 50 });
      const dates = r.hits.map((h) => h.document.issuedAt ?? '');
      expect(dates).toEqual([...dates].sort().reverse());
      expect(r.total).toBe(naiveMatches(FIXTURES, 'học sinh').docs.length);
    });

    it('empty docIds / docIdPrefix lists match nothing', async () => {
      expect((await engine.search({ q: 'học sinh', filters: { docIds: [] } })).total).toBe(0);
      expect((await engine.search({ q: 'học sinh', filters: { docIdPrefix: [] } })).total).toBe(0);
    });

    it('a query that matches nothing returns an empty, well-formed result', async () => {
      const r = await engine.search({ q: 'xyzzyquux' });
      expect(r).toMatchObject({ total: 0, totalPassages: 0, hits: [] });
      expect(r.facets).toEqual({ kind: [], issuer: [], year: [], status: [] });
    });

    it('snippets highlight with <mark> and escape everything else (<script>, &)', async () => {
      const r = await engine.search({ q: 'script báo cáo', limit: 5 });
      const h = r.hits.find((x) => x.document.id === 'kh-15-2021')!;
      expect(h).toBeDefined();
      const p = h.passages.find((x) => x.id === 'kh-15-2021:p1')!;
      expect(p).toBeDefined();
      assertEscapedSnippet(p.snippet);
      expect(p.snippet).toContain('&lt;');
      expect(p.snippet).toContain('&amp;');
      expect(p.snippet).not.toContain('<script');
      // a mark may span several adjacent matched words (FTS5 merges them), never other words
      const marked = markedWords(p.snippet).flatMap((m) => words(m.replace(/&[a-z#0-9]+;/g, ' ')));
      expect(marked.length).toBeGreaterThan(0);
      for (const w of marked) expect(['script', 'bao', 'cao']).toContain(w);
      expect(marked).toContain('script');
      for (const hit of (await engine.search({ q: 'giáo viên đào tạo', limit: 20 })).hits) {
        for (const ps of hit.passages) assertEscapedSnippet(ps.snippet);
      }
    });

    it('accented highlights keep the original text', async () => {
      const r = await engine.search({ q: 'dao tao', limit: 20 });
      const all = r.hits.flatMap((h: DocumentHit) => h.passages.map((p) => p.snippet));
      const marked = all.flatMap(markedWords);
      expect(marked.length).toBeGreaterThan(0);
      expect(marked.some((w) => w === 'đào' || w === 'tạo' || w === 'Đào' || w === 'Đào tạo' || w === 'đào tạo')).toBe(true);
      for (const w of marked) expect(words(w).every((x) => x === 'dao' || x === 'tao')).toBe(true);
    });

    it('citing(refId) lists the passages citing a canonical id, never the document\'s own number', async () => {
      const expected = nonSelfRefs(FIXTURES, '71-2020-nd-cp');
      expect(expected.length).toBe(3);
      const r = await engine.citing('71-2020-nd-cp');
      expect(r.total).toBe(expected.length);
      expect(r.items.length).toBe(expected.length);
      for (const it of r.items) {
        expect(it.reference.canonical).toBe('71-2020-nd-cp');
        expect(it.reference.self).not.toBe(true);
        expect(it.document.id).toBe(it.docId);
        expect(it.docId).not.toBe('nd-71-2020');
        const f = byId(it.docId);
        const p = f.passages.find((x) => x.id === it.passageId)!;
        expect(p).toBeDefined();
        expect(it.anchor).toBe(p.anchor);
        expect(it.headingPath).toBe(p.headingPath);
        expect(it.context).toContain(it.reference.raw);
        expect(it.context).not.toMatch(/<mark>/);
      }
      expect(new Set(r.items.map((i) => i.docId))).toEqual(new Set(['tt-26-2020', 'cv-3414-2020']));
      // pagination
      const a = await engine.citing('71-2020-nd-cp', { limit: 2, offset: 0 });
      const b = await engine.citing('71-2020-nd-cp', { limit: 2, offset: 2 });
      expect(a.total).toBe(3);
      expect(a.items.length).toBe(2);
      expect(b.items.length).toBe(1);
      const key = (x: { passageId: string; reference: { start: number } }) => `${x.passageId}@${x.reference.start}`;
      expect(new Set([...a.items, ...b.items].map(key)).size).toBe(3);
      expect(await engine.citing('99-2099-nd-cp')).toEqual({ total: 0, items: [] });
    });

    it('citing(prefix, {prefix: true}) also lists citations of ids that extend it by whole segments', async () => {
      const exact = await engine.citing('71-2020-nd-cp');
      const byPrefix = await engine.citing('71-2020-nd', { prefix: true });
      expect(byPrefix.total).toBe(exact.total);
      expect(byPrefix.items.map((c) => c.passageId).sort()).toEqual(exact.items.map((c) => c.passageId).sort());
      expect((await engine.citing('71-2020-nd')).total).toBe(0); // without the option: exact ids only
      expect((await engine.citing('71-2020-n', { prefix: true })).total).toBe(0); // segments, not characters
    });

    it('findByRefId and findByRefPrefix (whole segments)', async () => {
      expect((await engine.findByRefId('71-2020-nd-cp')).map((d) => d.id)).toEqual(['nd-71-2020']);
      expect(await engine.findByRefId('71-2020')).toEqual([]);
      const pre = await engine.findByRefPrefix('3414-bgddt-gdtrh');
      expect(new Set(pre.map((d) => d.id))).toEqual(new Set(['cv-3414-2020', 'cv-3414-2019']));
      expect(pre.find((d) => d.id === 'cv-3414-2020')).toMatchObject({ refId: '3414-bgddt-gdtrh-2020', kind: 'công văn', number: '3414/BGDĐT-GDTrH' });
      expect(new Set((await engine.findByRefPrefix('3414')).map((d) => d.id))).toEqual(new Set(['cv-3414-2020', 'cv-3414-2019']));
      expect((await engine.findByRefPrefix('3414-bgddt-gdtrh-2020')).map((d) => d.id)).toEqual(['cv-3414-2020']);
      expect(await engine.findByRefPrefix('999')).toEqual([]);
    });

    it('findByRefIds / citingCounts answer many ids in one call, each as the single call does', async () => {
      const cited = [...new Set(nonSelfRefs(FIXTURES).map((r) => r.canonical))];
      const own = FIXTURES.map((f) => f.document.refId).filter((x): x is string => !!x);
      const asked = [...new Set([...cited, ...own, '3414-bgddt-gdtrh', '3414', '71-2020-nd', '71-2020-n', '99-2099-nd-cp'])];
      expect(asked.length).toBeGreaterThan(8);
      const key = (list: { id: string }[]) => list.map((d) => d.id).sort();
      for (const prefix of [false, true]) {
        const docs = await engine.findByRefIds(asked, { prefix });
        const counts = await engine.citingCounts(asked, { prefix });
        expect([...docs.keys()].sort()).toEqual([...asked].sort());
        expect([...counts.keys()].sort()).toEqual([...asked].sort());
        for (const id of asked) {
          const single = prefix ? await engine.findByRefPrefix(id) : await engine.findByRefId(id);
          expect(key(docs.get(id)!), `${id} prefix=${prefix}`).toEqual(key(single));
          if (single.length) expect(docs.get(id)!.find((d) => d.id === single[0].id), id).toEqual(single[0]);
          expect(counts.get(id), `${id} prefix=${prefix}`).toBe((await engine.citing(id, { prefix })).total);
        }
      }
      // the fixtures' known answers, not only agreement between the two forms
      expect(key((await engine.findByRefIds(['3414-bgddt-gdtrh'], { prefix: true })).get('3414-bgddt-gdtrh')!)).toEqual(['cv-3414-2019', 'cv-3414-2020']);
      expect((await engine.citingCounts(['71-2020-nd-cp'])).get('71-2020-nd-cp')).toBe(nonSelfRefs(FIXTURES, '71-2020-nd-cp').length);
      expect((await engine.findByRefIds([])).size).toBe(0);
    });

    it('every facet of the registry (src/kinds/facets.ts) is counted and filters exactly', async () => {
      const q = 'học sinh';
      const all = naiveMatches(FIXTURES, q).docs;
      const r = await engine.search({ q, limit: 50 });
      for (const f of FACETS) {
        const valueOf = (x: Fixture) => { const v = f.of(x.document); return v === undefined ? undefined : String(v); };
        expect(facetMap(r.facets[f.key]), f.key).toEqual(countBy(all.map(valueOf)));
        const top = r.facets[f.key][0];
        expect(top, f.key).toBeDefined();
        const value = f.type === 'number' ? Number(top.value) : top.value;
        const got = await engine.search({ q, limit: 50, filters: { [f.key]: [value] } });
        const expected = all.filter((x) => valueOf(x) === top.value).map((x) => x.document.id);
        expect(new Set(ids(got)), f.key).toEqual(new Set(expected));
        expect(got.total, f.key).toBe(top.count);
      }
    });

    it('snippets are the shared algorithm\'s (makeSnippet over highlightSpans) for the stored passage text', async () => {
      for (const q of ['dao tao', 'học sinh', 'giáo viên đào tạo', 'nd 71/2020']) {
        const pq = parseQuery(q);
        const r = await engine.search({ q, limit: 20 });
        expect(r.hits.length, q).toBeGreaterThan(0);
        for (const hit of r.hits) {
          const stored = (await engine.getDocument(hit.document.id))!;
          for (const p of hit.passages) {
            const text = stored.passages.find((x) => x.id === p.id)!.text;
            expect(p.snippet, `${q} ${p.id}`).toBe(makeSnippet(text, highlightSpans(text, pq)));
          }
        }
      }
    });

    it('allDocuments yields every document with its passages', async () => {
      const got = new Map<string, number>();
      for await (const d of engine.allDocuments()) got.set(d.document.id, d.passages.length);
      expect(got).toEqual(new Map(FIXTURES.map((f) => [f.document.id, f.passages.length])));
    });
  });

  describe('writes: upsert, replace, delete, sources', () => {
    let engine: SearchEngine;
    let cleanup: () => Promise<void> = async () => undefined;
    beforeAll(async () => {
      const inst = await factory.create('rw');
      engine = inst.engine;
      cleanup = inst.cleanup;
    });
    afterAll(async () => { await cleanup(); });

    it('starts empty', async () => {
      expect(await engine.stats()).toMatchObject({ documents: 0, passages: 0, references: 0 });
      expect((await engine.search({ q: 'học sinh' })).total).toBe(0);
    });

    it('upsert is idempotent', async () => {
      const f = byId('cv-3414-2020');
      await engine.upsert(f.document, f.passages);
      const s1 = await engine.stats();
      const r1 = await engine.search({ q: 'nghị định' });
      await engine.upsert(f.document, f.passages);
      expect(await engine.stats()).toEqual(s1);
      expect(s1).toMatchObject({ documents: 1, passages: 2, references: 3 });
      const r2 = await engine.search({ q: 'nghị định' });
      expect({ total: r2.total, totalPassages: r2.totalPassages, ids: ids(r2) }).toEqual({ total: r1.total, totalPassages: r1.totalPassages, ids: ids(r1) });
      expect((await engine.citing('71-2020-nd-cp')).total).toBe(2);
    });

    it('re-upsert replaces metadata and the whole passage set', async () => {
      const f = byId('cv-3414-2020');
      const document = { ...f.document, title: 'Hướng dẫn điều chỉnh nhiệm vụ năm học', kind: 'hướng dẫn', refs: [] };
      const passages = [
        { ...f.passages[0], text: 'Các Sở tổ chức bồi dưỡng thường xuyên cho giáo viên trong hè.', refs: [] },
      ];
      await engine.upsert(document, passages);
      const got = await engine.getDocument(f.document.id);
      expect(got!.document.kind).toBe('hướng dẫn');
      expect(got!.passages.map((p) => p.text)).toEqual([passages[0].text]);
      expect(await engine.stats()).toMatchObject({ documents: 1, passages: 1, references: 0, byKind: [{ value: 'hướng dẫn', count: 1 }] });
      expect((await engine.search({ q: 'rà soát đội ngũ' })).total).toBe(0);
      const r = await engine.search({ q: 'boi duong thuong xuyen' });
      expect(ids(r)).toEqual([f.document.id]);
      expect(r.hits[0].document.kind).toBe('hướng dẫn');
      expect((await engine.search({ q: 'bồi dưỡng', filters: { kind: ['công văn'] } })).total).toBe(0);
      expect(await engine.citing('71-2020-nd-cp')).toEqual({ total: 0, items: [] });
    });

    it('a document with several sources (ingest/merge.ts) keeps them all, OCR marks included; one entry for its refId; a re-upsert with one source drops the list', async () => {
      const f = byId('nd-71-2020');
      const pdf = { path: '/corpus/nd-71.pdf', format: 'pdf', sha256: 'a'.repeat(64), ocr: { engine: 'tesseract 5.3.0 (vie)', confidence: 91.5, pages: [{ page: 1, confidence: 91.5, words: 320 }] } };
      const doc = { path: '/corpus/nd-71.doc', format: 'doc', sha256: 'b'.repeat(64) };
      await engine.upsert({ ...f.document, source: doc, sources: [doc, pdf] }, f.passages);
      const got = await engine.getDocument(f.document.id);
      expect(got!.document.source).toEqual(doc);
      expect(got!.document.sources).toEqual([doc, pdf]);
      expect((await engine.findByRefId('71-2020-nd-cp')).map((d) => d.id)).toEqual([f.document.id]);
      const all: string[] = [];
      for await (const d of engine.allDocuments()) if (d.document.id === f.document.id) all.push(JSON.stringify(d.document.sources));
      expect(all).toEqual([JSON.stringify([doc, pdf])]);
      await engine.upsert({ ...f.document, source: pdf }, f.passages);
      const after = await engine.getDocument(f.document.id);
      expect(after!.document.sources).toBeUndefined();
      expect(after!.document.source.ocr?.pages).toEqual([{ page: 1, confidence: 91.5, words: 320 }]);
      expect(await engine.delete(f.document.id)).toBe(true);
    });

    it('delete removes the document, its passages and citations; false when absent', async () => {
      const f = byId('tt-26-2020');
      await engine.upsert(f.document, f.passages);
      expect((await engine.citing('71-2020-nd-cp')).total).toBe(1);
      expect(await engine.delete(f.document.id)).toBe(true);
      expect(await engine.getDocument(f.document.id)).toBeNull();
      expect((await engine.search({ q: 'xếp loại' })).total).toBe(0);
      expect((await engine.citing('71-2020-nd-cp')).total).toBe(0);
      expect(await engine.findByRefId('26-2020-tt-bgddt')).toEqual([]);
      expect(await engine.delete(f.document.id)).toBe(false);
      expect((await engine.stats()).documents).toBe(1);
    });

    it('upsertMany (optional batch write used by ingest) stores and replaces several documents at once', async (ctx) => {
      const many = (engine as SearchEngine & { upsertMany?: (items: Fixture[]) => Promise<void> }).upsertMany;
      if (!many) { ctx.skip(); return; }
      const before = (await engine.stats()).documents;
      const batch = [byId('kh-15-2021'), byId('tb-duong-bo'), byId('tb-tuyen-duong')];
      await many.call(engine, batch);
      expect((await engine.stats()).documents).toBe(before + 3);
      const replaced = { ...batch[1], passages: batch[1].passages.map((p) => ({ ...p, text: 'Nội dung đã được thay thế hoàn toàn.' })) };
      await many.call(engine, [replaced, batch[2]]);
      expect((await engine.stats()).documents).toBe(before + 3);
      expect((await engine.search({ q: 'kỹ năng' })).total).toBe(0); // only in the replaced text
      expect(ids(await engine.search({ q: 'thay thế hoàn toàn' }))).toEqual(['tb-duong-bo']);
      for (const f of batch) expect(await engine.delete(f.document.id)).toBe(true);
      expect((await engine.stats()).documents).toBe(before);
    });

    it('words joined by any dash or an ellipsis are found alone (en/em dash, hyphen, non-breaking hyphen, …)', async () => {
      const f = byId('tb-duong-bo');
      const before = (await engine.stats()).documents;
      const passages = [{ ...f.passages[0], text: 'Lớp bồi dưỡng hè–thu tổ chức ở Hà‑Nội—Huế, kéo dài…mười‐hai ngày.' }];
      await engine.upsert(f.document, passages);
      for (const q of ['thu', 'Nội', 'huế', 'mười', 'hai ngày']) expect(ids(await engine.search({ q })), q).toEqual([f.document.id]);
      expect(await engine.delete(f.document.id)).toBe(true);
      expect((await engine.stats()).documents).toBe(before);
    });

    it('keeps per-source ingest state (set, replace, delete)', async () => {
      expect(await engine.getSources()).toEqual([]);
      await engine.setSource({ path: 'corpus/a.txt', sha256: 'aa', docIds: ['x1'] });
      await engine.setSource({ path: 'corpus/thư mục/b.pdf', sha256: 'bb', docIds: ['x2', 'x3'] });
      await engine.setSource({ path: 'corpus/a.txt', sha256: 'a2', docIds: [] });
      const got = (await engine.getSources()).sort((x, y) => x.path.localeCompare(y.path));
      expect(got).toEqual([
        { path: 'corpus/a.txt', sha256: 'a2', docIds: [] },
        { path: 'corpus/thư mục/b.pdf', sha256: 'bb', docIds: ['x2', 'x3'] },
      ]);
      await engine.deleteSource('corpus/a.txt');
      await engine.deleteSource('corpus/never-seen.txt');
      expect((await engine.getSources()).map((s) => s.path)).toEqual(['corpus/thư mục/b.pdf']);
    });
  });

  describe('batches of thousands of passages', () => {
    let engine: SearchEngine;
    let cleanup: () => Promise<void> = async () => undefined;
    const bulk = bulkFixtures(200, 20);
    beforeAll(async () => {
      const inst = await factory.create('bulk');
      engine = inst.engine;
      cleanup = inst.cleanup;
    });
    afterAll(async () => { await cleanup(); });

    it('ingests 200 documents × 20 passages and counts them exactly', async () => {
      const t0 = Date.now();
      await load(engine, bulk, 8);
      const ms = Date.now() - t0;
      console.info(`[engine conformance] ${name}: upserted ${bulk.length} documents / ${bulk.length * 20} passages in ${ms} ms`);
      expect(await engine.stats()).toMatchObject({ documents: 200, passages: 4000, references: 0 });
      const r = await engine.search({ q: 'kiểm định chất lượng', limit: 100, passagesPerDoc: 2 });
      expect(r.total).toBe(200);
      expect(r.totalPassages).toBe(4000);
      expect(r.hits.length).toBe(100);
      expect(new Set(ids(r)).size).toBe(100);
      for (const h of r.hits) expect(h.passages.length).toBe(2);
      const kinds = facetMap(r.facets.kind);
      expect(kinds).toEqual(countBy(bulk.map((f) => f.document.kind)));
      const last = await engine.search({ q: 'kiểm định chất lượng', limit: 100, offset: 100 });
      expect(new Set([...ids(r), ...ids(last)]).size).toBe(200);
      let n = 0;
      let p = 0;
      for await (const d of engine.allDocuments()) { n++; p += d.passages.length; }
      expect({ n, p }).toEqual({ n: 200, p: 4000 });
    }, 300_000);
  });
});
