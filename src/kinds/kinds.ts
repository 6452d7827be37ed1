/**
 * The document-kind registry: one entry per kind of document, read by the header parser (kind lines,
 * type codes in numbers), the reference grammar (kind words, type codes), the query parser (kind
 * abbreviations typed in the search box), the search synonyms and the pages (labels).
 * Adding a kind is adding one entry here.
 *
 *   { kind: 'thông tư', codes: ['TT'], words: ['circular'], abbrev: ['tt'], model: true, header: true, normative: true }
 *     "THÔNG TƯ" alone on a header line               → kind 'thông tư'             (docs/header)
 *     "26/2020/TT-BGDĐT"                               → type code TT → 'thông tư'   (docs/header, refs)
 *     "Thông tư số 26/2020/…", "Circular No. 26/…"     → a citation of a thông tư    (refs)
 *     "tt 26/2020" in the search box                   → a reference to a thông tư   (refs/query)
 *     "tt" ↔ "thông tư"                                → synonyms in search          (query/abbreviations)
 *
 * Sources: Luật Ban hành VBQPPL (normative types); Nghị định 30/2020/NĐ-CP Phụ lục III (administrative
 * types and their abbreviations); Quy định 66-QĐ/TW (Party documents).
 */
import { fold } from '../text/fold.js';

export interface KindEntry {
  /** The kind, lower case with diacritics: the value documents and facets carry. */
  kind: string;
  /** Type codes as written inside a số ký hiệu, in their standard form ("NĐ", "QyĐ", "CTr"). */
  codes?: string[];
  /**
   * Codes that fold to another kind's code and differ from it only by Đ ("HĐ" hợp đồng vs "HD"
   * hướng dẫn; "DA" dự án vs "ĐA" đề án): matched on the code as written.
   */
  caseCodes?: string[];
  /** Words (folded) that introduce a citation of this kind besides its own name: English translations. */
  words?: string[];
  /** Abbreviations (folded) typed in queries that mean this kind both ways in search ("nd" ↔ "nghị định"). */
  abbrev?: string[];
  /** Abbreviations (folded) understood only before a number in a reference query ("pl 12/2024"). */
  refAbbrev?: string[];
  /** A reference query with this abbreviation implies its type code in the number ("nd 71/2020" → …/NĐ-…). */
  abbrevImpliesCode?: boolean;
  /** The kind word alone in a reference query implies the type code ("nghị định 71/2020" → …/NĐ-…). */
  wordImpliesCode?: boolean;
  /** One of the document model's kinds (else documents of this kind are stored as `storedAs`, default 'khác'). */
  model?: boolean;
  /** Stored as this model kind when `model` is not set (e.g. nghị quyết liên tịch → nghị quyết). */
  storedAs?: string;
  /** Documents open with the kind in capitals on its own line ("THÔNG TƯ"): the header parser reads it. */
  header?: boolean;
  /** A legal normative document (VBQPPL) cited as such: its citations are family 'qppl'. */
  normative?: boolean;
  /** Display label when it is not the kind with a capital first letter. */
  label?: string;
  /** Not an official document (news, unknown): no identity of its own beyond its text. */
  unofficial?: boolean;
  /**
   * The kind this one is cited as in short ("Thông tư 09" may name a Thông tư liên tịch): a reference
   * naming either kind is answered by documents of both (kindGroup).
   */
  group?: string;
}

