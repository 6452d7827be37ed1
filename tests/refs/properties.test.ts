/**
 * Properties of the tagger: never throws, spans in bounds, sorted and non-overlapping, raw equals the
 * slice, output matches the Reference schema; and no catastrophic backtracking on adversarial input.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Reference } from '../../src/docs/model.js';
import { annotate, canonicalize, findReferences, parsePartialReference, parseReference } from '../../src/refs/index.js';

/** Fragments that look like pieces of references, to make random strings interesting. */
const PIECES = ['Nghị định', 'số', ' ', '/', '-', '71', '2020', 'NĐ', 'CP', 'TT', 'BGDĐT', 'BGD&ĐT', 'QĐ', 'TTg', 'Luật', 'Giáo dục',
  'năm', 'ngày', '04/9/2020', 'Số:', 'QH14', 'TW', '\u00D0', 'С', '\u0323', '\u200B', 'Điều 5', 'khoản', '\n', '&', '_', '.', '…',
  'Công văn', 'GDTrH', 'Bộ luật', 'Hiến pháp', 'căn cứ', 'VBHN', ',', ';', 'Decree No.', 'ND-CP', '3414', '72-QĐ/TW'];
const refish = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((a) => a.join(''));
const anyText = fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 120 }), refish);

function checkInvariants(text: string) {
  const refs = findReferences(text);
  let prevEnd = -1;
  for (const r of refs) {
    expect(r.start).toBeGreaterThanOrEqual(0);
    expect(r.end).toBeLessThanOrEqual(text.length);
    expect(r.start).toBeLessThan(r.end);
    expect(r.start).toBeGreaterThanOrEqual(prevEnd);
    expect(r.raw).toBe(text.slice(r.start, r.end));
    expect(Reference.safeParse(r).success).toBe(true);
    expect(r.canonical).toMatch(/^[a-z0-9-]+$/);
    prevEnd = r.end;
  }
  return refs;
}

describe('tagger properties', () => {
  it('never throws; spans in bounds, sorted, non-overlapping; raw is the slice; schema holds', () => {
    fc.assert(fc.property(anyText, (t) => { checkInvariants(t); }), { numRuns: 600 });
  });

  it('NFD and NFC input give the same references (canonical ids and spans)', () => {
    fc.assert(fc.property(refish, (t) => {
      const nfc = findReferences(t.normalize('NFC'));
      const nfd = checkInvariants(t.normalize('NFD'));
      expect(nfd.map((r) => r.canonical)).toEqual(nfc.map((r) => r.canonical));
      // the NFD spans cover the same characters as the NFC spans
      expect(nfd.map((r) => r.raw.normalize('NFC'))).toEqual(nfc.map((r) => r.raw));
    }), { numRuns: 300 });
  });

  it('a citation embedded in arbitrary text is still found with the same canonical id', () => {
    const cites = fc.constantFrom(
      ['Nghị định số 71/2020/NĐ-CP', '71-2020-nd-cp'], ['Thông tư 26/2020/TT-BGD&ĐT', '26-2020-tt-bgddt'],
      ['72-QĐ/TW', '72-qd-tw'], ['Quyết định 749/QĐ-TTg', '749-qd-ttg'], ['Luật Giáo dục 2019', '43-2019-qh14'],
    );
    const filler = fc.string({ maxLength: 40 }).map((s) => s.replace(/[\p{L}\p{N}/&_\-–.…:]/gu, ' '));
    fc.assert(fc.property(filler, cites, filler, (a, [cite, id], b) => {
      const refs = checkInvariants(`${a} ${cite} ${b}`);
      expect(refs.map((r) => r.canonical)).toContain(id);
    }), { numRuns: 300 });
  });

  it('generated numbers in messy writing resolve to the naive slug of their clean form', () => {
    // naive reference implementation of the canonical id: fold, drop "&", "/" and "-" → "-"
    const naive = (clean: string) => clean.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase()
      .replace(/&/g, '').replace(/\//g, '-');
    const types = fc.constantFrom('NĐ', 'TT', 'QĐ', 'TTLT', 'NQ', 'CT');
    const issuers = fc.constantFrom('CP', 'BGDĐT', 'BTC', 'BLĐTBXH', 'TTg', 'UBND', 'BYT', 'NHNN', 'BCA');
    const mess = fc.record({ space: fc.boolean(), lower: fc.boolean(), eth: fc.boolean(), nfd: fc.boolean(), amp: fc.boolean() });
    fc.assert(fc.property(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1950, max: 2030 }), types,
      fc.array(issuers, { minLength: 1, maxLength: 3 }), mess, (n, y, t, iss, m) => {
        const cleanForm = `${n}/${y}/${[t, ...iss].join('-')}`;
        let w = m.space ? `${n}/ ${y}/ ${t} - ${iss.join('-')}` : cleanForm;
        if (m.amp) w = w.replace('BGDĐT', 'BGD&ĐT');
        if (m.eth) w = w.replace(/Đ/g, '\u00D0');
        if (m.lower) w = w.toLowerCase();
        if (m.nfd) w = w.normalize('NFD');
        const refs = checkInvariants(`Căn cứ văn bản số ${w} ngày 1/1/${y}.`);
        expect(refs.map((r) => r.canonical)).toEqual([naive(cleanForm)]);
      }), { numRuns: 400 });
  });

  it('the other public functions never throw either', () => {
    fc.assert(fc.property(anyText, (t) => {
      canonicalize(t);
      parseReference(t);
      parsePartialReference(t);
      const html = annotate(t, findReferences(t), (r) => `/r/${r.canonical}`);
      expect(html.replace(/<a href="[^"<>]*" class="ref" data-ref="[a-z0-9-]*">|<\/a>/g, '')).not.toMatch(/[<>]/);
    }), { numRuns: 300 });
  });
});

