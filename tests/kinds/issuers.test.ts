/**
 * The issuer-authority registry on spellings met in the real corpora: vbpl-central's co_quan_ban_hanh_guess
 * (decorations, a glued number, a glued motto with typos, mis-accented "ĐÀO TÀO"), Công báo headers flattened onto
 * wrapped lines ("và Xã hội"), binhduong-vbcddh's co_quan_ban_hanh, and seed 002 (Sở GD&ĐT Sơn La).
 */
import { describe, it, expect } from 'vitest';
import { canonicalIssuer, resolveIssuer, tidyIssuer } from '../../src/kinds/issuers.js';
import { parseFieldMap, overridesOf, mapRecord } from '../../ingest/sources/jsonl.js';

describe('resolveIssuer', () => {
  const cases: Array<[string, string | undefined, string | undefined]> = [
    ['CHÍNH PHỦ ——', undefined, 'Chính phủ'],
    ['CHÍNH PHỦ', undefined, 'Chính phủ'],
    ['Chính phủ cộng hoà xã hội chủ nghía việt nam', undefined, 'Chính phủ'],
    ['Thanh tra chính phủ cộng hoà xã hội chủ nchĩa việt nam', undefined, 'Thanh tra Chính phủ'],
    ['QUỐC HỘI Luật số: 116/2025/QH15', undefined, 'Quốc hội'],
    ['ỦY BAN THƯỜNG VỤ QUỐC HỘI Nghị quyết số: 87/2025/UBTVQH15', undefined, 'Ủy ban Thường vụ Quốc hội'],
    ['UỶ BAN THƯỜNG VỤ QUỐC HỘI', undefined, 'Ủy ban Thường vụ Quốc hội'],
    ['BỘ GIÁO DỤC VÀ ĐÀO TÀO', undefined, 'Bộ Giáo dục và Đào tạo'],
    ['BỘ giao thông vận tải', undefined, 'Bộ Giao thông vận tải'],
    ['BỘ VĂN HOÁ, THỂ THAO VÀ DU LỊCH', undefined, 'Bộ Văn hóa, Thể thao và Du lịch'],
    ['và Xã hội', undefined, 'Bộ Lao động - Thương binh và Xã hội'],
    ['Văn bản hợp nhất - Văn phòng quốc hội', undefined, 'Văn phòng Quốc hội'],
    ['BỘ TƯ PHÁP - BỘ CÔNG AN - BỘ QUỐC PHÒNG', undefined, 'Bộ Tư pháp - Bộ Công an - Bộ Quốc phòng'],
    ['SỞ GIÁO DỤC VÀ ĐÀO TẠO', 'UBND TỈNH SƠN LA', 'Sở Giáo dục và Đào tạo Sơn La'],
    ['Sở GD&ĐT Sơn La', undefined, 'Sở Giáo dục và Đào tạo Sơn La'],
    ['UBND tỉnh Bình Dương (or its committees, per suffix)', undefined, 'Ủy ban nhân dân tỉnh Bình Dương'],
    ['UBND TP.HCM', undefined, 'Ủy ban nhân dân thành phố Hồ Chí Minh'],
    ['PHÒNG GD&ĐT HUYỆN MAI SƠN', undefined, 'Phòng Giáo dục và Đào tạo huyện Mai Sơn'],
    ['Phòng Giáo dục và Đào tạo', 'UBND huyện Mai Sơn', 'Phòng Giáo dục và Đào tạo huyện Mai Sơn'],
    ['SỞ GIÁO DỤC VÀ ĐÀO TẠO', undefined, undefined], // no province: not guessed
    ['Trường THPT Chu Văn An', undefined, undefined],
    ['Bộ Thương binh', undefined, undefined],
  ];
  for (const [raw, parent, name] of cases) it(`${raw}${parent ? ` (under ${parent})` : ''}`, () => expect(resolveIssuer(raw, { parent })?.name).toBe(name));

  it('parent and place of local bodies', () => {
    expect(resolveIssuer('SỞ GIÁO DỤC VÀ ĐÀO TẠO', { parent: 'UBND TỈNH SƠN LA' })).toEqual({
      name: 'Sở Giáo dục và Đào tạo Sơn La', level: 'department', parent: 'Ủy ban nhân dân tỉnh Sơn La', place: 'Sơn La' });
    expect(resolveIssuer('Bộ Tài chính')).toEqual({ name: 'Bộ Tài chính', level: 'ministry', parent: 'Chính phủ' });
  });
  it('unknown issuers are kept as found (tidied) by canonicalIssuer', () => {
    expect(canonicalIssuer('Trường THPT Chu Văn An ______')).toBe('Trường THPT Chu Văn An');
    expect(tidyIssuer('BỘ TƯ PHÁP ————')).toBe('BỘ TƯ PHÁP');
  });
});

describe('--fields overrides ("!")', () => {
  it('number=!so_ky_hieu marks number as an override and reads so_ky_hieu', () => {
    const map = parseFieldMap('number=!so_ky_hieu,issuedAt=ngay');
    expect(overridesOf(map)).toEqual(['number']);
    const { record } = mapRecord({ so_ky_hieu: '43/2019/QH14', ngay: '10/12/2025', text: 'x' }, map);
    expect(record).toMatchObject({ number: '43/2019/QH14', issuedAt: '2025-12-10', overrides: ['number'] });
  });
});