export const KINDS: KindEntry[] = [
  // ── normative documents (Luật Ban hành VBQPPL) ──
  { kind: 'hiến pháp', words: ['constitution'], model: true, header: true, normative: true },
  { kind: 'luật', codes: ['L'], words: ['law'], refAbbrev: ['luat'], model: true, header: true, normative: true },
  { kind: 'bộ luật', words: ['code'], refAbbrev: ['bl'], model: true, header: true, normative: true },
  { kind: 'pháp lệnh', codes: ['PL'], words: ['ordinance'], refAbbrev: ['pl'], abbrevImpliesCode: true, model: true, header: true, normative: true },
  { kind: 'lệnh', codes: ['LCT'], normative: true },
  { kind: 'nghị quyết', codes: ['NQ'], words: ['resolution'], abbrev: ['nq'], model: true, header: true },
  { kind: 'nghị quyết liên tịch', codes: ['NQLT'], storedAs: 'nghị quyết', header: true, group: 'nghị quyết' },
  { kind: 'nghị định', codes: ['NĐ'], words: ['decree'], abbrev: ['nd'], abbrevImpliesCode: true, wordImpliesCode: true, model: true, header: true, normative: true },
  { kind: 'thông tư', codes: ['TT'], words: ['circular'], abbrev: ['tt'], abbrevImpliesCode: true, wordImpliesCode: true, model: true, header: true, normative: true },
  { kind: 'thông tư liên tịch', codes: ['TTLT'], words: ['joint circular'], abbrev: ['ttlt'], abbrevImpliesCode: true, wordImpliesCode: true, model: true, header: true, normative: true, group: 'thông tư' },
  { kind: 'thông tư liên bộ', codes: ['TTLB'] },
  { kind: 'quyết định liên bộ', codes: ['QĐLB'] },
  { kind: 'văn bản hợp nhất', codes: ['VBHN'], words: ['consolidated document'], abbrev: ['vbhn'], abbrevImpliesCode: true, model: true, header: true },
  // ── administrative documents (Nghị định 30/2020/NĐ-CP, Phụ lục III) ──
  { kind: 'quyết định', codes: ['QĐ'], words: ['decision'], abbrev: ['qd'], abbrevImpliesCode: true, wordImpliesCode: true, model: true, header: true },
  { kind: 'chỉ thị', codes: ['CT'], words: ['directive'], abbrev: ['ct'], abbrevImpliesCode: true, wordImpliesCode: true, model: true, header: true },
  { kind: 'quy chế', codes: ['QC'], model: true, header: true },
  { kind: 'quy định', codes: ['QyĐ', 'QĐi'], model: true, header: true },
  { kind: 'thông cáo', codes: ['TC'] },
  { kind: 'thông báo', codes: ['TB'], words: ['notice'], abbrev: ['tb'], abbrevImpliesCode: true, wordImpliesCode: true, model: true, header: true },
  { kind: 'hướng dẫn', codes: ['HD'], words: ['instruction'], abbrev: ['hd'], abbrevImpliesCode: true, model: true, header: true },
  { kind: 'chương trình', codes: ['CTr'], model: true, header: true },
  { kind: 'kế hoạch', codes: ['KH'], words: ['plan'], abbrev: ['kh'], abbrevImpliesCode: true, wordImpliesCode: true, model: true, header: true },
  { kind: 'phương án', codes: ['PA'] },
  { kind: 'đề án', codes: ['ĐA'] },
  { kind: 'dự án', caseCodes: ['DA'] },
  { kind: 'báo cáo', codes: ['BC'], model: true, header: true, wordImpliesCode: true },
  { kind: 'biên bản', codes: ['BB'] },
  { kind: 'tờ trình', codes: ['TTr'], model: true, header: true, wordImpliesCode: true },
  { kind: 'hợp đồng', caseCodes: ['HĐ'] },
  { kind: 'công điện', codes: ['CĐ'], refAbbrev: ['cd'], abbrevImpliesCode: true, wordImpliesCode: true, model: true, header: true },
  { kind: 'bản ghi nhớ', codes: ['GN'] },
  { kind: 'bản thỏa thuận', codes: ['TTh'] },
  { kind: 'giấy ủy quyền', codes: ['GUQ'] },
  { kind: 'giấy mời', codes: ['GM'] },
  { kind: 'giấy giới thiệu', codes: ['GGT'] },
  { kind: 'giấy nghỉ phép', codes: ['GNP'] },
  { kind: 'phiếu gửi', codes: ['PG'] },
  { kind: 'phiếu chuyển', codes: ['PC'] },
  { kind: 'phiếu báo', codes: ['PB'] },
  // in common use though not in Phụ lục III: "158/CV-BCĐ", "59-CV/BCĐ"
  { kind: 'công văn', codes: ['CV'], words: ['official letter', 'official dispatch', 'dispatch'], abbrev: ['cv'], model: true, header: true },
  // ── Party documents (Quy định 66-QĐ/TW) ──
  { kind: 'kết luận', codes: ['KL'], refAbbrev: ['kl'], abbrevImpliesCode: true, model: true, header: true },
  // ── court precedents (Nghị quyết 04/2019/NQ-HĐTP): "Án lệ số 27/2019/AL", adopted by the Hội đồng Thẩm phán ──
  { kind: 'án lệ', codes: ['AL'], words: ['precedent'], model: true },
  // ── not official documents ──
  { kind: 'tin tức', model: true, label: 'Tin tức', unofficial: true },
  { kind: 'khác', model: true, label: 'Khác', unofficial: true },
];

