/**
 * Grammar tables for Vietnamese document references, as data. The patterns in patterns.ts and the
 * resolver in resolve.ts read these; nothing here is code.
 *
 * Keys written "folded" are fold()ed (lower case, no diacritics, đ→d) with "&" and spaces removed,
 * e.g. "BGD&ĐT" → "bgddt", "TTg" → "ttg".
 */
import { fold } from '../text/fold.js';
import { CASE_CODE_KINDS, KINDS, TYPE_CODE_KINDS } from '../kinds/kinds.js';

/**
 * Document type codes as written inside a số ký hiệu, with the kind they denote: from the kind registry
 * (src/kinds/kinds.ts). `display` is the standard written form (case and Đ restored), used when the text was
 * folded or lower-cased. English translations write codes without diacritics ("ND-CP", "QD-TTg"): same keys.
 */
export interface TypeCodeEntry { display: string; kind: string }

export const TYPE_CODES: Record<string, TypeCodeEntry> = Object.fromEntries(TYPE_CODE_KINDS);

/** Written with Đ, these folded keys mean another kind ("HĐ" hợp đồng vs "HD" hướng dẫn; "DA" dự án vs "ĐA" đề án). */
export const TYPE_CODE_CASE_VARIANTS: Record<string, TypeCodeEntry> = Object.fromEntries(CASE_CODE_KINDS);

/**
 * Issuer and unit codes (folded key → standard display). Used to restore the standard written form,
 * to accept codes in lower-cased text, and to re-join codes split by a stray space ("BGD ĐT").
 * Not exhaustive: an unknown upper-case code is still accepted where the shape is clear.
 */
const ISSUER_DISPLAY = [
  // Government, ministries and ministry-level bodies (old and new names)
  'CP', 'TTg', 'VPCP', 'BGDĐT', 'BTC', 'BLĐTBXH', 'BGTVT', 'BKHCN', 'BYT', 'BNNPTNT', 'BNNMT', 'NHNN', 'BTTTT',
  'BCT', 'BTNMT', 'BCA', 'BQP', 'BTP', 'BKHĐT', 'BVHTTDL', 'BXD', 'BNV', 'BNG', 'TTCP', 'UBDT', 'BDTTG', 'BVHTT',
  'BTCCBCP', 'TCCP', 'BBCVT', 'BKH', 'BTM', 'BCN', 'BTS', 'BLĐ', 'LĐTBXH', 'GDĐT', 'TANDTC', 'VKSNDTC', 'TATC', 'VKSTC',
  'KTNN', 'BHXH', 'BHXHVN', 'TLĐ', 'TLĐLĐVN', 'MTTW', 'UBTƯMTTQVN', 'ĐCTUBTWMTTQVN', 'HĐTP', 'TCHQ', 'TCT', 'TCTK', 'TCDN',
  'BNN', 'BDT', 'UBCKNN', 'BTT', 'LB', 'TC', 'BL',
  // National Assembly
  'QH', 'UBTVQH', 'HĐNN', 'VPQH', 'HĐDT',
  // Local government
  'UBND', 'HĐND', 'SGDĐT', 'PGDĐT', 'SNV', 'STC', 'SYT', 'SLĐTBXH', 'SKHĐT', 'STNMT', 'SXD', 'SVHTTDL', 'STTTT',
  'SGTVT', 'SNN', 'SNNPTNT', 'SKHCN', 'STP', 'SCT', 'BCĐ', 'BQL', 'VP', 'VX', 'NC', 'KT', 'TH', 'KGVX', 'TCD',
  'VPUB', 'VPUBND', 'BATGT', 'BCH', 'HCTC', 'TCKH', 'BTV',
  'ĐHQGHN', 'ĐHQG', 'ĐHQGTPHCM', 'ĐHĐN', 'ĐHTN', 'ĐHH',
  // Education ministry / department units
  'GDTrH', 'GDTH', 'GDMN', 'GDTX', 'GDĐH', 'GDCN', 'GDTC', 'GDQPAN', 'CTHSSV', 'CTCT', 'KHTC', 'TCCB', 'NGCBQLGD',
  'NGCBQLCSGD', 'QLCL', 'KTKĐCLGD', 'KTKĐ', 'CSVC', 'CNTT', 'HTQT', 'PC', 'TTr', 'VP', 'GDDT', 'GDDTC', 'CSVCTBTH',
  'GDTrH&GDTX', 'GDPT', 'TCCB', 'KHCNMT', 'GDDN', 'TCGDNN',
  // Party
  'TW', 'TU', 'HU', 'ĐU', 'QU', 'ĐUK', 'BCSĐ', 'BBT', 'BCT', 'BTGTW', 'BTCTW', 'UBKTTW', 'VPTW', 'BDVTW',
  'BTGDVTW', 'ĐĐ', 'ĐCSVN', 'TWĐTN', 'BCH',
];

