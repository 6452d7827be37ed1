/**
 * Abbreviations understood both ways in queries, as data. Each entry: the short forms people type
 * (folded, tokens separated by spaces: "gd dt" is how "GD&ĐT"/"GD-ĐT" tokenizes) and the long form.
 * A query word matching a short form also matches the long form, and a long form in a query also
 * matches its short forms.
 */
import { KINDS } from '../kinds/kinds.js';

/**
 * `expandOnly`: the short form typed also matches the long form, but the long form typed stays plain words
 * (not grouped into one phrase clause): for these, grouping "hợp đồng lao động điện tử" into a phrase lost the
 * word-pair boosts and ranked worse on eval:e2e, and the short form is rare in legal text anyway.
 */
export interface Abbreviation { short: string[]; long: string; expandOnly?: boolean }

export const ABBREVIATIONS: Abbreviation[] = [
  // Document types: the kind registry's abbreviations (src/kinds/kinds.ts: "nd" ↔ "nghị định")
  ...KINDS.filter((k) => k.abbrev?.length).map((k) => ({ short: k.abbrev!, long: k.kind })),
  { short: ['qppl'], long: 'quy phạm pháp luật' },
  // Bodies and sectors
  { short: ['gddt', 'gd dt'], long: 'giáo dục và đào tạo' },
  { short: ['bgddt', 'bgd dt'], long: 'bộ giáo dục và đào tạo' },
  { short: ['sgddt', 'sgd dt'], long: 'sở giáo dục và đào tạo' },
  { short: ['pgddt', 'pgd dt'], long: 'phòng giáo dục và đào tạo' },
  { short: ['ubnd'], long: 'ủy ban nhân dân' },
  { short: ['hdnd'], long: 'hội đồng nhân dân' },
  { short: ['ubtvqh'], long: 'ủy ban thường vụ quốc hội' },
  { short: ['cp'], long: 'chính phủ' },
  { short: ['ttg'], long: 'thủ tướng' },
  // Levels and programmes
  { short: ['thcs'], long: 'trung học cơ sở' },
  { short: ['thpt'], long: 'trung học phổ thông' },
  { short: ['gdpt'], long: 'giáo dục phổ thông' },
  { short: ['gdtx'], long: 'giáo dục thường xuyên' },
  { short: ['gdtrh'], long: 'giáo dục trung học' },
  { short: ['gdmn'], long: 'giáo dục mầm non' },
  { short: ['gdth'], long: 'giáo dục tiểu học' },
  { short: ['gdnn'], long: 'giáo dục nghề nghiệp' },
  { short: ['gdqp', 'gdqp an'], long: 'giáo dục quốc phòng' },
  { short: ['cbql'], long: 'cán bộ quản lý' },
  { short: ['cbgv'], long: 'cán bộ giáo viên' },
  { short: ['sgk'], long: 'sách giáo khoa' },
  { short: ['ptdtnt'], long: 'phổ thông dân tộc nội trú' },
  { short: ['ptdtbt'], long: 'phổ thông dân tộc bán trú' },
  { short: ['hs'], long: 'học sinh' },
  // Labour, insurance and tax (as clerks type them; expandOnly: see above)
  { short: ['bhxh'], long: 'bảo hiểm xã hội', expandOnly: true },
  { short: ['bhyt'], long: 'bảo hiểm y tế', expandOnly: true },
  { short: ['bhtn'], long: 'bảo hiểm thất nghiệp', expandOnly: true },
  { short: ['hdld'], long: 'hợp đồng lao động', expandOnly: true },
  { short: ['nld'], long: 'người lao động', expandOnly: true },
  { short: ['nsdld'], long: 'người sử dụng lao động', expandOnly: true },
  { short: ['tncn'], long: 'thu nhập cá nhân', expandOnly: true },
  { short: ['tndn'], long: 'thu nhập doanh nghiệp', expandOnly: true },
  { short: ['gtgt'], long: 'giá trị gia tăng', expandOnly: true },
  { short: ['tthc'], long: 'thủ tục hành chính', expandOnly: true },
  { short: ['gv'], long: 'giáo viên' },
];
