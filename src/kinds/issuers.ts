/**
 * The issuer-authority registry: one canonical name per issuing body, with its parent and place, and the
 * spellings that mean it. The header parser, JSONL imports (crawler fields), facets, filters and portal scopes all
 * go through resolveIssuer(), so "CHÍNH PHỦ", "Chính phủ", "CHÍNH PHỦ ——" and "Chính phủ cộng hoà xã hội chủ nghĩa
 * việt nam" (a motto glued on) are one issuer, and a scope "Sở GD&ĐT Sơn La" finds what "UBND TỈNH SƠN LA / SỞ GIÁO
 * DỤC VÀ ĐÀO TẠO" issued.
 *
 *   resolveIssuer('BỘ GIÁO DỤC VÀ ĐÀO TẠO ______')                 → { name: 'Bộ Giáo dục và Đào tạo', parent: 'Chính phủ', level: 'ministry' }
 *   resolveIssuer('Sở Giáo dục và Đào tạo', { parent: 'UBND tỉnh Sơn La' })
 *                                                                  → { name: 'Sở Giáo dục và Đào tạo Sơn La', parent: 'Ủy ban nhân dân tỉnh Sơn La', place: 'Sơn La' }
 *   resolveIssuer('PHÒNG GD&ĐT HUYỆN MAI SƠN')                     → { name: 'Phòng Giáo dục và Đào tạo huyện Mai Sơn', parent: 'Ủy ban nhân dân huyện Mai Sơn', place: 'Mai Sơn' }
 *   resolveIssuer('Trường THPT Chu Văn An')                        → undefined (kept as found by the caller, and counted)
 *
 * Three tables, composed: CENTRAL (named bodies), PROVINCES (63 provinces and centrally-run cities before the 2025
 * merger, plus Huế), DEPARTMENTS (the sectors of a Sở / Phòng). Matching is on folded syllables (no diacritics, đ→d,
 * lower case), so case, "hoá/hóa", "Ủy/Uỷ" and mis-accented spellings ("Đào tào") never matter.
 * Sources: Luật Tổ chức Chính phủ; Nghị quyết 176/2025/QH15 (ministries from 2025); Nghị quyết 202/2025/QH15
 * (provinces from 2025); Nghị định 24/2014/NĐ-CP and 45/2025/NĐ-CP (provincial departments); Nghị định 37/2014/NĐ-CP
 * (district offices).
 */
import { fold } from '../text/fold.js';

export type AuthorityLevel = 'central' | 'ministry' | 'agency' | 'court' | 'party' | 'province' | 'department' | 'district' | 'district-office' | 'joint';

export interface Authority {
  /** Canonical display name: what documents, facets and filters carry. */
  name: string;
  level: AuthorityLevel;
  /** Canonical name of the body it belongs to. */
  parent?: string;
  /** Other written forms (any case, with or without diacritics). */
  variants?: string[];
  /** Issuer codes in numbers ("BGDĐT" in 26/2020/TT-BGDĐT). */
  codes?: string[];
}

const GOV = 'Chính phủ';
const QH = 'Quốc hội';
const ministry = (name: string, codes: string[], variants: string[] = []): Authority => ({ name, level: 'ministry', parent: GOV, codes, variants });

