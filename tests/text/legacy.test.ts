import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import {
  decodeCp1258, decodeTcvn3, decodeVniWindows, detectLegacy, encodeTcvn3, encodeVniWindows, fixLegacyEncoding,
} from '../../src/text/legacy.js';
import { charInfo } from '../../src/text/syllable.js';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { SHARED, HAS_SHARED } from '../helpers.js';

// Real Unicode text to round-trip through the legacy encodings: seed 000
// (/work/shared/seeds/000_b39c03b4349867b2.txt, first sentence) and a congbao-8chude header.
const SEED_000 = 'Nhiệm vụ quan trọng đầu tiên được Thứ trưởng đặc biệt nhấn mạnh là chuẩn bị tốt các điều kiện để triển khai chương trình giáo dục phổ thông mới đối với lớp 6 bắt đầu từ năm học 2021-2022.';
const HEADER = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nĐiều 1. Phạm vi điều chỉnh';

// A real TCVN3 text: vbpl-central record vbpl-doc_000891 (Quyết định 1408/QĐ-BXD, 2008), whose body
// vbpl.vn still serves in .VnTime bytes read as cp1252; the first line is the site's Unicode title.
const VBPL_891 = `QUYẾT ĐỊNH

V/v: §Ýnh chÝnh QuyÕt ®Þnh sè 29/2007/Q§-BXD ngµy 31/12/2007 cña

Bé tr\u00adëng Bé X©y dùng

C¨n cø NghÞ ®Þnh sè 104/2004/N§-CP ngµy 23/3/2004 cña ChÝnh phñ vÒ C«ng b¸o N\u00adíc Céng hoµ X· héi Chñ nghÜa ViÖt Nam;

§iÒu 2. QuyÕt ®Þnh nµy cã hiÖu lùc thi hµnh kÓ tõ ngµy ký. C¸c Bé, c¬ quan ngang Bé, c¬ quan thuéc ChÝnh phñ, Uû ban nh©n d©n c¸c tØnh, thµnh phè trùc thuéc Trung \u00ad¬ng`;
const VBPL_891_UNICODE = `QUYẾT ĐỊNH

V/v: Đính chính Quyết định số 29/2007/QĐ-BXD ngày 31/12/2007 của

Bộ trưởng Bộ Xây dựng

Căn cứ Nghị định số 104/2004/NĐ-CP ngày 23/3/2004 của Chính phủ về Công báo Nước Cộng hoà Xã hội Chủ nghĩa Việt Nam;

Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký. Các Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ, Uỷ ban nhân dân các tỉnh, thành phố trực thuộc Trung ương`;

describe('legacy-encoding: TCVN3 (.VnTime / ABC)', () => {
  it('converts a real TCVN3 document (vbpl-doc_000891), leaving its Unicode title alone', () => {
    expect(detectLegacy(VBPL_891).encoding).toBe('tcvn3');
    expect(fixLegacyEncoding(VBPL_891)).toBe(VBPL_891_UNICODE);
  });

  it('converts the examples of the brief', () => {
    expect(fixLegacyEncoding('céng hßa x· héi chñ nghÜa')).toBe('cộng hòa xã hội chủ nghĩa');
    expect(fixLegacyEncoding('§iÒu 1. Ph¹m vi ®iÒu chØnh')).toBe('Điều 1. Phạm vi điều chỉnh');
  });

  it('round-trips real text', () => {
    const enc = encodeTcvn3(SEED_000);
    expect(enc).not.toBe(SEED_000);
    expect(detectLegacy(enc).encoding).toBe('tcvn3');
    expect(fixLegacyEncoding(enc)).toBe(SEED_000);
  });

  it('upper-cases .VnTimeH capitals inside upper-case words', () => {
    expect(decodeTcvn3('CéNG HßA X· HéI')).toBe('CỘNG HÒA XÃ HỘI');
  });
});

