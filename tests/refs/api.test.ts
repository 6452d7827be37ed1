/**
 * Public API of src/refs beyond findReferences: canonicalize, parseReference, annotate,
 * parsePartialReference, lawByName, documentKind.
 */
import { describe, expect, it } from 'vitest';
import { DOCUMENT_KINDS, Reference } from '../../src/docs/model.js';
import {
  annotate, canonicalize, documentKind, findReferences, lawByName, LAWS, parsePartialReference, parseReference, TYPE_CODES,
} from '../../src/refs/index.js';

describe('canonicalize: any written form of one reference → its canonical id', () => {
  const table: [string, string | null, string][] = [
    ['71/2020/NĐ-CP', '71-2020-nd-cp', 'DESIGN.md'],
    ['26/2020/TT-BGD&ĐT', '26-2020-tt-bgddt', 'DESIGN.md'],
    ['26/2020/TT-BGDĐT', '26-2020-tt-bgddt', 'DESIGN.md'],
    ['26 /2020/TT- BGD ĐT', '26-2020-tt-bgddt', 'DESIGN.md'],
    ['26/2020/TT-BGDÐT', '26-2020-tt-bgddt', 'Ð U+00D0 (binhduong-vbcddh so_ky_hieu)'],
    ['88/2019/QH14', '88-2019-qh14', 'DESIGN.md'],
    ['72-QĐ/TW', '72-qd-tw', 'DESIGN.md'],
    ['Công văn số 3414/BGDĐT-GDTrH ngày 04/9/2020', '3414-bgddt-gdtrh-2020', 'DESIGN.md / seeds/002'],
    ['3414/BGDĐT-GDTrH', '3414-bgddt-gdtrh', 'no date: no year suffix'],
    ['Decree No. 71/2020/ND-CP', '71-2020-nd-cp', 'English translation (vbpl-central)'],
    ['Luật Giáo dục 2019', '43-2019-qh14', 'law by name'],
    ['Luật Giáo dục', '43-2019-qh14', 'law by name, current version'],
    ['Bộ luật Lao động 2012', '10-2012-qh13', 'law by name, older version'],
    ['Hiến pháp năm 1992', 'hien-phap-1992', 'constitution'],
    ['157/2025/TT-BT\u0421', '157-2025-tt-btc', 'Cyrillic С (vbpl-central)'],
    ['Nghị định 71/2020/NĐ-CP'.normalize('NFD'), '71-2020-nd-cp', 'NFD'],
    ['học sinh lớp 10/12', null, 'not a reference'],
    ['', null, 'empty'],
  ];
  for (const [written, id, src] of table) {
    it(`${JSON.stringify(written)} (${src})`, () => expect(canonicalize(written)).toBe(id));
  }
});

describe('parseReference', () => {
  it('returns the full Reference (schema-valid) for one written reference', () => {
    const r = parseReference('Thông tư liên tịch số 09/2016/TTLT-BGDĐT-BTC-BLĐTBXH');
    expect(r).not.toBeNull();
    expect(Reference.parse(r)).toMatchObject({
      family: 'qppl', kind: 'thông tư liên tịch', number: '09/2016/TTLT-BGDĐT-BTC-BLĐTBXH', year: 2016, typeCode: 'TTLT',
      issuerCodes: ['BGDĐT', 'BTC', 'BLĐTBXH'], canonical: '09-2016-ttlt-bgddt-btc-bldtbxh',
    });
  });
  it('returns null for text without a reference', () => expect(parseReference('năm học 2020-2021')).toBeNull());
});

describe('annotate', () => {
  const text = 'Căn cứ <Nghị định> số 71/2020/NĐ-CP & "Luật Giáo dục 2019"; Số: 460/TB-SGDĐT';
  const refs = findReferences(text);
  it('links every reference and escapes everything else', () => {
    const html = annotate(text, refs, (r) => (r.self ? null : `/refs/${r.canonical}?x=1&y="2"`));
    expect(html).toBe('Căn cứ &lt;Nghị định&gt; số '
      + '<a href="/refs/71-2020-nd-cp?x=1&amp;y=&quot;2&quot;" class="ref" data-ref="71-2020-nd-cp">71/2020/NĐ-CP</a>'
      + ' &amp; &quot;<a href="/refs/43-2019-qh14?x=1&amp;y=&quot;2&quot;" class="ref" data-ref="43-2019-qh14">Luật Giáo dục 2019</a>&quot;; '
      + 'Số: 460/TB-SGDĐT');
  });
  it('escapes markup inside a reference span too, and ignores out-of-range spans', () => {
    const t = 'x <b>';
    const fake: Reference = { raw: '<b>', start: 2, end: 5, family: 'qppl', issuerCodes: [], relation: 'mention', canonical: 'a-b' };
    const bad: Reference = { ...fake, start: 3, end: 99 };
    expect(annotate(t, [fake, bad], () => '/r')).toBe('x <a href="/r" class="ref" data-ref="a-b">&lt;b&gt;</a>');
  });
});