/** Central bodies, ministries (current and former names) and ministry-level agencies. */
export const CENTRAL: Authority[] = [
  { name: QH, level: 'central', codes: ['QH'] },
  { name: 'Ủy ban Thường vụ Quốc hội', level: 'central', parent: QH, codes: ['UBTVQH'] },
  { name: 'Văn phòng Quốc hội', level: 'central', parent: QH, codes: ['VPQH'] },
  { name: 'Hội đồng Dân tộc', level: 'central', parent: QH, codes: ['HĐDT'] },
  { name: 'Hội đồng Nhà nước', level: 'central', codes: ['HĐNN'] },
  { name: 'Chủ tịch nước', level: 'central', codes: ['CTN'], variants: ['Chủ tịch nước Cộng hòa xã hội chủ nghĩa Việt Nam'] },
  { name: GOV, level: 'central', codes: ['CP'] },
  { name: 'Thủ tướng Chính phủ', level: 'central', parent: GOV, codes: ['TTg'] },
  { name: 'Văn phòng Chính phủ', level: 'agency', parent: GOV, codes: ['VPCP'] },
  { name: 'Thanh tra Chính phủ', level: 'agency', parent: GOV, codes: ['TTCP'] },
  { name: 'Ngân hàng Nhà nước Việt Nam', level: 'agency', parent: GOV, codes: ['NHNN'], variants: ['Ngân hàng Nhà nước'] },
  { name: 'Ủy ban Dân tộc', level: 'agency', parent: GOV, codes: ['UBDT'] },
  { name: 'Bảo hiểm xã hội Việt Nam', level: 'agency', parent: GOV, codes: ['BHXH'] },
  { name: 'Kiểm toán Nhà nước', level: 'central', codes: ['KTNN'] },
  { name: 'Tòa án nhân dân tối cao', level: 'court', codes: ['TANDTC'] },
  { name: 'Hội đồng Thẩm phán Tòa án nhân dân tối cao', level: 'court', parent: 'Tòa án nhân dân tối cao', codes: ['HĐTP'] },
  { name: 'Viện kiểm sát nhân dân tối cao', level: 'court', codes: ['VKSNDTC'] },
  { name: 'Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam', level: 'central', codes: ['MTTQ'], variants: ['Đoàn Chủ tịch Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam'] },
  { name: 'Tổng Liên đoàn Lao động Việt Nam', level: 'central', codes: ['TLĐ'] },
  { name: 'Ban Chấp hành Trung ương', level: 'party', codes: ['TW'], variants: ['Ban Chấp hành Trung ương Đảng', 'Đảng Cộng sản Việt Nam'] },
  { name: 'Bộ Chính trị', level: 'party', parent: 'Ban Chấp hành Trung ương' },
  { name: 'Ban Bí thư', level: 'party', parent: 'Ban Chấp hành Trung ương' },
  ministry('Bộ Giáo dục và Đào tạo', ['BGDĐT'], ['Bộ GD&ĐT', 'Bộ GDĐT']),
  ministry('Bộ Tài chính', ['BTC']),
  ministry('Bộ Nội vụ', ['BNV']),
  ministry('Bộ Y tế', ['BYT']),
  ministry('Bộ Tư pháp', ['BTP']),
  ministry('Bộ Xây dựng', ['BXD']),
  ministry('Bộ Công Thương', ['BCT']),
  ministry('Bộ Công an', ['BCA']),
  ministry('Bộ Quốc phòng', ['BQP']),
  ministry('Bộ Ngoại giao', ['BNG']),
  ministry('Bộ Khoa học và Công nghệ', ['BKHCN'], ['Bộ KH&CN']),
  ministry('Bộ Nông nghiệp và Môi trường', ['BNNMT']),
  ministry('Bộ Văn hóa, Thể thao và Du lịch', ['BVHTTDL'], ['Bộ VHTTDL']),
  ministry('Bộ Dân tộc và Tôn giáo', ['BDTTG']),
  // merged or renamed in 2025: older documents keep their issuer
  ministry('Bộ Lao động - Thương binh và Xã hội', ['BLĐTBXH'], ['Bộ LĐTBXH', 'Bộ LĐ-TB&XH']),
  ministry('Bộ Kế hoạch và Đầu tư', ['BKHĐT'], ['Bộ KH&ĐT']),
  ministry('Bộ Tài nguyên và Môi trường', ['BTNMT'], ['Bộ TN&MT']),
  ministry('Bộ Nông nghiệp và Phát triển nông thôn', ['BNNPTNT'], ['Bộ NN&PTNT']),
  ministry('Bộ Giao thông vận tải', ['BGTVT']),
  ministry('Bộ Thông tin và Truyền thông', ['BTTTT'], ['Bộ TT&TT']),
];

