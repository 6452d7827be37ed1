import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { fold, hasDiacritics } from '../../src/text/fold.js';
import { normalize } from '../../src/text/normalize.js';

// Vietnamese letters with every diacritic, plus ASCII, digits, punctuation and spaces.
const VI_CHARS = [...'aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ0123456789 .,;:/-&()"\n'];
const viChar = fc.constantFrom(...VI_CHARS, ...VI_CHARS.map((c) => c.toUpperCase()));
const viText = fc.array(viChar, { maxLength: 80 }).map((a) => a.join(''));

describe('fold', () => {
  it('lower-cases, drops diacritics and maps đ→d', () => {
    expect(fold('Đánh giá học sinh THCS')).toBe('danh gia hoc sinh thcs');
    expect(fold('CHƯƠNG TRÌNH GIÁO DỤC PHỔ THÔNG')).toBe('chuong trinh giao duc pho thong');
    expect(fold('26/2020/TT-BGDĐT')).toBe('26/2020/tt-bgddt');
    expect(fold('Nghị định')).toBe('nghi dinh');
  });

  it('is idempotent', () => {
    fc.assert(fc.property(viText, (s) => fold(fold(s)) === fold(s)));
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => fold(fold(s)) === fold(s)));
  });

  it('keeps the length of NFC text, character by character (highlight offsets stay valid)', () => {
    fc.assert(fc.property(viText, (s) => {
      const n = normalize(s);
      return fold(n).length === n.length;
    }));
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => fold(s).length === s.length));
  });

  it('folds NFC and NFD input alike once normalized', () => {
    fc.assert(fc.property(viText, (s) => fold(normalize(s.normalize('NFD'))) === fold(normalize(s))));
  });

  it('folds old and new tone placement alike', () => {
    for (const [oldStyle, newStyle] of [['hoà', 'hòa'], ['thuý', 'thúy'], ['khoẻ', 'khỏe'], ['Hoá học', 'Hóa học'], ['quý', 'qúy']]) {
      expect(fold(oldStyle)).toBe(fold(newStyle));
    }
  });

  it('hasDiacritics tells accented from plain words', () => {
    expect(hasDiacritics('đường')).toBe(true);
    expect(hasDiacritics('duong')).toBe(false);
    expect(hasDiacritics('DUONG')).toBe(false);
  });
});

describe('normalize', () => {
  it('turns NFD into NFC', () => {
    expect(normalize('Nghi\u0323 đi\u0323nh')).toBe('Nghị định');
  });
  it('replaces look-alike letters inside codes', () => {
    expect(normalize('26/2020/TT-BGD\u00D0T')).toBe('26/2020/TT-BGDĐT'); // Ð U+00D0 (Icelandic Eth)
    expect(normalize('143/2025/TT-BT\u0421')).toBe('143/2025/TT-BTC'); // Cyrillic С, seen in vbpl-central
    expect(normalize('h\u01A3\u1EDBng dẫn')).toBe('hướng dẫn'); // ƣ U+01A3 used for ư (vbpl titles)
  });
  it('keeps genuinely Cyrillic words', () => {
    expect(normalize('Москва')).toBe('Москва');
  });
  it('removes zero-width characters and maps NBSP to a space', () => {
    expect(normalize('giáo\u200Bdục\u00A0phổ\uFEFFthông')).toBe('giáodục phổthông');
  });
  it('never throws', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => typeof normalize(s) === 'string'));
  });
});
