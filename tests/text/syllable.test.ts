import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { isSyllable, parseSyllable, hasSyllableCase, tonelessInventory } from '../../src/text/syllable.js';
import { toneNormalize, placeTone, toneIndex } from '../../src/text/tone.js';

describe('syllable inventory (spelling rules, no dictionary)', () => {
  it('accepts real syllables of every shape', () => {
    // from seed 002 and the congbao-8chude gazette text
    for (const w of ['nghiêng', 'người', 'trường', 'quốc', 'quyết', 'giữa', 'giết', 'gì', 'khuỷu', 'khuya', 'thuở', 'hòa', 'hoà',
      'ủy', 'uỷ', 'yêu', 'oái', 'kê', 'ghi', 'nghề', 'ăn', 'ở', 'đảm', 'học', 'sinh', 'chế', 'xã', 'hội', 'chủ', 'nghĩa', 'quên'])
      expect(isSyllable(w), w).toBe(true);
  });

  it('rejects spelling-rule violations and non-syllables', () => {
    expect(isSyllable('ngiêng')).toBe(false); // ngh before i/e/ê
    expect(isSyllable('nghe')).toBe(true);
    expect(isSyllable('cê')).toBe(false); // k before e/ê/i
    expect(isSyllable('ka')).toBe(false); // c before a
    expect(isSyllable('ghá')).toBe(false); // g before a
    expect(isSyllable('hàt')).toBe(false); // final t only with sắc/nặng
    expect(isSyllable('hát')).toBe(true);
    expect(isSyllable('họcc')).toBe(false);
    expect(isSyllable('ubnd')).toBe(false);
    expect(isSyllable('đắk')).toBe(false); // place name with k coda: not a regular syllable
    expect(isSyllable('hóà')).toBe(false); // two tone marks
    expect(isSyllable('text')).toBe(false);
  });

  it('parses tone and toneless form', () => {
    expect(parseSyllable('trường')).toEqual({ toneless: 'trương', tone: 1 });
    expect(parseSyllable('Việt'.toLowerCase())).toEqual({ toneless: 'viêt', tone: 5 });
  });

  it('knows the case shapes a syllable takes', () => {
    expect(hasSyllableCase('học')).toBe(true);
    expect(hasSyllableCase('Học')).toBe(true);
    expect(hasSyllableCase('HỌC')).toBe(true);
    expect(hasSyllableCase('hỌc')).toBe(false);
  });

  it('is a few thousand toneless syllables', () => {
    expect(tonelessInventory().size).toBeGreaterThan(2000);
    expect(tonelessInventory().size).toBeLessThan(6000);
  });

  it('never throws', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => typeof isSyllable(s) === 'boolean'));
  });
});

describe('toneNormalize (canonical "hòa, thúy, khỏe")', () => {
  it('moves the mark of open oa/oe/uy to the first vowel', () => {
    // "CỘNG HOÀ" and "CỘNG HÒA" both occur in vbpl-central headers; "Uỷ ban" in seed 002 style headers
    expect(toneNormalize('CỘNG HOÀ XÃ HỘI')).toBe('CỘNG HÒA XÃ HỘI');
    expect(toneNormalize('hoà, thuý, khoẻ, Uỷ ban, thuỷ lợi')).toBe('hòa, thúy, khỏe, Ủy ban, thủy lợi');
    expect(toneNormalize('hòa, thúy, khỏe')).toBe('hòa, thúy, khỏe');
  });

  it('puts the mark on the second vowel when a consonant follows, and leaves qu/gi alone', () => {
    expect(toneNormalize('hòan thành, hùynh')).toBe('hoàn thành, huỳnh');
    expect(toneNormalize('quý, quà, giá, ngoài, khuya, hoàng')).toBe('quý, quà, giá, ngoài, khuya, hoàng');
  });

  it('keeps the length and is idempotent', () => {
    const VI = [...'aàáảãạoòóỏõọeèéẻẽẹuùúủũụyỳýỷỹỵhkqtgnc ,'];
    const arb = fc.array(fc.constantFrom(...VI, ...VI.map((c) => c.toUpperCase())), { maxLength: 40 }).map((a) => a.join(''));
    fc.assert(fc.property(arb, (s) => {
      const t = toneNormalize(s);
      return t.length === s.length && toneNormalize(t) === t;
    }));
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => toneNormalize(s).length === s.length));
  });

  it('places a tone on the canonical vowel', () => {
    expect(placeTone('hoa', 1)).toBe('hòa');
    expect(placeTone('toan', 4)).toBe('toán'); // no shaped vowel, a final consonant: last vowel
    expect(placeTone('trương', 1)).toBe('trường');
    expect(placeTone('nghiêng', 3)).toBe('nghiễng');
    expect(placeTone('quy', 4)).toBe('quý');
    expect(placeTone('gi', 1)).toBe('gì');
    expect(placeTone('ngoai', 1)).toBe('ngoài');
    expect(toneIndex('khuya')).toBe(3);
  });
});