describe('legacy-encoding: VNI-Windows', () => {
  it('converts the examples of the brief', () => {
    expect(fixLegacyEncoding('COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM')).toBe('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(decodeVniWindows('COÄNG HOØA')).toBe('CỘNG HÒA');
  });

  it('round-trips real text', () => {
    for (const t of [SEED_000, HEADER]) {
      const enc = encodeVniWindows(t);
      expect(detectLegacy(enc).encoding).toBe('vni');
      expect(fixLegacyEncoding(enc)).toBe(t);
    }
  });
});

describe('legacy-encoding: cp1258', () => {
  const MARK = ['', '\u0300', '\u0309', '\u0303', '\u0301', '\u0323'];
  // cp1258 writes the tone as a combining mark after a base letter (which may carry ^, breve or horn)
  function toCp1258(s: string): Buffer {
    let o = '';
    for (const c of s) {
      const i = charInfo(c);
      if (i && i[1]) o += (c === c.toLowerCase() ? i[0] : i[0].toUpperCase()) + MARK[i[1]];
      else o += c;
    }
    return iconv.encode(o, 'windows1258');
  }

  it('decodes windows-1258 bytes to NFC', () => {
    expect(decodeCp1258(toCp1258(SEED_000))).toBe(SEED_000);
    expect(decodeCp1258(toCp1258(HEADER))).toBe(HEADER);
  });

  it('repairs cp1258 bytes that were read as cp1252', () => {
    const moj = iconv.decode(toCp1258(SEED_000), 'windows1252');
    expect(moj).not.toBe(SEED_000);
    expect(detectLegacy(moj).encoding).toBe('cp1258');
    expect(fixLegacyEncoding(moj)).toBe(SEED_000);
  });
});

describe.skipIf(!HAS_SHARED)('legacy-encoding over the real corpus', () => {
  it('converts only the one TCVN3 document of vbpl-central and congbao-8chude', () => {
    const converted: string[] = [];
    for (const rel of ['corpus/vbpl-central/docs.jsonl.gz', 'corpus/congbao-8chude/docs.jsonl.gz']) {
      for (const line of zlib.gunzipSync(fs.readFileSync(path.join(SHARED, rel))).toString('utf8').split('\n')) {
        if (!line) continue;
        const d = JSON.parse(line);
        if (!d.text) continue;
        const t = (d.text as string).normalize('NFC');
        if (fixLegacyEncoding(t) !== t) converted.push(d.id);
      }
    }
    console.log(`[legacy-encoding] converted: ${converted.join(', ')}`);
    expect(converted).toEqual(['vbpl-doc_000891']);
  });
});
if (!HAS_SHARED) console.log('[legacy-encoding] ../shared absent: the corpus check is skipped');

describe('legacy-encoding detection is conservative', () => {
  it('never converts genuine Unicode Vietnamese, French or English', () => {
    const keep = [
      SEED_000,
      HEADER,
      'Bà Nguyên đã về.', // only Latin-1 letters, all valid syllables
      "L'été à côté de la forêt, où ça m'a plu. Le café est très généreux. Ça ira, déjà.",
      'Le Ministère de l’Éducation a publié une circulaire générale sur l’évaluation des élèves.',
      'The café serves crème brûlée; naïve résumé; façade; Zoë; señor; São Paulo; Müller; Øresund.',
      'Price: 5 € — “quoted” ‘text’ • bullet … ™ ©',
    ];
    for (const t of keep) {
      expect(detectLegacy(t).encoding, t).toBeNull();
      expect(fixLegacyEncoding(t)).toBe(t);
    }
  });

  it('leaves lines that are already Unicode Vietnamese alone in a mixed text', () => {
    const mixed = 'Cộng hòa xã hội chủ nghĩa Việt Nam\n' + encodeTcvn3(SEED_000);
    expect(fixLegacyEncoding(mixed)).toBe('Cộng hòa xã hội chủ nghĩa Việt Nam\n' + SEED_000);
  });

  it('does not convert Unicode lines made only of Latin-1 letters, nor "×" and "£" symbols', () => {
    // vbpl-central tables (vbpl-186792, vbpl-183862) and congbao-8chude annexes: formulas and form lines
    const t = 'd) Theo dõi, giám sát mô hình;\n- Công báo;\nTÊN NGÂN HÀNG\n(D × rd + E × re) × nD + re × (n − nD)\n£\nMã \nTháng, quý\nBáo cáo tình hình tài chính';
    expect(fixLegacyEncoding(t)).toBe(t);
  });

  it('never throws', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => typeof fixLegacyEncoding(s) === 'string'));
    const latin1 = fc.array(fc.integer({ min: 0x20, max: 0xff }), { maxLength: 120 }).map((a) => String.fromCharCode(...a));
    fc.assert(fc.property(latin1, (s) => typeof fixLegacyEncoding(s) === 'string'));
  });
});
