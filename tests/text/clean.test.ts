import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import {
  clean, DEFAULT_STEPS, STEPS, unicodeStep, boilerplateStep, gluedSyllablesStep, toneStep, type CleanStep,
} from '../../src/text/clean.js';
import { encodeTcvn3 } from '../../src/text/legacy.js';
import { SHARED, HAS_SHARED } from '../helpers.js';

// seed 000 (/work/shared/seeds/000_b39c03b4349867b2.txt), correctly spaced web text: a clean text
const CLEAN_000 = 'Nhiệm vụ quan trọng đầu tiên được Thứ trưởng đặc biệt nhấn mạnh là chuẩn bị tốt các điều kiện để triển khai chương trình giáo dục phổ thông mới đối với lớp 6 bắt đầu từ năm học 2021-2022. Trong đó có việc chuẩn bị sách giáo khoa, tài liệu giáo dục địa phương và chuẩn bị đội ngũ giáo viên, nhân viên, cán bộ quản lý.\nSong song với đó, quan tâm tiếp cận chương trình giáo dục phổ thông mới ngay từ chương trình hiện hành bằng việc thực hiện tốt công văn số 4612 với các nội dung quan trọng.';

// seed 002 (/work/shared/seeds/002_db685673e0713cc6.txt): portal chrome + glued PDF text, shortened
const SEED_002 = 'Thursday, 19/05/2022 - 02:09|\nChào mừng bạn đến với cổng thông tin điện tử của Trường THCS Quyết Thắng\n\nUBND TỈNH SƠN LASỞ GIÁO DỤCVÀ ĐÀO TẠO Sơn La, ngày30tháng 11năm 2020 Giám đốc SởGD&ĐT kết luậncác nội dung công tác trọng tâm vềtriển khai nhiệm vụgiáo dục trung họctrongnăm học 2020-2021 như sau:1. Vềchủtrương, định hướng chung\n\nBài tin liên quan\nThống kê truy cập\nHôm nay : 1\nHôm qua : 8';