export interface Province { name: string; city?: boolean; variants?: string[] }
/** Provinces and centrally-run cities (63 before the 2025 merger; the 34 after it keep one of these names, Huế became a city). */
export const PROVINCES: Province[] = [
  ...['An Giang', 'Bà Rịa - Vũng Tàu', 'Bắc Giang', 'Bắc Kạn', 'Bạc Liêu', 'Bắc Ninh', 'Bến Tre', 'Bình Định', 'Bình Dương',
    'Bình Phước', 'Bình Thuận', 'Cà Mau', 'Cao Bằng', 'Đắk Lắk', 'Đắk Nông', 'Điện Biên', 'Đồng Nai', 'Đồng Tháp', 'Gia Lai',
    'Hà Giang', 'Hà Nam', 'Hà Tĩnh', 'Hải Dương', 'Hậu Giang', 'Hòa Bình', 'Hưng Yên', 'Khánh Hòa', 'Kiên Giang', 'Kon Tum',
    'Lai Châu', 'Lâm Đồng', 'Lạng Sơn', 'Lào Cai', 'Long An', 'Nam Định', 'Nghệ An', 'Ninh Bình', 'Ninh Thuận', 'Phú Thọ',
    'Phú Yên', 'Quảng Bình', 'Quảng Nam', 'Quảng Ngãi', 'Quảng Ninh', 'Quảng Trị', 'Sóc Trăng', 'Sơn La', 'Tây Ninh',
    'Thái Bình', 'Thái Nguyên', 'Thanh Hóa', 'Thừa Thiên Huế', 'Tiền Giang', 'Trà Vinh', 'Tuyên Quang', 'Vĩnh Long',
    'Vĩnh Phúc', 'Yên Bái'].map((name): Province => ({ name })),
  { name: 'Hà Nội', city: true },
  { name: 'Hồ Chí Minh', city: true, variants: ['HCM', 'TPHCM', 'Sài Gòn'] },
  { name: 'Hải Phòng', city: true },
  { name: 'Đà Nẵng', city: true },
  { name: 'Cần Thơ', city: true },
  { name: 'Huế', city: true },
];

export interface Department { name: string; variants?: string[]; code?: string; district?: boolean }
/** Sectors of a provincial Sở or a district Phòng: "Sở <name> <province>", "Phòng <name> huyện <district>". */
export const DEPARTMENTS: Department[] = [
  { name: 'Giáo dục và Đào tạo', variants: ['GD&ĐT', 'GDĐT', 'GD-ĐT', 'Giáo dục - Đào tạo'], code: 'GDĐT' },
  { name: 'Tài chính', code: 'TC' },
  { name: 'Nội vụ', code: 'NV' },
  { name: 'Y tế', code: 'YT' },
  { name: 'Tư pháp', code: 'TP' },
  { name: 'Xây dựng', code: 'XD' },
  { name: 'Công Thương', code: 'CT' },
  { name: 'Nông nghiệp và Môi trường', variants: ['NN&MT'], code: 'NNMT' },
  { name: 'Khoa học và Công nghệ', variants: ['KH&CN'], code: 'KHCN' },
  { name: 'Văn hóa, Thể thao và Du lịch', variants: ['VHTTDL', 'VH-TT&DL', 'VHTT&DL'], code: 'VHTTDL' },
  { name: 'Văn hóa và Thể thao', variants: ['VH&TT'] },
  { name: 'Du lịch' },
  { name: 'Lao động - Thương binh và Xã hội', variants: ['LĐTBXH', 'LĐ-TB&XH', 'LĐTB&XH'], code: 'LĐTBXH' },
  { name: 'Kế hoạch và Đầu tư', variants: ['KH&ĐT', 'KHĐT'], code: 'KHĐT' },
  { name: 'Tài nguyên và Môi trường', variants: ['TN&MT', 'TNMT'], code: 'TNMT' },
  { name: 'Nông nghiệp và Phát triển nông thôn', variants: ['NN&PTNT', 'NNPTNT'], code: 'NNPTNT' },
  { name: 'Giao thông vận tải', variants: ['GTVT'], code: 'GTVT' },
  { name: 'Thông tin và Truyền thông', variants: ['TT&TT', 'TTTT'], code: 'TTTT' },
  { name: 'Ngoại vụ' },
  { name: 'Dân tộc và Tôn giáo' },
  // district offices only
  { name: 'Tài chính - Kế hoạch', variants: ['TC-KH'], district: true },
  { name: 'Văn hóa và Thông tin', variants: ['VH&TT'], district: true },
  { name: 'Văn hóa, Khoa học và Thông tin', district: true },
  { name: 'Kinh tế và Hạ tầng', variants: ['KT&HT'], district: true },
  { name: 'Kinh tế', district: true },
  { name: 'Quản lý đô thị', district: true },
];