/** Extra written spellings mapped to a standard display. */
const ISSUER_ALIASES: Record<string, string> = {
  'BGD&ĐT': 'BGDĐT', 'SGD&ĐT': 'SGDĐT', 'PGD&ĐT': 'PGDĐT', 'GD&ĐT': 'GDĐT', 'BLĐ-TBXH': 'BLĐTBXH',
};

/** Folded key: drop diacritics (đ→d), lower-case, drop "&" and spaces. */
const CODE_KEY_CACHE = new Map<string, string>();
export function codeKey(s: string): string {
  let k = CODE_KEY_CACHE.get(s);
  if (k === undefined) {
    k = codeKeyUncached(s);
    if (CODE_KEY_CACHE.size > 50_000) CODE_KEY_CACHE.clear();
    CODE_KEY_CACHE.set(s, k);
  }
  return k;
}
function codeKeyUncached(s: string): string {
  return fold(s).replace(/[&\s]/g, '');
}

export const ISSUER_CODES: Map<string, string> = (() => {
  const m = new Map<string, string>();
  for (const d of ISSUER_DISPLAY) {
    const k = codeKey(d);
    if (!m.has(k)) m.set(k, d);
  }
  for (const [alias, d] of Object.entries(ISSUER_ALIASES)) m.set(codeKey(alias), d);
  return m;
})();

/** Issuers of the Communist Party: "N-TYPE/ISSUER" with these is family 'party'. */
export const PARTY_ISSUERS = new Set(['tw', 'tu', 'hu', 'du', 'qu', 'duk', 'bcsd', 'bbt', 'bct', 'btgtw', 'btctw', 'ubkttw',
  'vptw', 'bdvtw', 'btgdvtw', 'dd', 'dcsvn', 'twdtn', 'bch']);

/** All folded codes known to the grammar (types, issuers, units). */
export function isKnownCode(key: string): boolean {
  return key in TYPE_CODES || ISSUER_CODES.has(key) || /^(?:ubtv)?qh\d{1,2}$/.test(key) || /^hdnn\d{1,2}$/.test(key);
}

/** The type-code entry for a code as written: "HĐ" (hợp đồng) and "HD" (hướng dẫn), "ĐA" (đề án) and "DA" (dự án) differ only by Đ. */
export function typeCodeEntry(written: string): TypeCodeEntry | undefined {
  const key = codeKey(written);
  const hasD = /[ĐđÐ]/.test(written);
  if (key === 'hd' && hasD) return TYPE_CODE_CASE_VARIANTS['HĐ'];
  if (key === 'da' && !hasD) return TYPE_CODE_CASE_VARIANTS['DA'];
  return TYPE_CODES[key];
}

/** Standard display of one code as written: known codes get their standard case and Đ back ("nd" → "NĐ", "gdtrh" → "GDTrH"). */
export function displayCode(written: string, role: 'type' | 'issuer'): string {
  const key = codeKey(written);
  if (role === 'type') {
    const t = typeCodeEntry(written);
    if (t) return t.display;
  }
  const compact = written.replace(/\s+/g, '');
  // written in capitals with its own diacritics ("TƯ", "BLĐTBXH"): keep it as written
  if (compact === compact.toUpperCase() && /[ĐƯƠÂĂÊÔ]/.test(compact) && !compact.includes('&')) return compact;
  const known = ISSUER_CODES.get(key);
  if (known) return known;
  const qh = /^(ubtv)?qh(\d{1,2})$/.exec(key);
  if (qh) return `${qh[1] ? 'UBTV' : ''}QH${qh[2]}`;
  if (role === 'issuer' && key in TYPE_CODES) return TYPE_CODES[key].display;
  return compact.toUpperCase();
}

/**
 * Kind words that introduce a citation ("Nghị định số", "Thông tư", "Công văn", English "Decree No."):
 * every kind of the registry by its folded name, plus its other words. `words` are folded; the patterns
 * allow any spacing between syllables (glued text: "Côngvăn3414"); their users sort longer phrases first.
 */