describe('clean()', () => {
  it('runs the default steps and names those that changed something', () => {
    const r = clean(SEED_002);
    expect(r.applied).toEqual(['boilerplate', 'glued-syllables']);
    expect(r.text.trim()).toBe('UBND TỈNH SƠN LA SỞ GIÁO DỤC VÀ ĐÀO TẠO Sơn La, ngày 30 tháng 11 năm 2020 Giám đốc Sở GD&ĐT kết luận các nội dung công tác trọng tâm về triển khai nhiệm vụ giáo dục trung học trong năm học 2020-2021 như sau:1. Về chủ trương, định hướng chung');
  });

  it('decodes legacy text before the unicode step strips TCVN3 "ư" (U+00AD)', () => {
    const legacy = encodeTcvn3('Bộ trưởng Bộ Giáo dục và Đào tạo ban hành Thông tư quy định về đánh giá học sinh trung học cơ sở.');
    expect(legacy).toContain('\u00AD');
    const r = clean(legacy);
    expect(r.text).toBe('Bộ trưởng Bộ Giáo dục và Đào tạo ban hành Thông tư quy định về đánh giá học sinh trung học cơ sở.');
    expect(r.applied).toEqual(['legacy-encoding']);
  });

  it('applies the unicode step: NFC, look-alikes, ƣ, NBSP and zero-width spaces, CRLF', () => {
    // "hƣớng dẫn" with U+01A3 is in vbpl-central titles; "TT-BTС" with Cyrillic С in 06/2026/TT-BTС
    const r = clean('Thông tư hƣớng dẫn 06/2026\u200B/TT-BT\u0421\u00A0về thuế\r\nHo\u0300a');
    expect(r.text).toBe('Thông tư hướng dẫn 06/2026/TT-BTC về thuế\nHòa');
    expect(r.applied).toEqual(['unicode']);
  });

  it('leaves a clean text as it is', () => {
    expect(clean(CLEAN_000)).toEqual({ text: CLEAN_000, applied: [] });
  });

  it('takes any list of steps, including custom ones and the optional tone step', () => {
    const upper: CleanStep = { name: 'upper', apply: (s) => s.toUpperCase() };
    expect(clean('hoà', [toneStep, upper])).toEqual({ text: 'HÒA', applied: ['tone-placement', 'upper'] });
    expect(clean(SEED_002, [unicodeStep, boilerplateStep]).applied).toEqual(['boilerplate']);
    expect(clean('Vềchủtrương của Sở', [gluedSyllablesStep]).text).toBe('Về chủ trương của Sở');
    expect(Object.keys(STEPS)).toEqual(['legacy-encoding', 'unicode', 'boilerplate', 'rejoin-lines', 'glued-syllables', 'split-syllables', 'tone-placement']);
    expect(DEFAULT_STEPS.map((s) => s.name)).toEqual(['legacy-encoding', 'unicode', 'boilerplate', 'rejoin-lines', 'glued-syllables', 'split-syllables']);
  });

  it('is idempotent', () => {
    for (const t of [SEED_002, CLEAN_000]) expect(clean(clean(t).text).text).toBe(clean(t).text);
    const words = CLEAN_000.split(/\s+/);
    const viText = fc.array(fc.tuple(fc.constantFrom(...words), fc.constantFrom(' ', ' ', ' ', '\n', '')), { maxLength: 60 })
      .map((a) => a.map(([w, sep]) => w + sep).join(''));
    fc.assert(fc.property(viText, (s) => {
      const once = clean(s).text;
      return clean(once).text === once;
    }), { numRuns: 200 });
  });

  it('no step throws on any string', () => {
    const steps = Object.values(STEPS);
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => steps.every((st) => typeof st.apply(s) === 'string')));
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (s) => typeof clean(s).text === 'string'));
    const latin1 = fc.array(fc.integer({ min: 0x0a, max: 0xff }), { maxLength: 200 }).map((a) => String.fromCharCode(...a));
    fc.assert(fc.property(latin1, (s) => typeof clean(s).text === 'string'));
  });
});

describe.skipIf(!HAS_SHARED)('clean() over real corpus texts', () => {
  it('normalizes the Unicode quirks of every record; is idempotent on vbpl-central and congbao-8chude; never grows a text', () => {
    const texts: string[] = [];
    let quirks = 0;
    for (const rel of ['corpus/vbpl-central/docs.jsonl.gz', 'corpus/congbao-8chude/docs.jsonl.gz']) {
      let n = 0;
      for (const line of zlib.gunzipSync(fs.readFileSync(path.join(SHARED, rel))).toString('utf8').split('\n')) {
        if (!line) continue;
        const d = JSON.parse(line);
        if (!d.text || d.lang === 'en') continue;
        // the unicode step on every record: vbpl-central has "ƣ" titles, NBSPs, non-NFC text, Cyrillic С
        const raw = `${d.title ?? ''}\n${d.text}`;
        if (/[\u01A3\u00A0\u200B]/.test(raw) || raw.normalize('NFC') !== raw) {
          quirks++;
          const u = unicodeStep.apply(raw);
          expect(/[\u01A3\u00A0\u200B]/.test(u)).toBe(false);
          expect(u.normalize('NFC')).toBe(u);
        }
        if (n++ < 60) texts.push(d.text);
      }
    }
    expect(quirks).toBeGreaterThan(50);
    let bad = 0;
    for (const t of texts) {
      const once = clean(t).text;
      if (clean(once).text !== once) bad++;
      expect(once.length).toBeLessThanOrEqual(t.length + t.length / 20); // glued repair only adds spaces
    }
    expect(bad).toBe(0);
  });
});
if (!HAS_SHARED) console.log('[clean] ../shared absent: the corpus idempotence check is skipped');
