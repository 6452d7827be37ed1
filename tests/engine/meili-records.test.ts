/**
 * Pure helpers of the Meilisearch adapter (no server, no HTTP): record building, ids, filters,
 * query strings, snippets, accent score. Properties with fast-check against naive definitions.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ABBREVIATION_KEYS, abbreviationKeys, accentScore, buildFilter, clauseKey, clauseMatcher, clausesIn, searchCopy, dayNumber, lit, meiliQuery, nextRevision, pkOf, refIdPrefixes, snippetHtml,
  toPassageDoc, toRefDocs,
} from '../../src/engine/meili/records.js';
import { PASSAGES_SETTINGS, settingsMatch } from '../../src/engine/meili/settings.js';
import { parseQuery } from '../../src/query/query.js';
import { fold } from '../../src/text/fold.js';
import { byId } from './fixtures.js';

describe('ids, dates, prefixes', () => {
  it('pkOf keeps Meilisearch-safe ids and hashes the others, without collisions', () => {
    expect(pkOf('nd-71-2020')).toBe('nd-71-2020');
    expect(pkOf('nd-71-2020:p3')).toMatch(/^h_[0-9a-f]{40}$/);
    expect(pkOf('a.b')).not.toBe(pkOf('a-b'));
    fc.assert(fc.property(fc.string({ maxLength: 600 }), fc.string({ maxLength: 600 }), (a, b) => {
      const pa = pkOf(a);
      expect(pa).toMatch(/^[A-Za-z0-9_-]{1,511}$/);
      if (a !== b) expect(pa).not.toBe(pkOf(b));
    }));
  });

  it('dayNumber orders like the ISO strings it comes from', () => {
    expect(dayNumber('2020-09-04')).toBe(20200904);
    expect(dayNumber('2020-09-04T10:00:00Z')).toBe(20200904);
    expect(dayNumber('2020')).toBe(20200000);
    expect(dayNumber('ngày 4')).toBeUndefined();
    fc.assert(fc.property(fc.date({ min: new Date('1945-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }), fc.date({ min: new Date('1945-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }), (a, b) => {
      const sa = a.toISOString().slice(0, 10);
      const sb = b.toISOString().slice(0, 10);
      expect(Math.sign(dayNumber(sa)! - dayNumber(sb)!)).toBe(Math.sign(sa.localeCompare(sb)));
    }));
  });

  it('refIdPrefixes are whole segments', () => {
    expect(refIdPrefixes('3414-bgddt-gdtrh-2020')).toEqual(['3414', '3414-bgddt', '3414-bgddt-gdtrh', '3414-bgddt-gdtrh-2020']);
    expect(refIdPrefixes(undefined)).toEqual([]);
  });

  it('revisions strictly increase within a process', () => {
    const a = nextRevision();
    const b = nextRevision();
    expect(b).toBeGreaterThan(a);
    expect(Number.isSafeInteger(b)).toBe(true);
  });
});

describe('records', () => {
  it('a passage record carries folded search fields, denormalised metadata and non-self ref ids', () => {
    const f = byId('nd-71-2020');
    const p = toPassageDoc(f.document, f.passages[0], 1);
    expect(p.refIds).toEqual([]); // its only reference is the document's own number
    expect(p).toMatchObject({ kind: 'nghị định', year: 2020, issuedDay: 20200630, numberF: '71/2020/nd-cp', docId: 'nd-71-2020' });
    expect(p.textF).toBe(fold(p.text));
    // portal scopes filter with `docId STARTS WITH`: no stored list of the id's prefixes
    expect(p).not.toHaveProperty('docIdPrefixes');
    expect(p.textF.length).toBe(p.text.length);
    expect(toRefDocs(f.document, f.passages[0], 1)).toEqual([]);
    const cv = byId('cv-3414-2020');
    const refs = toRefDocs(cv.document, cv.passages[1], 1);
    expect(refs.map((r) => r.canonical)).toEqual(['26-2020-tt-bgddt', '71-2020-nd-cp']);
    expect(new Set(refs.map((r) => r.pk)).size).toBe(2);
    expect(refs[1].canonicalPrefixes).toEqual(['71', '71-2020', '71-2020-nd', '71-2020-nd-cp']);
    for (const r of refs) expect(r.context).toContain(JSON.parse(r.refJson).raw);
  });
  it('searchable copies write the non-breaking hyphen as "-" (Meilisearch splits on every other dash by default; no custom separators)', () => {
    const f = byId('nd-71-2020');
    const p = toPassageDoc(f.document, { ...f.passages[0], text: 'Hà‑Nội – Huế' }, 1);
    expect(p.textF).toBe('ha-noi – hue');
    expect(p.textF.length).toBe(p.text.length);
    expect(searchCopy('Số 71‑2020')).toBe(fold('Số 71-2020'));
    expect(PASSAGES_SETTINGS.separatorTokens).toEqual([]);
  });
});

describe('filters', () => {
  it('builds quoted, escaped Meilisearch filter expressions', () => {
    expect(buildFilter(undefined)).toEqual([]);
    expect(buildFilter({ docIds: [] })).toBeNull();
    expect(buildFilter({ kind: ['công văn'], year: [2020], dateFrom: '2020-01-01', dateTo: '2020' })).toEqual([
      'kind IN ["công văn"]', 'year IN [2020]', 'issuedDay >= 20200101', 'issuedDay <= 20201231',
    ]);
    expect(buildFilter({ dateTo: '2020-02' })).toEqual(['issuedDay <= 20200231']);
    expect(() => buildFilter({ dateFrom: 'yesterday' })).toThrow(/dateFrom/);
    expect(lit('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(buildFilter({ docIdPrefix: ['sgd-hn-', 'pgd'] })).toEqual(['(docId STARTS WITH "sgd-hn-" OR docId STARTS WITH "pgd")']);
    expect(buildFilter({ docIdPrefix: ['sgd-"x'] })).toEqual(['docId STARTS WITH "sgd-\\"x"']);
    expect(buildFilter({ docIdPrefix: [] })).toBeNull();
    expect(buildFilter({ docIdPrefix: ['', 'x'] })).toEqual([]);
  });
});

describe('query strings', () => {
  it('folds words, keeps number-like chunks and quotes as phrases, abbreviations as their key, trailing space unless prefix', () => {
    expect(meiliQuery(parseQuery('Đánh giá học sinh'), false)).toBe('danh gia zqhocsinhqz ');
    expect(meiliQuery(parseQuery('Đánh giá học sinh', { abbreviations: false }), false)).toBe('danh gia hoc sinh ');
    expect(meiliQuery(parseQuery('danh gi', { prefix: true }), true)).toBe('danh gi');
    expect(meiliQuery(parseQuery('danh gia hs', { prefix: true }), true)).toBe('danh gia zqhocsinhqz ');
    expect(meiliQuery(parseQuery('Nghị định 71/2020/NĐ-CP'), false)).toBe('zqnghidinhqz "71 2020 nd cp" ');
    expect(meiliQuery(parseQuery('"kiểm định chất lượng"'), false)).toBe('"kiem dinh chat luong" ');
    expect(meiliQuery(parseQuery('  '), false)).toBe('');
    expect(meiliQuery(parseQuery('"'), false)).toBe('');
  });

  it('never sends an unbalanced quote', () => {
    fc.assert(fc.property(fc.string({ maxLength: 80 }), (q) => {
      const s = meiliQuery(parseQuery(q), false);
      expect((s.match(/"/g) ?? []).length % 2).toBe(0);
    }));
  });
});

describe('accent score', () => {
  it('is the share of accented query words found with the same marks', () => {
    expect(accentScore(parseQuery('đường'), 'An toàn trên đường.')).toBe(1);
    expect(accentScore(parseQuery('đường'), 'Được tuyên dương.')).toBe(0);
    expect(accentScore(parseQuery('duong'), 'An toàn trên đường.')).toBe(0);
    expect(accentScore(parseQuery('đường dương'), 'đường')).toBe(0.5);
  });
});

describe('snippets', () => {
  it('marks query words on the original text and escapes the rest', () => {
    const pq = parseQuery('dao tao');
    expect(snippetHtml('Cử đi <đào tạo> & "bồi dưỡng"', pq).html).toBe('Cử đi &lt;<mark>đào</mark> <mark>tạo</mark>&gt; &amp; &quot;bồi dưỡng&quot;');
    const long = `${'Mở đầu văn bản. '.repeat(40)}giáo viên được đào tạo lại. ${'Kết thúc. '.repeat(40)}`;
    const s = snippetHtml(long, pq, 120);
    expect(s.marked).toBe(true);
    expect(s.html.startsWith('…')).toBe(true);
    expect(s.html.endsWith('…')).toBe(true);
    expect(s.html).toContain('<mark>đào</mark>');
    expect(snippetHtml('không khớp gì', pq)).toEqual({ html: 'không khớp gì', marked: false });
  });

  it('property: only <mark> is markup, and the text without tags is the escaped window of the original', () => {
    const word = fc.constantFrom('đào', 'tạo', 'dao', '<script>', '&', '"', "'", 'học', 'sinh', 'x', '>', 'Đào', 'amp;');
    fc.assert(fc.property(fc.array(word, { maxLength: 60 }), fc.constantFrom('dao tao', 'hoc', 'script', 'amp'), (ws, q) => {
      const text = ws.join(' ');
      const { html } = snippetHtml(text, parseQuery(q), 80);
      const bare = html.replace(/<\/?mark>/g, '');
      expect(bare).not.toMatch(/[<>"']/);
      const unescaped = bare.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
      expect(text).toContain(unescaped.replace(/^…/, '').replace(/…$/, ''));
    }));
  });
});

describe('abbreviation keys (index side and query side)', () => {
  const key = (q: string) => clauseKey(parseQuery(q).clauses[0]);
  it('one key per table entry, whichever form is typed', () => {
    expect(key('ủy ban nhân dân')).toBe(key('UBND'));
    expect(key('giáo dục và đào tạo')).toBe(key('GD&ĐT'));
    expect(key('gddt')).toBe(key('gd-đt'));
    expect(key('nghị định')).toBe(key('NĐ'));
    expect(key('giáo dục và đào tạo')).not.toBe(key('sở giáo dục và đào tạo'));
    expect(key('xyz')).toBeUndefined();
  });
  it('keys are single lower-case tokens, none a prefix of another', () => {
    for (const k of ABBREVIATION_KEYS) {
      expect(k).toMatch(/^[a-z]+$/);
      for (const j of ABBREVIATION_KEYS) if (j !== k) expect(j.startsWith(k)).toBe(false);
    }
  });
  it('a field holding any form, as whole adjacent words, gets the key; scattered words or longer tokens do not', () => {
    const f = (s: string) => abbreviationKeys([fold(s)]);
    expect(f('Giao UBND cấp huyện')).toContain(key('ủy ban nhân dân'));
    expect(f('Ủy ban nhân dân tỉnh')).toContain(key('UBND'));
    expect(f('Phòng GD&ĐT huyện')).toContain(key('giáo dục và đào tạo'));
    expect(f('Bộ Giáo dục và Đào tạo')).toEqual(expect.arrayContaining([key('bgddt'), key('gddt')]));
    expect(f('đào tạo giáo viên')).not.toContain(key('gddt'));
    expect(f('BGDĐT')).not.toContain(key('gddt'));
    expect(f('ủy ban, nhân dân')).toEqual(f('ủy ban nhân dân')); // punctuation separates words only
    expect(abbreviationKeys([fold('ủy ban'), fold('nhân dân')])).not.toContain(key('ubnd')); // not across fields
  });
  it('the settings disable typos on the keys and search the key field last', () => {
    expect(PASSAGES_SETTINGS.typoTolerance?.disableOnWords).toEqual(ABBREVIATION_KEYS);
    expect((PASSAGES_SETTINGS.searchableAttributes as string[]).at(-1)).toBe('aliasF');
    expect(PASSAGES_SETTINGS.synonyms).toEqual({});
  });
});

describe('clause matching (which clauses a record holds)', () => {
  /** The reference: every field's words ([\p{L}\p{N}]+) joined by single spaces, each form looked up as " form " (" form" for a prefix). */
  const naive = (clauses: { forms: string[]; prefix: boolean }[], fields: string[]) => {
    const joined = fields.map((f) => ` ${(f.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(' ')} `);
    return clauses.map((c) => c.forms.some((form) => joined.some((j) => j.includes(c.prefix ? ` ${form}` : ` ${form} `))));
  };
  const toClause = (c: { forms: string[]; prefix: boolean }) => ({
    tokens: c.forms[0].split(' ').map((w) => ({ exact: w, folded: w })), prefix: c.prefix,
    ...(c.forms.length > 1 ? { alternatives: c.forms.slice(1).map((f) => f.split(' ')) } : {}),
  }) as unknown as Parameters<typeof clauseMatcher>[0][number];
  it('agrees with the reference on random fields (words, digits, punctuation, marks, astral letters) and clauses', () => {
    const piece = fc.constantFrom('ab', 'a', 'b', 'abc', '12', '1', 'ba', ' ', '  ', '-', '/', '\u0301', '\u2011', '𝐀', '𝐀b', '.', 'é', 'gd&dt');
    const form = fc.array(fc.constantFrom('ab', 'a', 'b', 'abc', '12', 'ba', '𝐀b', 'gd&dt'), { minLength: 1, maxLength: 3 }).map((ws) => ws.join(' '));
    const clause = fc.record({ forms: fc.array(form, { minLength: 1, maxLength: 3 }), prefix: fc.boolean() });
    fc.assert(fc.property(fc.array(fc.array(piece, { maxLength: 12 }).map((ps) => ps.join('')), { minLength: 1, maxLength: 4 }), fc.array(clause, { minLength: 1, maxLength: 5 }), (fields, clauses) => {
      expect(clauseMatcher(clauses.map(toClause))(fields)).toEqual(naive(clauses, fields));
    }), { numRuns: 2000 });
  });
  it('counts words, phrases and abbreviation forms', () => {
    const pq = parseQuery('giáo dục GD&ĐT tạo 71/2020');
    expect(clausesIn(pq, [fold('Bộ Giáo dục và Đào tạo'), fold('Nghị định 71/2020/NĐ-CP')])).toBe(pq.clauses.length);
    expect(clausesIn(pq, [fold('giáo dục'), fold('tạo')])).toBe(3); // giáo, dục, tạo
    expect(clausesIn(pq, [fold('giáodục đàotạo')])).toBe(0);
  });
});

describe('settingsMatch', () => {
  const copy = () => JSON.parse(JSON.stringify(PASSAGES_SETTINGS));
  it('accepts the same settings with server defaults and set-like arrays reordered', () => {
    const a = { ...copy(), displayedAttributes: ['*'], filterableAttributes: [...PASSAGES_SETTINGS.filterableAttributes as string[]].reverse() };
    expect(settingsMatch(PASSAGES_SETTINGS, a)).toBe(true);
  });
  it('rejects a missing index, reordered searchable attributes, added synonyms or changed typo settings', () => {
    expect(settingsMatch(PASSAGES_SETTINGS, null)).toBe(false);
    const b = copy(); b.searchableAttributes.reverse();
    expect(settingsMatch(PASSAGES_SETTINGS, b)).toBe(false);
    const c = copy(); c.synonyms.extra = ['x'];
    expect(settingsMatch(PASSAGES_SETTINGS, c)).toBe(false);
    const e = copy(); e.typoTolerance.disableOnNumbers = false;
    expect(settingsMatch(PASSAGES_SETTINGS, e)).toBe(false);
  });
});
