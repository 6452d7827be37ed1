import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { decodeTelex, decodeVni } from '../../src/text/telex.js';

describe('decodeTelex', () => {
  it('decodes Telex typing word by word', () => {
    expect(decodeTelex('nghij ddinhj')).toBe('nghị định');
    expect(decodeTelex('tieengs vieetj')).toBe('tiếng việt');
    expect(decodeTelex('giaos ducj')).toBe('giáo dục');
    expect(decodeTelex('truwowngf hocj')).toBe('trường học');
    expect(decodeTelex('nguwowif')).toBe('người');
    expect(decodeTelex('hoaf')).toBe('hòa'); // canonical tone placement
    expect(decodeTelex('TIEENGS VIEETJ')).toBe('TIẾNG VIỆT');
    expect(decodeTelex('Nghij ddinhj 71/2020')).toBe('Nghị định 71/2020');
    expect(decodeTelex('ddanhs gias hocj sinh thcs')).toBe('đánh giá học sinh thcs');
    expect(decodeTelex('hojc sinh nghiax')).toBe('học sinh nghĩa'); // tone key before the final consonant
    // the tone key typed anywhere after the vowel, as free-typing input methods (Unikey) take it
    expect(decodeTelex('quy tawsc uwsng xuwr nhaf giaso')).toBe('quy tắc ứng xử nhà giáo');
    expect(decodeTelex('hopwj ddoongf lao ddoongj ddieenj tuwr')).toBe('hợp đồng lao động điện tử');
    expect(decodeTelex('truongwf')).toBe('trường');
  });

  it('returns null when nothing reads as Telex', () => {
    expect(decodeTelex('text')).toBeNull();
    expect(decodeTelex('class')).toBeNull();
    expect(decodeTelex('boss dress test best')).toBeNull();
    expect(decodeTelex('basic music fast most')).toBeNull();
    expect(decodeTelex('số 71/2020')).toBeNull();
    expect(decodeTelex('danh gia hoc sinh')).toBeNull();
    expect(decodeTelex('nghị định')).toBeNull();
    expect(decodeTelex('26/2020/TT-BGDDT')).toBeNull();
  });
});

describe('decodeVni', () => {
  it('decodes VNI typing', () => {
    expect(decodeVni('nghi5 d9inh5')).toBe('nghị định');
    expect(decodeVni('tie6ng1 vie6t5')).toBe('tiếng việt');
    expect(decodeVni('truo7ng2 ho5c')).toBe('trường học');
    expect(decodeVni('d9u7o7ng2')).toBe('đường');
  });

  it('leaves numbers, codes and normal words alone', () => {
    expect(decodeVni('số 71/2020')).toBeNull();
    expect(decodeVni('covid19 h5n1 a1')).toBeNull();
    expect(decodeVni('text class')).toBeNull();
    expect(decodeVni('lop6 THCS2 QH14')).toBeNull();
  });

  it('never throws', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => {
      const a = decodeTelex(s);
      const b = decodeVni(s);
      return (a === null || typeof a === 'string') && (b === null || typeof b === 'string');
    }));
  });
});
