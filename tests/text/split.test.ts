/**
 * Syllables split by a stray space (src/text/split.ts). Inputs from real PDF text layers: the title of Công báo
 * 07/2026/TT-BNV ("Quy đị nh mứ c lương của chuyên gia tư vấ n trong nướ c là m cơ sở … gó i thầ u") and Nghị định
 * 188/2025/NĐ-CP in congbao-8chude ("Ứ ng dụng cô ng nghệ thô ng tin"); the false joins to avoid are from the same
 * corpus ("các điểm g, h, m và n khoản 1", "năm thứ t", "thì n=3").
 */
import { describe, it, expect } from 'vitest';
import { repairSplitSyllables } from '../../src/text/split.js';

describe('repairSplitSyllables', () => {
  it('rejoins fragments the inventory is sure of', () => {
    expect(repairSplitSyllables('Quy đị nh mứ c lương của chuyên gia tư vấ n trong nướ c là m cơ sở cho việc xác định giá gó i thầ u'))
      .toBe('Quy định mức lương của chuyên gia tư vấn trong nước là m cơ sở cho việc xác định giá gói thầu');
    expect(repairSplitSyllables('1. Ứ ng dụng cô ng nghệ thô ng tin phục vụ cô ng tác quản lý'))
      .toBe('1. Ứng dụng công nghệ thông tin phục vụ công tác quản lý');
  });
  it('leaves words of their own alone, and texts without the damage untouched', () => {
    const ok = 'các điểm g, h, m và n khoản 1; năm thứ t; bình quân quý thì n=3; điểm a và c';
    expect(repairSplitSyllables(ok)).toBe(ok);
    expect(repairSplitSyllables(`${ok} Quy đị nh mứ c lương tư vấ n`)).toBe(`${ok} Quy định mức lương tư vấn`);
    expect(repairSplitSyllables('Quy đị nh mứ c lương')).toBe('Quy đị nh mứ c lương'); // two joins: not enough evidence
  });
});