export interface KindWord { words: string; kind: string }
export const KIND_WORDS: KindWord[] = (() => {
  const out: KindWord[] = [];
  const seen = new Set<string>();
  for (const k of KINDS) {
    if (!k.codes?.length && !k.caseCodes?.length && !k.words?.length && !k.header) continue; // not cited by kind ("tin tức")
    for (const words of [fold(k.kind), ...(k.words ?? [])]) {
      if (!seen.has(words)) { seen.add(words); out.push({ words, kind: k.kind }); }
    }
  }
  return out;
})();

/** Relation cues (folded) in the words around a citation, in priority order for ties. */
export const RELATION_CUES: { cue: string; relation: 'can-cu' | 'sua-doi' | 'thay-the' | 'bai-bo' | 'huong-dan' | 'quy-dinh-chi-tiet' }[] = [
  { cue: 'can cu', relation: 'can-cu' },
  { cue: 'quy dinh chi tiet', relation: 'quy-dinh-chi-tiet' },
  { cue: 'sua doi', relation: 'sua-doi' },
  { cue: 'bo sung mot so', relation: 'sua-doi' },
  { cue: 'bo sung boi', relation: 'sua-doi' },
  { cue: 'thay the', relation: 'thay-the' },
  { cue: 'bai bo', relation: 'bai-bo' },
  { cue: 'huy bo', relation: 'bai-bo' },
  { cue: 'het hieu luc', relation: 'bai-bo' },
  { cue: 'huong dan', relation: 'huong-dan' },
  // English
  { cue: 'pursuant to', relation: 'can-cu' },
  { cue: 'amending', relation: 'sua-doi' },
  { cue: 'replac', relation: 'thay-the' },
  { cue: 'annul', relation: 'bai-bo' },
  { cue: 'repeal', relation: 'bai-bo' },
  { cue: 'guiding', relation: 'huong-dan' },
  { cue: 'elaborating', relation: 'quy-dinh-chi-tiet' },
];

/**
 * Laws and codes cited by name. `prefix` is the word the name follows ("Luật", "Bộ luật", "Hiến pháp");
 * `names` are written forms (first = standard), `versions` newest first. A name without a year
 * resolves to versions[0] (the current law); with a year, to the version passed that year.
 * Numbers checked against the số ký hiệu cited in vbpl.vn / Công báo / Pháp điển text.
 */
export interface LawVersion { number: string; year: number }
export interface LawEntry { prefix: 'luật' | 'bộ luật' | 'hiến pháp'; names: string[]; versions: LawVersion[] }

const v = (number: string): LawVersion => ({ number, year: Number(number.split('/')[1]) });