// ── codes written inside document numbers ──────────────────────────────────────────────────────────
/** A code written inside a document number: "BGDĐT" in 26/2020/TT-BGDĐT, "GDTrH" in 3414/BGDĐT-GDTrH, "TW" in 72-QĐ/TW. */
export interface NumberCode { code: string; party?: boolean }

/**
 * Codes written inside numbers that are not the code of an authority in the tables above: bodies that no longer
 * issue under these codes (BBCVT, BTM, TCCP …), general departments and agencies of a ministry (TCHQ, TCT …), units of
 * a ministry or a local government that sign letters (GDTrH, VX, NC …), universities, and Party bodies (party: true —
 * a number "N-TYPE/CODE" with one of these is a Party document). With the registry's own codes they are every issuer
 * code the reference grammar knows (numberCodes(); src/refs/tables.ts reads nothing else). Not exhaustive: the grammar
 * also accepts an unknown upper-case code where the shape of the number is clear.
 */
export const OTHER_NUMBER_CODES: NumberCode[] = [
  // former ministries and ministry-level bodies, general departments, abbreviations seen in older numbers
  ...['BVHTT', 'BTCCBCP', 'TCCP', 'BBCVT', 'BKH', 'BTM', 'BCN', 'BTS', 'BLĐ', 'LĐTBXH', 'GDĐT', 'TATC', 'VKSTC',
    'BHXHVN', 'TLĐLĐVN', 'MTTW', 'UBTƯMTTQVN', 'ĐCTUBTWMTTQVN', 'TCHQ', 'TCT', 'TCTK', 'TCDN', 'BNN', 'BDT', 'UBCKNN',
    'BTT', 'LB', 'TC', 'BL',
    // local government and its units
    'SNN', 'BCĐ', 'BQL', 'VP', 'VX', 'NC', 'KT', 'TH', 'KGVX', 'TCD', 'VPUB', 'VPUBND', 'BATGT', 'HCTC', 'TCKH', 'BTV',
    'ĐHQGHN', 'ĐHQG', 'ĐHQGTPHCM', 'ĐHĐN', 'ĐHTN', 'ĐHH',
    // units of the education ministry and departments
    'GDTrH', 'GDTH', 'GDMN', 'GDTX', 'GDĐH', 'GDCN', 'GDTC', 'GDQPAN', 'CTHSSV', 'CTCT', 'KHTC', 'TCCB', 'NGCBQLGD',
    'NGCBQLCSGD', 'QLCL', 'KTKĐCLGD', 'KTKĐ', 'CSVC', 'CNTT', 'HTQT', 'PC', 'TTr', 'GDDT', 'GDDTC', 'CSVCTBTH',
    'GDTrH&GDTX', 'GDPT', 'KHCNMT', 'GDDN', 'TCGDNN'].map((code): NumberCode => ({ code })),
  // Party bodies: tỉnh ủy, huyện ủy, đảng ủy, quận ủy, đảng ủy khối, ban cán sự đảng, Ban Bí thư, Bộ Chính trị, ban chấp hành …
  ...['TU', 'HU', 'ĐU', 'QU', 'ĐUK', 'BCSĐ', 'BBT', 'BCT', 'BTGTW', 'BTCTW', 'UBKTTW', 'VPTW', 'BDVTW', 'BTGDVTW', 'ĐĐ',
    'ĐCSVN', 'TWĐTN', 'BCH'].map((code): NumberCode => ({ code, party: true })),
];

/** Other written spellings of codes in numbers → the standard one. */
export const NUMBER_CODE_ALIASES: Readonly<Record<string, string>> = {
  'BGD&ĐT': 'BGDĐT', 'SGD&ĐT': 'SGDĐT', 'PGD&ĐT': 'PGDĐT', 'GD&ĐT': 'GDĐT', 'BLĐ-TBXH': 'BLĐTBXH',
};

/**
 * Every code of numbers, the registry's first: the codes of CENTRAL (Party ones flagged), the people's committees and
 * councils (UBND, HĐND), each department's Sở code "S" + code ("SGDĐT") and the education Phòng's "PGDĐT"; then
 * OTHER_NUMBER_CODES. A code listed twice keeps its first entry.
 */