/**
 * Time is measured as CPU time of this process (process.cpuUsage), not wall-clock: the suite runs on a
 * shared machine where other processes take the CPU; catastrophic backtracking shows up in CPU time either way.
 */
const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

/** Linear work on 1 MB takes well under 1 s of CPU; quadratic work takes hours. 3 s leaves room for a loaded machine. */
const LIMIT_MS = 3000;

describe('no catastrophic backtracking: 1 MB of adversarial input in under 3 s of CPU each', () => {
  const MB = 1_000_000;
  const fill = (unit: string) => unit.repeat(Math.ceil(MB / unit.length)).slice(0, MB);
  const inputs: [string, string][] = [
    ['digits', fill('1234567890')],
    ['slashes and digits', fill('1/2/3/4/5/')],
    ['hyphens and letters', fill('A-B-C-D-')],
    ['number-like codes', fill('12/2020/TT-BGDĐT-')],
    ['repeated "số "', fill('số ')],
    ['repeated "Nghị định số 1/"', fill('Nghị định số 1/')],
    ['one huge glued word', fill('Côngvăn')],
    ['huge upper-case code', `1/${fill('BGDĐT')}`],
    ['spaces and separators', fill(' / - ')],
    ['law keywords', fill('Luật Giáo dục ')],
    ['pinpoints', fill('điểm a khoản 2 Điều 5 ')],
    ['NFD text', fill('Nghị định số 71/2020/NĐ-CP ngày 30/6/2020; '.normalize('NFD'))],
    ['random-ish', fill('Số: 7/10-QĐ/TW ngày 04/9/2020 & BGD ĐT_12 ')],
  ];
  for (const [name, text] of inputs) {
    it(name, () => {
      findReferences(text.slice(0, 20_000)); // JIT warm-up on the same kind of input
      let best = Infinity;
      for (let run = 0; run < 2 && best >= LIMIT_MS; run++) {
        const t0 = cpuMs();
        const refs = findReferences(text);
        best = Math.min(best, cpuMs() - t0);
        expect(Array.isArray(refs)).toBe(true);
      }
      expect(best).toBeLessThan(LIMIT_MS);
    });
  }
});
