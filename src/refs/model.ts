/**
 * The citation model: what the reference tagger (find → resolve) produces for every reference to another
 * document. These zod schemas are the source of truth; docs/model.ts uses them in passages and documents.
 *
 *   "khoản 2 Điều 5 Nghị định số 71/2020/NĐ-CP" → {family: 'qppl', kind: 'nghị định', number: '71/2020/NĐ-CP',
 *     year: 2020, typeCode: 'NĐ', issuerCodes: ['CP'], pinpoint: {dieu: '5', khoan: '2'}, canonical: '71-2020-nd-cp'}
 */
import { z } from 'zod';

export const RELATIONS = ['can-cu', 'sua-doi', 'thay-the', 'bai-bo', 'huong-dan', 'quy-dinh-chi-tiet', 'mention'] as const;
export const Relation = z.enum(RELATIONS);
export type Relation = z.infer<typeof Relation>;

export const Pinpoint = z.object({
  phan: z.string().optional(),
  chuong: z.string().optional(),
  muc: z.string().optional(),
  dieu: z.string().optional(),
  khoan: z.string().optional(),
  diem: z.string().optional(),
  phuLuc: z.string().optional(),
});
export type Pinpoint = z.infer<typeof Pinpoint>;

/** One reference to another document found in a text (see src/refs). Offsets are UTF-16 indices into `text` of the passage (or the string given to the tagger). */
export const Reference = z.object({
  raw: z.string(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  family: z.enum(['qppl', 'administrative', 'party', 'law-by-name', 'consolidated']),
  kind: z.string().optional(),
  number: z.string().optional(),
  year: z.number().int().optional(),
  typeCode: z.string().optional(),
  issuerCodes: z.array(z.string()).default([]),
  pinpoint: Pinpoint.optional(),
  date: z.string().optional(),
  relation: Relation.default('mention'),
  canonical: z.string(),
  /**
   * Set when the reference may mean several documents and nothing in the text decides (a law cited by name with
   * no date, in a text with no date: "Luật Doanh nghiệp" → ['59-2020-qh14', '68-2014-qh13', …]; a short form
   * "Thông tư 22" the document does not spell out). `canonical` is then the likeliest one; lookups answer 300.
   */
  candidates: z.array(z.string()).optional(),
  /**
   * true for a short form whose full number neither the text nor the document gives ("Thông tư 22",
   * "Nghị quyết 30a"): `number` holds what is written, `canonical` is a readable id ("thong-tu-22"), and the
   * corpus is searched by kind, number and year (300 with candidates when several match).
   */
  partial: z.boolean().optional(),
  /** true when this is the document's own number in its header ("Số: 460/TB-SGDĐT"). */
  self: z.boolean().optional(),
});
export type Reference = z.infer<typeof Reference>;