/** Folded code key: drop diacritics (đ→d), lower-case, drop "&" and spaces ("QyĐ" → "qyd"). */
export const kindCodeKey = (code: string): string => fold(code).replace(/[&\s]/g, '');

const BY_KIND = new Map(KINDS.map((k) => [k.kind, k]));

/** The registry entry of a kind (undefined for a kind it does not know). */
export function kindEntry(kind: string | undefined): KindEntry | undefined {
  return kind ? BY_KIND.get(kind) : undefined;
}

/** The model's kinds, in registry order: what a stored document's `kind` is one of. */
export const MODEL_KIND_NAMES: string[] = KINDS.filter((k) => k.model).map((k) => k.kind);

/** Whether a kind is an official document's (a kind the registry does not know is not). */
export function isOfficialKind(kind: string | undefined): boolean {
  const e = kindEntry(kind);
  return !!e && !e.unofficial;
}

/** The model kind a kind is stored as: itself when the model has it, else its `storedAs`, else 'khác'. */
export function storedKind(kind: string | undefined): string {
  const e = kindEntry(kind);
  if (!e) return 'khác';
  return e.model ? e.kind : e.storedAs ?? 'khác';
}

/** The kind a kind is cited as in short: "thông tư liên tịch" → "thông tư"; itself for most kinds. */
export function kindGroup(kind: string): string {
  return kindEntry(kind)?.group ?? kind;
}

/** Display label: "thông tư" → "Thông tư". */
export function kindLabel(kind: string): string {
  return kindEntry(kind)?.label ?? (kind ? kind[0].toUpperCase() + kind.slice(1) : kind);
}

/** Header kind lines (upper case) → the model kind, longest first: ['THÔNG TƯ LIÊN TỊCH', 'thông tư liên tịch'], … */
export const HEADER_KIND_LINES: Array<[string, string]> = KINDS.filter((k) => k.header)
  .map((k): [string, string] => [k.kind.toUpperCase(), storedKind(k.kind)])
  .sort((a, b) => b[0].length - a[0].length);

/** Folded type code → the kind it denotes and its standard written form (codes differing only by Đ excluded). */
export const TYPE_CODE_KINDS: Map<string, { kind: string; display: string }> = (() => {
  const m = new Map<string, { kind: string; display: string }>();
  for (const k of KINDS) for (const c of k.codes ?? []) m.set(kindCodeKey(c), { kind: k.kind, display: c });
  return m;
})();

/** Codes written with or without Đ that mean another kind than their folded key: "HĐ" → hợp đồng, "DA" → dự án. */
export const CASE_CODE_KINDS: Map<string, { kind: string; display: string }> = new Map(
  KINDS.flatMap((k) => (k.caseCodes ?? []).map((c): [string, { kind: string; display: string }] => [c, { kind: k.kind, display: c }])));