describe('parsePartialReference (query understanding)', () => {
  it('"nd 71/2020"', () => expect(parsePartialReference('nd 71/2020')).toMatchObject({ kind: 'nghị định', number: '71', year: 2020, typeCode: 'NĐ', canonicalPrefix: '71-2020-nd-' }));
  it('"tt 26 2020 bgd"', () => {
    const p = parsePartialReference('tt 26 2020 bgd');
    expect(p).toMatchObject({ kind: 'thông tư', number: '26', year: 2020, typeCode: 'TT', canonicalPrefix: '26-2020-tt-bgd' });
    expect(p?.canonical).toBeUndefined();
    expect('26-2020-tt-bgddt'.startsWith(p!.canonicalPrefix!)).toBe(true);
  });
  it('"cv 3414 gdtrh"', () => expect(parsePartialReference('cv 3414 gdtrh')).toMatchObject({ kind: 'công văn', number: '3414', issuerCodes: ['GDTrH'] }));
  it('"nghị định 71 năm 2020"', () => expect(parsePartialReference('nghị định 71 năm 2020')).toMatchObject({ kind: 'nghị định', number: '71', year: 2020, canonicalPrefix: '71-2020-nd-' }));
  it('"nghị quyết 88/2019" does not guess a type code (NQ-CP, NQ-HĐND and …/QH14 are all nghị quyết)', () => {
    const p = parsePartialReference('nghị quyết 88/2019');
    expect(p).toMatchObject({ kind: 'nghị quyết', number: '88', year: 2019 });
    expect(p?.typeCode).toBeUndefined();
    expect('88-2019-qh14'.startsWith(p!.canonicalPrefix!)).toBe(true);
  });
  it('a complete reference gives its canonical id', () => expect(parsePartialReference('71/2020/ND-CP')?.canonical).toBe('71-2020-nd-cp'));
  it('a glued abbreviation before a complete reference', () => expect(parsePartialReference('tt26/2020/TT-BGDĐT')?.canonical).toBe('26-2020-tt-bgddt'));
  it('ordinary search words are not a reference', () => {
    expect(parsePartialReference('danh gia hoc sinh thcs')).toBeNull();
    expect(parsePartialReference('2020')).toBeNull();
    expect(parsePartialReference('')).toBeNull();
  });
});

describe('tables', () => {
  it('lawByName: current version without a year, that version with a year, null when unknown', () => {
    expect(lawByName('Luật Giáo dục')).toMatchObject({ number: '43/2019/QH14', canonical: '43-2019-qh14' });
    expect(lawByName('Luật Giáo dục', 2005)).toMatchObject({ number: '38/2005/QH11' });
    expect(lawByName('Bộ luật Lao động 2012')).toMatchObject({ number: '10/2012/QH13' });
    // the year right after "Hiến pháp" (no name between) picks that version, as "Hiến pháp năm 1992" does
    for (const q of ['Hiến pháp 1992', 'hien phap nam 1992', 'Hiến pháp năm 1992']) expect(lawByName(q)?.canonical, q).toBe('hien-phap-1992');
    expect(lawByName('Hiến pháp')?.canonical).toBe('hien-phap-2013');
    expect(lawByName('Luật Giáo dục đại học')?.number).toBe('125/2025/QH15');
    expect(lawByName('Luật Không Có')).toBeNull();
    expect(lawByName('Luật Giáo dục', 1975)).toBeNull();
    // a bare type word names no law (it used to fall on the Constitution's empty name); Ð (U+00D0) reads as Đ
    for (const bare of ['Luật', 'bo luat', '']) expect(lawByName(bare), bare).toBeNull();
    expect(lawByName('Luật \u00D0ất đai')?.number).toBe(lawByName('Luật Đất đai')?.number);
    expect(lawByName('Luật \u00D0ất đai')).not.toBeNull();
  });
  it('every law version number is a well-formed QH / UBTVQH number and versions are newest first', () => {
    for (const l of LAWS) {
      const years = l.versions.map((v) => v.year);
      expect([...years].sort((a, b) => b - a)).toEqual(years);
      for (const v of l.versions) if (l.prefix !== 'hiến pháp') expect(v.number).toMatch(l.prefix === 'pháp lệnh' ? /^\d{1,3}\/(19|20)\d\d\/(PL-)?UBTVQH\d{1,2}$/ : /^\d{1,3}\/(19|20)\d\d\/QH\d{1,2}$/);
    }
  });
  it('every code has its current version (Bộ luật Hình sự 2015 in force from 2018)', () => {
    expect(findReferences('theo Bộ luật Hình sự', { date: '2020-01-01' })[0].canonical).toBe('100-2015-qh13');
    expect(findReferences('theo Bộ luật Hình sự', { date: '2010-01-01' })[0].canonical).toBe('15-1999-qh10');
    expect(findReferences('Luật Phòng, chống tham nhũng', { date: '2020-01-01' })[0].canonical).toBe('36-2018-qh14');
  });
  it('the major codes and education laws are in the table', () => {
    for (const n of ['Bộ luật Dân sự', 'Bộ luật Hình sự', 'Bộ luật Lao động', 'Bộ luật Tố tụng dân sự', 'Bộ luật Tố tụng hình sự', 'Hiến pháp',
      'Luật Giáo dục', 'Luật Giáo dục đại học', 'Luật Giáo dục nghề nghiệp', 'Luật Ban hành văn bản quy phạm pháp luật', 'Luật Viên chức',
      'Luật Cán bộ, công chức', 'Luật Tổ chức chính quyền địa phương']) expect(lawByName(n), n).not.toBeNull();
  });
  it('documentKind maps every type-code kind into DOCUMENT_KINDS', () => {
    for (const t of Object.values(TYPE_CODES)) expect(DOCUMENT_KINDS).toContain(documentKind(t.kind));
    expect(documentKind('công văn')).toBe('công văn');
    expect(documentKind('giấy mời')).toBe('khác');
  });
});

describe('law table integrity', () => {
  it('no law name belongs to two entries (spelling variants such as "Thủy"/"Thuỷ" stay within one entry)', () => {
    // an ordinance (Pháp lệnh Dân số) and a law (Luật Dân số) may share a name: they are cited with different words
    const keys = LAWS.flatMap((l) => [...new Set(l.names.map((n) => `${l.prefix === 'pháp lệnh' ? 'pl:' : ''}${n.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()}`))]);
    expect(keys.length).toBe(new Set(keys).size);
  });
});