export function numberCodes(): NumberCode[] {
  const out: NumberCode[] = [];
  for (const a of CENTRAL) for (const code of a.codes ?? []) out.push({ code, party: a.level === 'party' || undefined });
  out.push({ code: 'UBND' }, { code: 'HĐND' });
  for (const d of DEPARTMENTS) if (d.code && !d.district) out.push({ code: `S${d.code}` });
  out.push({ code: 'PGDĐT' });
  out.push(...OTHER_NUMBER_CODES);
  return out;
}

export interface IssuerMatch {
  /** Canonical name. */
  name: string;
  level: AuthorityLevel;
  parent?: string;
  /** Province or district of a local body. */
  place?: string;
}

// ── folded syllables ──────────────────────────────────────────────────────────────────────────────
/** Syllables of a name, folded: "Bộ GD&ĐT" → ['bo', 'gd&dt']; "-", ",", "." dropped; a lone "&" reads "và". */
function syllables(s: string): string[] {
  return fold(s).replace(/[,.;:()"“”]/g, ' ').split(/[\s\-–—/]+/u).map((w) => (w === '&' ? 'va' : w)).filter(Boolean);
}
const joinKey = (ws: string[]) => ws.join(' ');
/** Abbreviated unit heads read as their full words: "UBND" → "uy ban nhan dan", "TP." → "thanh pho". */
const HEAD_ABBREV: Record<string, string[]> = {
  ubnd: ['uy', 'ban', 'nhan', 'dan'], hdnd: ['hoi', 'dong', 'nhan', 'dan'], tp: ['thanh', 'pho'], tx: ['thi', 'xa'],
  uyban: ['uy', 'ban'], ubtvqh: ['uy', 'ban', 'thuong', 'vu', 'quoc', 'hoi'],
};
function expand(ws: string[]): string[] {
  const out: string[] = [];
  for (const w of ws) {
    if (HEAD_ABBREV[w]) out.push(...HEAD_ABBREV[w]);
    else if (/^tp(?:hcm)$/.test(w)) out.push('thanh', 'pho', 'hcm');
    else out.push(w);
  }
  return out;
}

/** Starts `ws` at `i` with `phrase`? (syllable-wise) */
function startsWith(ws: string[], i: number, phrase: string[]): boolean {
  if (i + phrase.length > ws.length) return false;
  for (let k = 0; k < phrase.length; k++) if (ws[i + k] !== phrase[k]) return false;
  return true;
}
/** The longest of `forms` found at ws[i…]: [entry, length]. */
function longestAt<T>(ws: string[], i: number, forms: Array<[string[], T]>): [T, number] | undefined {
  let best: [T, number] | undefined;
  for (const [f, e] of forms) if ((!best || f.length > best[1]) && startsWith(ws, i, f)) best = [e, f.length];
  return best;
}

const CENTRAL_INDEX = new Map<string, Authority>();
for (const a of CENTRAL) for (const v of [a.name, ...(a.variants ?? [])]) CENTRAL_INDEX.set(joinKey(expand(syllables(v))), a);
const PROVINCE_FORMS: Array<[string[], Province]> = PROVINCES.flatMap((p) => [p.name, ...(p.variants ?? [])].map((v): [string[], Province] => [syllables(v), p]));
const DEPT_FORMS: Array<[string[], Department]> = DEPARTMENTS.flatMap((d) => [d.name, ...(d.variants ?? [])].map((v): [string[], Department] => [syllables(v), d]));

const ADMIN_WORDS: Array<[string[], string]> = [[['thanh', 'pho'], 'thành phố'], [['thi', 'xa'], 'thị xã'], [['tinh'], 'tỉnh'], [['huyen'], 'huyện'], [['quan'], 'quận']];

const provinceBody = (p: Province, head: 'Ủy ban nhân dân' | 'Hội đồng nhân dân'): string => `${head} ${p.city ? 'thành phố' : 'tỉnh'} ${p.name}`;

/** "tỉnh Sơn La" / "TP. Hà Nội" / "Sơn La" at ws[i…] filling the rest: the province. */
function provinceAt(ws: string[], i: number): Province | undefined {
  const lvl = longestAt(ws, i, ADMIN_WORDS);
  const j = lvl ? i + lvl[1] : i;
  const p = longestAt(ws, j, PROVINCE_FORMS);
  return p && j + p[1] === ws.length ? p[0] : undefined;
}

/** A district-level place at ws[i…] filling the rest: "huyện Mai Sơn" → ['huyện', 'Mai Sơn'] (name from the written words). */
function districtAt(words: string[], ws: string[], i: number): [string, string] | undefined {
  const lvl = longestAt(ws, i, ADMIN_WORDS);
  if (!lvl || lvl[0] === 'tỉnh' || i + lvl[1] >= ws.length) return undefined;
  const name = words.slice(i + lvl[1]).map(titleWord).join(' ');
  return [lvl[0], name];
}
const titleWord = (w: string) => (w ? w[0].toLocaleUpperCase('vi') + w.slice(1).toLocaleLowerCase('vi') : w);

// ── tidying what a crawler or a flattened header wrote ────────────────────────────────────────────
/** A motto glued after the issuer: "Chính phủ cộng hoà xã hội chủ nghía việt nam" (any accents, typos after "cộng hòa xã hội"). */
const GLUED_MOTTO = /\s*c[ộo]ng\s*h[òoóaà]+\s*x[ãa]\s*h[ộo]i.*$/iu;
/** The number cell glued after the issuer: "QUỐC HỘI Luật số: 116/2025/QH15", "… Số: 12/…". */
const GLUED_NUMBER = /\s*(?:(?:Luật|Bộ luật|Pháp lệnh|Nghị quyết|Nghị định|Quyết định|Thông tư|Lệnh)\s+)?(?:số|Số|SỐ)\s*:?\s*\d.*$/u;
/** Gazette section headings that a flattened Công báo page puts before the issuer. */
const GAZETTE_PREFIX = /^(?:(?:văn bản (?:quy phạm pháp luật|pháp luật khác|hợp nhất|khác))\s*[-–]?\s*)+/iu;

/** The issuer as written, without decorations, a glued motto or number, a parenthesised remark, or gazette headings. */
export function tidyIssuer(raw: string): string {
  return raw.normalize('NFC')
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[_=—–\-.…*]{2,}/g, ' ')
    .replace(GLUED_MOTTO, '')
    .replace(GLUED_NUMBER, '')
    .replace(/\s+/g, ' ').trim()
    .replace(GAZETTE_PREFIX, '')
    .replace(/^[\s,;:\-–]+|[\s,;:\-–]+$/g, '');
}

// ── resolution ────────────────────────────────────────────────────────────────────────────────────
function resolveOne(tidy: string, parent?: IssuerMatch): IssuerMatch | undefined {
  const words = tidy.split(/\s+/).filter((w) => !/^[-–,&]$/.test(w));
  const ws = expand(syllables(tidy));
  if (!ws.length) return undefined;
  const central = CENTRAL_INDEX.get(joinKey(ws));
  if (central) return { name: central.name, level: central.level, parent: central.parent };
  const raw = syllables(tidy);
  // people's committees and councils: "UBND TỈNH SƠN LA", "Ủy ban nhân dân thành phố Hà Nội", "UBND huyện Mai Sơn"
  for (const [head, phrase] of [['Ủy ban nhân dân', ['uy', 'ban', 'nhan', 'dan']], ['Hội đồng nhân dân', ['hoi', 'dong', 'nhan', 'dan']]] as const) {
    if (!startsWith(ws, 0, [...phrase])) continue;
    const p = provinceAt(ws, phrase.length);
    if (p) return { name: provinceBody(p, head), level: 'province', place: p.name };
    // the written words after the head: the head was 1 word ("UBND") or 4
    const skip = startsWith(raw, 0, ['ubnd']) || startsWith(raw, 0, ['hdnd']) ? 1 : 4;
    const d = districtAt(words, raw, skip);
    if (d) return { name: `${head} ${d[0]} ${d[1]}`, level: 'district', place: d[1] };
    return undefined;
  }
  // departments and district offices: "Sở GD&ĐT Sơn La", "SỞ GIÁO DỤC VÀ ĐÀO TẠO" (+ parent UBND tỉnh …), "Phòng GD&ĐT huyện X"
  const unit = ws[0] === 'so' ? 'Sở' : ws[0] === 'phong' ? 'Phòng' : undefined;
  if (unit) {
    const dept = longestAt(ws, 1, DEPT_FORMS);
    if (!dept) return undefined;
    const [d, n] = dept;
    const rest = 1 + n;
    if (unit === 'Sở' && !d.district) {
      const p = rest === ws.length ? (parent?.level === 'province' ? PROVINCES.find((x) => x.name === parent.place) : undefined) : provinceAt(ws, rest);
      if (p) return { name: `Sở ${d.name} ${p.name}`, level: 'department', parent: provinceBody(p, 'Ủy ban nhân dân'), place: p.name };
      return undefined;
    }
    if (unit === 'Phòng') {
      // written words after "Phòng <sector>": count the sector's written words by their folded syllables
      let consumed = 0, k = 1;
      while (k < words.length && consumed < n) { consumed += syllables(words[k]).length; k++; }
      const d2 = rest === ws.length ? (parent?.level === 'district' ? [parent.name.replace(/^Ủy ban nhân dân /u, '').split(' ')[0], parent.place!] as [string, string] : undefined)
        : districtAt(words.slice(k), syllables(words.slice(k).join(' ')), 0);
      if (d2) return { name: `Phòng ${d.name} ${d2[0]} ${d2[1]}`, level: 'district-office', parent: `Ủy ban nhân dân ${d2[0]} ${d2[1]}`, place: d2[1] };
    }
    return undefined;
  }
  return undefined;
}

/** Fragments a wrapped header leaves ("và Xã hội", "Thương binh và Xã hội"): the one central body whose name ends so. */
function fromFragment(tidy: string): IssuerMatch | undefined {
  if (!/^\p{Ll}|^(?:Thương binh|THƯƠNG BINH)/u.test(tidy)) return undefined;
  const key = joinKey(syllables(tidy));
  if (key.split(' ').length < 3) return undefined;
  const hits = CENTRAL.filter((a) => joinKey(syllables(a.name)).endsWith(' ' + key));
  return hits.length === 1 ? { name: hits[0].name, level: hits[0].level, parent: hits[0].parent } : undefined;
}

const CACHE = new Map<string, IssuerMatch | null>();

/**
 * The authority an issuer string names, or undefined when it is not in the registry. `context.parent` is the line
 * above the issuer in the header ("UBND TỈNH SƠN LA" above "SỞ GIÁO DỤC VÀ ĐÀO TẠO"), which gives a Sở its province.
 * Joint issuers ("Bộ Tư pháp - Bộ Công an - …") resolve when every part does: name "A - B - …", level 'joint'.
 */
export function resolveIssuer(raw: string | undefined, context: { parent?: string } = {}): IssuerMatch | undefined {
  if (!raw) return undefined;
  const ck = `${raw}\u0000${context.parent ?? ''}`;
  const cached = CACHE.get(ck);
  if (cached !== undefined) return cached ?? undefined;
  const tidy = tidyIssuer(raw);
  const parent = context.parent ? resolveIssuer(context.parent) : undefined;
  let m = tidy ? resolveOne(tidy, parent) ?? fromFragment(tidy) : undefined;
  if (!m && tidy) {
    // joint issuers: parts separated by " - " that each start a unit ("BỘ TƯ PHÁP - BỘ CÔNG AN")
    const parts = tidy.split(/\s+[-–]\s+|\s*[-–]\s+(?=\p{Lu})/u).filter(Boolean);
    if (parts.length >= 2) {
      const ms = parts.map((p) => resolveOne(p, parent));
      if (ms.every(Boolean)) m = { name: ms.map((x) => x!.name).join(' - '), level: 'joint' };
    }
  }
  if (CACHE.size > 20_000) CACHE.clear();
  CACHE.set(ck, m ?? null);
  return m;
}

/** The canonical name of an issuer string (a filter or scope value), or the string tidied when the registry does not know it. */
export function canonicalIssuer(raw: string): string {
  return resolveIssuer(raw)?.name ?? tidyIssuer(raw);
}

/** The central body an issuer code in a number names: "BGDĐT" → Bộ Giáo dục và Đào tạo; "TTg" → Thủ tướng Chính phủ. */
export function authorityByCode(code: string): Authority | undefined {
  const k = fold(code).replace(/[^a-z0-9]/g, '');
  return CENTRAL.find((a) => a.codes?.some((c) => fold(c).replace(/[^a-z0-9]/g, '') === k));
}