export const LAWS: LawEntry[] = [
  { prefix: 'hiến pháp', names: [''], versions: [{ number: 'Hiến pháp 2013', year: 2013 }, { number: 'Hiến pháp 1992', year: 1992 }, { number: 'Hiến pháp 1980', year: 1980 }, { number: 'Hiến pháp 1959', year: 1959 }, { number: 'Hiến pháp 1946', year: 1946 }] },
  // Codes (Bộ luật)
  { prefix: 'bộ luật', names: ['Dân sự'], versions: [v('91/2015/QH13'), v('33/2005/QH11')] },
  { prefix: 'bộ luật', names: ['Hình sự'], versions: [v('100/2015/QH13'), v('15/1999/QH10')] },
  { prefix: 'bộ luật', names: ['Lao động'], versions: [v('45/2019/QH14'), v('10/2012/QH13')] },
  { prefix: 'bộ luật', names: ['Tố tụng dân sự'], versions: [v('92/2015/QH13'), v('24/2004/QH11')] },
  { prefix: 'bộ luật', names: ['Tố tụng hình sự'], versions: [v('101/2015/QH13'), v('19/2003/QH11')] },
  { prefix: 'bộ luật', names: ['Hàng hải Việt Nam', 'Hàng hải'], versions: [v('95/2015/QH13'), v('40/2005/QH11')] },
  { prefix: 'luật', names: ['Tố tụng hành chính'], versions: [v('93/2015/QH13')] },
  // Education sector
  { prefix: 'luật', names: ['Giáo dục'], versions: [v('43/2019/QH14'), v('38/2005/QH11'), v('11/1998/QH10')] },
  { prefix: 'luật', names: ['Giáo dục đại học'], versions: [v('125/2025/QH15'), v('34/2018/QH14'), v('08/2012/QH13')] }, // 2018: the amending law
  { prefix: 'luật', names: ['Giáo dục nghề nghiệp'], versions: [v('124/2025/QH15'), v('74/2014/QH13')] },
  { prefix: 'luật', names: ['Giáo dục quốc phòng và an ninh'], versions: [v('30/2013/QH13')] },
  { prefix: 'luật', names: ['Nhà giáo'], versions: [v('73/2025/QH15')] },
  { prefix: 'luật', names: ['Dạy nghề'], versions: [v('76/2006/QH11')] },
  { prefix: 'luật', names: ['Trẻ em'], versions: [v('102/2016/QH13')] },
  { prefix: 'luật', names: ['Thanh niên'], versions: [v('57/2020/QH14')] },
  { prefix: 'luật', names: ['Người khuyết tật'], versions: [v('51/2010/QH12')] },
  { prefix: 'luật', names: ['Thư viện'], versions: [v('46/2019/QH14')] },
  { prefix: 'luật', names: ['Thể dục, thể thao'], versions: [v('77/2006/QH11')] },
  { prefix: 'luật', names: ['Phổ biến, giáo dục pháp luật'], versions: [v('14/2012/QH13')] },
  { prefix: 'luật', names: ['Bình đẳng giới'], versions: [v('73/2006/QH11')] },
  { prefix: 'luật', names: ['Khoa học và công nghệ'], versions: [v('29/2013/QH13')] },
  { prefix: 'luật', names: ['Khoa học, công nghệ và đổi mới sáng tạo'], versions: [v('93/2025/QH15')] },
  // State organisation, civil service
  { prefix: 'luật', names: ['Ban hành văn bản quy phạm pháp luật', 'Ban hành văn bản QPPL', 'Ban hành VBQPPL'], versions: [v('64/2025/QH15'), v('80/2015/QH13'), v('17/2008/QH12')] },
  { prefix: 'luật', names: ['Viên chức'], versions: [v('129/2025/QH15'), v('58/2010/QH12')] },
  { prefix: 'luật', names: ['Cán bộ, công chức', 'Cán bộ công chức'], versions: [v('80/2025/QH15'), v('22/2008/QH12')] },
  { prefix: 'luật', names: ['Tổ chức chính quyền địa phương'], versions: [v('72/2025/QH15'), v('77/2015/QH13')] },
  { prefix: 'luật', names: ['Tổ chức Chính phủ'], versions: [v('63/2025/QH15'), v('76/2015/QH13')] },
  { prefix: 'luật', names: ['Tổ chức Quốc hội'], versions: [v('57/2014/QH13')] },
  { prefix: 'luật', names: ['Tổ chức Tòa án nhân dân'], versions: [v('34/2024/QH15'), v('62/2014/QH13')] },
  { prefix: 'luật', names: ['Thi đua, khen thưởng', 'Thi đua khen thưởng'], versions: [v('06/2022/QH15'), v('15/2003/QH11')] },
  { prefix: 'luật', names: ['Ngân sách nhà nước'], versions: [v('89/2025/QH15'), v('83/2015/QH13')] },
  { prefix: 'luật', names: ['Quản lý, sử dụng tài sản công'], versions: [v('15/2017/QH14')] },
  { prefix: 'luật', names: ['Đầu tư công'], versions: [v('58/2024/QH15'), v('39/2019/QH14')] },
  { prefix: 'luật', names: ['Đấu thầu'], versions: [v('22/2023/QH15'), v('43/2013/QH13'), v('61/2005/QH11')] },
  { prefix: 'luật', names: ['Xử lý vi phạm hành chính'], versions: [v('88/2025/QH15'), v('67/2020/QH14'), v('15/2012/QH13')] }, // 2020, 2025: amending laws
  { prefix: 'luật', names: ['Khiếu nại'], versions: [v('02/2011/QH13')] },
  { prefix: 'luật', names: ['Tố cáo'], versions: [v('25/2018/QH14')] },
  { prefix: 'luật', names: ['Tiếp công dân'], versions: [v('42/2013/QH13')] },
  { prefix: 'luật', names: ['Thanh tra'], versions: [v('84/2025/QH15'), v('11/2022/QH15')] },
  { prefix: 'luật', names: ['Phòng, chống tham nhũng'], versions: [v('36/2018/QH14')] },
  { prefix: 'luật', names: ['Tiếp cận thông tin'], versions: [v('104/2016/QH13')] },
  { prefix: 'luật', names: ['Lưu trữ'], versions: [v('33/2024/QH15'), v('01/2011/QH13')] },
  { prefix: 'luật', names: ['Thống kê'], versions: [v('89/2015/QH13')] },
  { prefix: 'luật', names: ['Điều ước quốc tế'], versions: [v('108/2016/QH13')] },
  { prefix: 'luật', names: ['Thực hiện dân chủ ở cơ sở'], versions: [v('10/2022/QH15')] },
  { prefix: 'luật', names: ['Trợ giúp pháp lý'], versions: [v('11/2017/QH14'), v('69/2006/QH11')] },
  { prefix: 'luật', names: ['Giao dịch điện tử'], versions: [v('20/2023/QH15')] },
  { prefix: 'luật', names: ['Công nghệ thông tin'], versions: [v('67/2006/QH11')] },
  { prefix: 'luật', names: ['An toàn thông tin mạng'], versions: [v('86/2015/QH13')] },
  { prefix: 'luật', names: ['An ninh mạng'], versions: [v('116/2025/QH15'), v('24/2018/QH14')] },
  { prefix: 'luật', names: ['Dữ liệu'], versions: [v('60/2024/QH15')] },
  { prefix: 'luật', names: ['Bảo vệ dữ liệu cá nhân'], versions: [v('91/2025/QH15')] },
  { prefix: 'luật', names: ['An ninh quốc gia'], versions: [v('32/2004/QH11')] },
  { prefix: 'luật', names: ['Bảo vệ bí mật nhà nước'], versions: [v('117/2025/QH15'), v('29/2018/QH14')] },
  { prefix: 'luật', names: ['Cư trú'], versions: [v('68/2020/QH14')] },
  { prefix: 'luật', names: ['Căn cước'], versions: [v('26/2023/QH15')] },
  { prefix: 'luật', names: ['Nghĩa vụ quân sự'], versions: [v('78/2015/QH13')] },
  { prefix: 'luật', names: ['Dân quân tự vệ'], versions: [v('48/2019/QH14')] },
  // Labour, social insurance, health
  { prefix: 'luật', names: ['Bảo hiểm xã hội'], versions: [v('41/2024/QH15'), v('58/2014/QH13'), v('71/2006/QH11')] },
  { prefix: 'luật', names: ['Bảo hiểm y tế'], versions: [v('25/2008/QH12')] },
  { prefix: 'luật', names: ['Việc làm'], versions: [v('74/2025/QH15'), v('38/2013/QH13')] },
  { prefix: 'luật', names: ['An toàn, vệ sinh lao động'], versions: [v('84/2015/QH13')] },
  { prefix: 'luật', names: ['Công đoàn'], versions: [v('50/2024/QH15'), v('12/2012/QH13')] },
  { prefix: 'luật', names: ['Người cao tuổi'], versions: [v('39/2009/QH12')] },
  { prefix: 'luật', names: ['Hôn nhân và gia đình'], versions: [v('52/2014/QH13'), v('22/2000/QH10')] },
  { prefix: 'luật', names: ['Phòng, chống bạo lực gia đình'], versions: [v('13/2022/QH15')] },
  { prefix: 'luật', names: ['Khám bệnh, chữa bệnh'], versions: [v('15/2023/QH15')] },
  { prefix: 'luật', names: ['An toàn thực phẩm'], versions: [v('55/2010/QH12')] },
  { prefix: 'luật', names: ['Dược'], versions: [v('105/2016/QH13')] },
  // Economy, tax, finance
  { prefix: 'luật', names: ['Doanh nghiệp'], versions: [v('59/2020/QH14'), v('68/2014/QH13')] },
  { prefix: 'luật', names: ['Đầu tư'], versions: [v('143/2025/QH15'), v('61/2020/QH14'), v('67/2014/QH13')] },
  { prefix: 'luật', names: ['Đầu tư theo phương thức đối tác công tư'], versions: [v('64/2020/QH14')] },
  { prefix: 'luật', names: ['Quản lý thuế'], versions: [v('108/2025/QH15'), v('38/2019/QH14')] },
  { prefix: 'luật', names: ['Thuế thu nhập cá nhân'], versions: [v('109/2025/QH15'), v('04/2007/QH12')] },
  { prefix: 'luật', names: ['Thuế thu nhập doanh nghiệp'], versions: [v('67/2025/QH15'), v('14/2008/QH12')] },
  { prefix: 'luật', names: ['Thuế giá trị gia tăng'], versions: [v('48/2024/QH15')] },
  { prefix: 'luật', names: ['Kế toán'], versions: [v('88/2015/QH13')] },
  { prefix: 'luật', names: ['Phí và lệ phí'], versions: [v('97/2015/QH13')] },
  { prefix: 'luật', names: ['Hải quan'], versions: [v('54/2014/QH13')] },
  { prefix: 'luật', names: ['Chứng khoán'], versions: [v('54/2019/QH14')] },
  { prefix: 'luật', names: ['Các tổ chức tín dụng'], versions: [v('32/2024/QH15'), v('47/2010/QH12')] },
  { prefix: 'luật', names: ['Ngân hàng Nhà nước Việt Nam'], versions: [v('46/2010/QH12')] },
  { prefix: 'luật', names: ['Thương mại'], versions: [v('36/2005/QH11')] },
  { prefix: 'luật', names: ['Sở hữu trí tuệ'], versions: [v('50/2005/QH11')] },
  { prefix: 'luật', names: ['Kinh doanh bảo hiểm'], versions: [v('08/2022/QH15'), v('24/2000/QH10')] },
  { prefix: 'luật', names: ['Hợp tác xã'], versions: [v('17/2023/QH15')] },
  { prefix: 'luật', names: ['Giá'], versions: [v('16/2023/QH15')] },
  // Land, construction, environment
  { prefix: 'luật', names: ['Đất đai'], versions: [v('31/2024/QH15'), v('45/2013/QH13')] },
  { prefix: 'luật', names: ['Xây dựng'], versions: [v('135/2025/QH15'), v('50/2014/QH13')] },
  { prefix: 'luật', names: ['Nhà ở'], versions: [v('27/2023/QH15')] },
  { prefix: 'luật', names: ['Kinh doanh bất động sản'], versions: [v('29/2023/QH15')] },
  { prefix: 'luật', names: ['Quy hoạch'], versions: [v('112/2025/QH15'), v('21/2017/QH14')] },
  { prefix: 'luật', names: ['Bảo vệ môi trường'], versions: [v('72/2020/QH14'), v('55/2014/QH13')] },
  { prefix: 'luật', names: ['Di sản văn hóa'], versions: [v('45/2024/QH15'), v('28/2001/QH10')] },
  { prefix: 'luật', names: ['Báo chí'], versions: [v('103/2016/QH13')] },
  { prefix: 'luật', names: ['Xuất bản'], versions: [v('19/2012/QH13')] },
  { prefix: 'luật', names: ['Du lịch'], versions: [v('09/2017/QH14')] },
  { prefix: 'luật', names: ['Thủy lợi', 'Thuỷ lợi'], versions: [v('08/2017/QH14')] },
  { prefix: 'luật', names: ['Thủy sản', 'Thuỷ sản'], versions: [v('18/2017/QH14')] },
  { prefix: 'luật', names: ['Lâm nghiệp'], versions: [v('16/2017/QH14')] },
  { prefix: 'luật', names: ['Chăn nuôi'], versions: [v('32/2018/QH14')] },
  { prefix: 'luật', names: ['Trồng trọt'], versions: [v('31/2018/QH14')] },
  { prefix: 'luật', names: ['Tài nguyên nước'], versions: [v('28/2023/QH15')] },
  { prefix: 'luật', names: ['Công an nhân dân'], versions: [v('37/2018/QH14')] },
  { prefix: 'luật', names: ['Quốc phòng'], versions: [v('22/2018/QH14')] },
  { prefix: 'luật', names: ['Giao thông đường bộ'], versions: [v('23/2008/QH12')] },
  { prefix: 'luật', names: ['Đường bộ'], versions: [v('35/2024/QH15')] },
  { prefix: 'luật', names: ['Điện lực'], versions: [v('61/2024/QH15')] },
  { prefix: 'luật', names: ['Công chứng'], versions: [v('46/2024/QH15')] },
  { prefix: 'luật', names: ['Luật sư'], versions: [v('65/2006/QH11')] },
];


