/**
 * Header / metadata parser for Vietnamese administrative and legal normative documents
 * (layout of Nghị định 30/2020/NĐ-CP, Phụ lục I):
 *
 *   UBND TỈNH SƠN LA                 CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
 *   SỞ GIÁO DỤC VÀ ĐÀO TẠO           Độc lập - Tự do - Hạnh phúc
 *   Số: 460/TB-SGDĐT                 Sơn La, ngày 30 tháng 11 năm 2020
 *                        THÔNG BÁO
 *        Kết luận Hội nghị triển khai nhiệm vụ giáo dục trung học …
 *   … body …
 *   Nơi nhận:                                  KT. GIÁM ĐỐC
 *   - …;                                       PHÓ GIÁM ĐỐC
 *   - Lưu: VT, …                               Nguyễn Văn A
 *
 * Extraction output cells come flattened in every order (issuer / motto / number / date on separate
 * lines, row by row, or glued into one line without spaces, as in web pages copied from PDFs:
 * "UBND TỈNH SƠN LASỞ GIÁO DỤCVÀ ĐÀO TẠOSố:460/TB-SGDĐTCỘNG HOÀ…"), so every field is found by its
 * own anchored pattern, not by position.
 *
 * Pure: a normalize()d string in, data out. Offsets are UTF-16 indices into that string.
 */
import type { DocumentKind } from './model.js';
import { fold } from '../text/fold.js';

export interface Span { start: number; end: number }

export interface HeaderInfo {
  /** true when the text carries an administrative header (national motto or a "Số:" line). */
  formal: boolean;
  kind?: DocumentKind;
  /** How the kind was found: the kind line ("THÔNG BÁO"), the number's type code, or the page style (news). */
  kindSource?: 'kind-line' | 'number-code' | 'news' | 'default';
  number?: string;
  /** 'header' ("Số: …" cell) or 'annex' ("Ban hành kèm theo Thông tư số …" when the header table was lost). */
  numberSource?: 'header' | 'annex';
  issuer?: string;
  parentIssuer?: string;
  /** Issuer lines as written (upper case), top to bottom. */
  issuerRaw?: string[];
  place?: string;
  /** ISO yyyy-mm-dd */
  issuedAt?: string;
  /** Where the date came from: the header date line, "thông qua ngày …" (laws), or a news page date. */
  dateSource?: 'header' | 'adopted' | 'page' | 'annex';
  title?: string;
  signer?: string;
  /** The position line above the signature ("PHÓ GIÁM ĐỐC", "THỨ TRƯỞNG"). */
  signerTitle?: string;
  /** The authority prefix lines ("TM. CHÍNH PHỦ", "KT. THỦ TƯỚNG"), joined with " / ". */
  signerAuthority?: string;
  recipients?: string[];
  /** The header region (issuer … title), kept for the "header" passage. */
  headerSpan?: Span;
  /** Motto lines and decorations inside the header, kept out of search. */
  noiseSpans: Span[];
  /** "Nơi nhận" list and signature block (kept out of passages; their content is metadata). */
  tailSpans: Span[];
}

// ---------------------------------------------------------------------------------------------
// Small named pieces (each with a worked example)
// ---------------------------------------------------------------------------------------------

/** "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", glued "CỘNG HOÀXÃ HỘI…" */
const MOTTO = /C[ỘO]NG\s*H[ÒOÓ][AÀ]\s*X[ÃA]\s*H[ỘO]I\s*CH[ỦU]\s*NGH[ĨI]A\s*VI[ỆE]T\s*NAM/u;
/** "Độc lập - Tự do - Hạnh phúc" with -, –, — or none ("Độc lập -Tự do -Hạnh phúc") */
const SLOGAN = /Độc\s*lập\s*[-–—]*\s*Tự\s*do\s*[-–—]*\s*Hạnh\s*[Pp]húc/u;
/** Decorative rules under header cells: "_____", "-------", "–––––", "———" */
const DECOR_LINE = /^[\s_\-–—=.*…]+$/u;
/** Gazette furniture: "CÔNG BÁO/Số 851 + 852/Ngày 01-7-2025", section titles, bare page numbers. */
const GAZETTE_LINE = /^(?:CÔNG BÁO\s*\/.*|VĂN BẢN QUY PHẠM PHÁP LUẬT|VĂN BẢN HỢP NHẤT|VĂN BẢN KHÁC|PHẦN I+\s*\.?\s*VĂN BẢN.*|\d{1,4})\s*$/u;

/**
 * "Số: 460/TB-SGDĐT", "Luật số: 121/2025/QH15", "Nghị quyết số: 115/2025/UBTVQH15", glued "Số:460/TB-SGDĐTCỘNG",
 * "Số 72-QĐ/TW". Not "CÔNG BÁO/Số 240/Ngày" (preceded by "/").
 */
/** A number: serial, then "/"- or "-"-separated parts; a part may wrap onto the next line after its separator ("…/TTLT-VKSNDTC-\nTANDTC-BCA"). */
const NUM = String.raw`(\d{1,5}[A-Za-z]?(?:[.,]\d+)?(?:[ \t]*[\/\-–](?:[ \t]*\n)?[ \t]*[\p{L}\d.&]*[\p{L}\d&])+)`;
const NUMBER_COLON = new RegExp(String.raw`(?<=^|\n[ \t]*|\p{Lu}[ \t]*|[_\-–—][ \t]*)(?:(?:Luật|Bộ luật|Pháp lệnh|Nghị quyết|Nghị định|Quyết định|Lệnh|Thông tư)\s+[sS]ố|Số|SỐ)\s*(?:hiệu\s*)?:[ \t]*` + NUM, 'u');
/** Without a colon only at a line start: "Số 72-QĐ/TW" */
const NUMBER_BARE = new RegExp(String.raw`(?:^|\n)[ \t]*(?:Số|SỐ)[ \t]+` + NUM, 'u');

/** "Sơn La, ngày 30 tháng 11 năm 2020", glued "Sơn La, ngày30tháng 11năm 2020", "Hà Nội, ngày 04/9/2020" */
const DATE_WORDS = /(?<![\/\p{L}])[Nn]gày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})/u;
const DATE_SLASH = /(?<![\/\p{L}])[Nn]gày\s*(\d{1,2})\s*[\/.-]\s*(\d{1,2})\s*[\/.-]\s*(\d{4})/u;
/** Place before the date on the same line: "TP. Hồ Chí Minh, ngày", "Hà Nội, ngày" */
const PLACE_BEFORE = /((?:\p{Lu}[\p{L}.]*)(?:[ \t]+\p{Lu}[\p{L}.]*){0,4})\s*,\s*$/u;
/** Laws and Quốc hội resolutions carry no header date: "… Kỳ họp thứ 10 thông qua ngày 10 tháng 12 năm 2025." */
const ADOPTED = /(?:Luật|Bộ luật|Nghị quyết|Pháp lệnh|Hiến pháp) này (?:đã )?được[^.]{0,250}?thông\s+qua\s+ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})/u;

/** Kind lines (upper case, alone on their line or glued before the title) → model kind. Longest first. */
const KIND_LINES: Array<[string, DocumentKind]> = [
  ['THÔNG TƯ LIÊN TỊCH', 'thông tư liên tịch'], ['VĂN BẢN HỢP NHẤT', 'văn bản hợp nhất'],
  ['NGHỊ QUYẾT LIÊN TỊCH', 'nghị quyết'],
  ['BỘ LUẬT', 'bộ luật'], ['PHÁP LỆNH', 'pháp lệnh'], ['NGHỊ QUYẾT', 'nghị quyết'], ['NGHỊ ĐỊNH', 'nghị định'],
  ['THÔNG TƯ', 'thông tư'], ['QUYẾT ĐỊNH', 'quyết định'], ['CHỈ THỊ', 'chỉ thị'], ['CÔNG VĂN', 'công văn'],
  ['THÔNG BÁO', 'thông báo'], ['KẾ HOẠCH', 'kế hoạch'], ['CHƯƠNG TRÌNH', 'chương trình'], ['HƯỚNG DẪN', 'hướng dẫn'],
  ['BÁO CÁO', 'báo cáo'], ['TỜ TRÌNH', 'tờ trình'], ['CÔNG ĐIỆN', 'công điện'], ['QUY ĐỊNH', 'quy định'],
  ['QUY CHẾ', 'quy chế'], ['KẾT LUẬN', 'kết luận'], ['LUẬT', 'luật'],
];
const KIND_ALT = KIND_LINES.map(([k]) => k.replace(/ /g, '\\s*')).join('|');
/** A kind line alone: "THÔNG BÁO", "NGHỊ ĐỊNH " */
const KIND_LINE_RE = new RegExp(`^\\s*(${KIND_ALT})\\d{0,2}\\s*$`, 'u');
/** Glued after the date: "…năm 2020THÔNG BÁOKết luận…" */
const KIND_GLUED_RE = new RegExp(`^\\s*(${KIND_ALT})(?=\\p{Lu}\\p{Ll}|\\s)`, 'u');
/** A gazette continuation's identity line: "Thông tư số 102/2018/TT-BTC ngày 14 tháng 11 năm 2018 <title>". */
const ID_LINE = new RegExp(String.raw`(?:^|\n)[ \t]*(${KIND_LINES.map(([k]) => k[0] + k.slice(1).toLowerCase()).join('|')})\s+số\s*:?\s*` + NUM + String.raw`\s+ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})\s*\n?([^\n(]*)`, 'u');

/** Type codes inside numbers: 26/2020/TT-BGDĐT → TT; 460/TB-SGDĐT → TB. */
const CODE_KIND: Record<string, DocumentKind> = {
  'nd': 'nghị định', 'tt': 'thông tư', 'ttlt': 'thông tư liên tịch', 'qd': 'quyết định', 'nq': 'nghị quyết',
  'nqlt': 'nghị quyết', 'ct': 'chỉ thị', 'tb': 'thông báo', 'kh': 'kế hoạch', 'hd': 'hướng dẫn', 'bc': 'báo cáo',
  'ttr': 'tờ trình', 'cd': 'công điện', 'vbhn': 'văn bản hợp nhất', 'ctr': 'chương trình', 'kl': 'kết luận',
  'qc': 'quy chế', 'qyd': 'quy định', 'l': 'luật', 'pl': 'pháp lệnh', 'lct': 'luật',
};

/** Unit heads that start an issuer line: "UBND", "SỞ", "BỘ", "PHÒNG", "TRƯỜNG THPT", … */
const UNIT_HEAD = /^(?:UBND|HĐND|ỦY BAN|UỶ BAN|HỘI ĐỒNG|SỞ|BỘ|PHÒNG|CỤC|TỔNG CỤC|VỤ|VIỆN|BAN|VĂN PHÒNG|TRƯỜNG|TRUNG TÂM|CHÍNH PHỦ|QUỐC HỘI|THỦ TƯỚNG|NGÂN HÀNG|KIỂM TOÁN|TÒA ÁN|TOÀ ÁN|THANH TRA|ĐẢNG|TỈNH ỦY|TỈNH UỶ|HUYỆN ỦY|ĐOÀN|CÔNG ĐOÀN|LIÊN ĐOÀN|TỔNG LIÊN ĐOÀN|ĐẠI HỌC|HỌC VIỆN|BẢO HIỂM|CÔNG AN|BỘ CHỈ HUY|CHỦ TỊCH)(?=[\s,]|$)/u;
/** Where a flattened or glued issuer line holds two units: "UBND TỈNH SƠN LASỞ GIÁO DỤC…" → split before SỞ. */
const UNIT_SPLIT = /(?<=[\p{Lu}\s])(?<!^)(?<!TỔNG\s)(?<!VĂN\s)(?<!QUỐC\s)(?<!CÁN\s)(?=(?:UBND|ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|SỞ |PHÒNG (?:GIÁO|GD|TÀI|NỘI|Y TẾ|VĂN HÓA|LAO ĐỘNG)|TRƯỜNG (?:ĐẠI HỌC|CAO ĐẲNG|THPT|THCS|TIỂU HỌC|MẦM NON|TRUNG HỌC|PT|MN|TH )|CỤC |TỔNG CỤC ))/gu;

/** Authority prefixes of a signature: TM. (thay mặt), KT. (ký thay), Q. (quyền), TL. (thừa lệnh), TUQ. (thừa ủy quyền) */
const AUTH = String.raw`(?<=^|\n)[ \t]*(?:TM|KT|TL|TUQ|Q|T\/M|K\/T)\.[ \t]*\p{Lu}[\p{Lu}\d \t,&\-–.()]*?`;
/** Position lines: "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "CHỦ TỊCH QUỐC HỘI", "THỨ TRƯỞNG" … */
const POSITION = String.raw`(?:PHÓ[ \t]+)?(?:THỦ TƯỚNG|BỘ TRƯỞNG|THỨ TRƯỞNG|CHỦ TỊCH|GIÁM ĐỐC|TỔNG GIÁM ĐỐC|HIỆU TRƯỞNG|TRƯỞNG PHÒNG|CHÁNH VĂN PHÒNG|TỔNG CỤC TRƯỞNG|CỤC TRƯỞNG|VỤ TRƯỞNG|THỐNG ĐỐC|CHÁNH ÁN|VIỆN TRƯỞNG|TỔNG KIỂM TOÁN|CHỦ NHIỆM|TRƯỞNG BAN|TỔNG THƯ KÝ|CHÁNH THANH TRA|TỔNG THANH TRA|TRƯỞNG ĐOÀN|BÍ THƯ|TỔNG BÍ THƯ|TRƯỞNG KHOA|HIỆU PHÓ)(?:[ \t]+[\p{Lu}\d&\-–,.]+)*`;
/** Military and police ranks before a signer's name: "Đại tướng Lương Tam Quang", "Thượng tướng Nguyễn Trường Thắng" */
const RANK = String.raw`(?:Đại|Thượng|Trung|Thiếu)[ \t]+(?:tướng|tá|úy)`;
/** A person's name: 2–5 capitalised syllables, alone on its line (or at the end of a glued line). */
const NAME = String.raw`\p{Lu}\p{Ll}*(?:[ \t]+\p{Lu}\p{Ll}*){1,4}`;
const SIGNATURE = new RegExp(
  String.raw`(?<![\p{L}])((?:${AUTH}[ \t]*\n\s*){0,2})(${POSITION}(?:[ \t]*\n\s*(?:THƯỜNG TRỰC|NƯỚC CỘNG H[ÒO]A XÃ HỘI CHỦ NGHĨA VIỆT NAM|[\p{Lu}][\p{Lu} ,\-]{2,40}(?=[ \t]*\n\s*\()))?)[ \t]*\r?\n?\s*(?:\(\s*(?:[Đđ]ã\s*k[ýí]|Ký[^)\n]{0,30}|Chữ ký[^)\n]{0,30})\s*\)\s*)?(?:\[[^\]\n]{0,20}\]\s*)?(?:${RANK}[ \t]+)?(${NAME})[ \t]*(?=\r?\n|$)`,
  'gu',
);

/** Body openers that end a glued title: "…năm học 2020-2021Thực hiện Chỉ thị…" */
const BODY_OPENER = /(?:Căn\s*cứ|Thực\s*hiện|Kính\s*gửi|Theo\s+đề\s+nghị|Để\s|Nhằm\s|Ngày\s+\d|Trên\s+cơ\s+sở|Sau\s+khi|Qua\s|Trong\s|Năm\s+học\s+\d{4}\s*-\s*\d{4}\s*,)/u;
/** A title line ending like this continues on the next line: "… Luật Thi đua, khen thưởng và" / "Nghị định số 152/2025/NĐ-CP …" */
const CONNECTOR_END = /(?:\s(?:và|của|về|theo|tại|đối với|cho|với|trong|các|hoặc|số|năm)|[,;\-–])$/u;
/** Lines after the title that belong to the body (stop the title): "Căn cứ", "CHÍNH PHỦ", "Chương I", "Điều 1.", "I. …" */
const TITLE_STOP = /^(?:Căn cứ|Thực hiện|Kính gửi|Theo |Để |Nhằm |Chương\s|CHƯƠNG\s|Phần\s|PHẦN\s|Điều\s+\d|Mục\s+\d|[IVX]+\.\s|\d+\.\s|QUYẾT NGHỊ|QUYẾT ĐỊNH:|CHỈ THỊ:|[-–—_=]{3,})/u;

// ---------------------------------------------------------------------------------------------

interface Line { text: string; start: number; end: number }

function splitLines(text: string, from = 0, to = text.length): Line[] {
  const out: Line[] = [];
  let s = from;
  while (s <= to) {
    let e = text.indexOf('\n', s);
    if (e < 0 || e > to) e = to;
    out.push({ text: text.slice(s, e), start: s, end: e });
    s = e + 1;
    if (e >= to) break;
  }
  return out;
}

const isUpperLine = (s: string): boolean => {
  const letters = s.replace(/[^\p{L}]/gu, '');
  if (letters.length < 2) return false;
  let upper = 0;
  for (const ch of letters) if (ch !== ch.toLowerCase()) upper++;
  return upper / letters.length > 0.85;
};

/**
 * Day, month, year → ISO `YYYY-MM-DD`, or undefined when it is not a real date or the year is outside `years`
 * (default 1945–2100, the years a document of this state can carry). isoDate('29', '2', '2024') === '2024-02-29'.
 */
export function isoDate(d: string | number, m: string | number, y: string | number, years: readonly [number, number] = [1945, 2100]): string | undefined {
  const dd = +d, mm = +m, yy = +y;
  if (!(dd >= 1 && dd <= 31 && mm >= 1 && mm <= 12 && yy >= years[0] && yy <= years[1])) return undefined;
  const dt = new Date(Date.UTC(yy, mm - 1, dd));
  if (dt.getUTCMonth() !== mm - 1) return undefined;
  return `${yy}-${String(mm).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
}

/** Tidy a document number as written: spaces around / and - dropped, trailing punctuation dropped. */
export function tidyNumber(raw: string): string {
  return raw.replace(/\s*\n\s*/g, '').replace(/\s*([\/\-–])\s*/g, '$1').replace(/–/g, '-').replace(/[.,;:\-\/]+$/, '').trim();
}

/** Kind implied by a number's type code: "26/2020/TT-BGDĐT" → thông tư; "3414/BGDĐT-GDTrH" → công văn. */
export function kindFromNumber(number: string): DocumentKind | undefined {
  const parts = number.split('/');
  if (parts.length < 2) return undefined;
  const rest = parts.slice(1).filter((p) => !/^\d{4}$/.test(p)).join('/');
  const first = rest.split('-')[0] ?? '';
  const code = fold(first).replace(/[^a-z]/g, '');
  if (/^(?:ubtvqh|qh)\d*$/i.test(fold(rest).replace(/[^a-z0-9]/g, ''))) return undefined; // law or resolution: needs the kind line
  if (code in CODE_KIND) return CODE_KIND[code];
  // Party documents "72-QĐ/TW": the code sits before the slash
  const party = /^\d+-([A-ZĐa-zđ]+)\//u.exec(number);
  if (party) { const c = fold(party[1]); if (c in CODE_KIND) return CODE_KIND[c]; }
  // "3414/BGDĐT-GDTrH": issuer-unit codes only, no type code → an official letter
  if (!/^\d{4}$/.test(parts[1]) && /^[\p{Lu}Đ&]+(?:-[\p{L}&]+)*$/u.test(rest)) return 'công văn';
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Issuer names: upper case as printed → the usual display form ("SỞ GIÁO DỤC VÀ ĐÀO TẠO" → "Sở Giáo dục và Đào tạo")
// ---------------------------------------------------------------------------------------------

const KEEP_UPPER = new Set(['UBND', 'HĐND', 'GD&ĐT', 'GDĐT', 'THPT', 'THCS', 'TH', 'MN', 'PTDTBT', 'PTDTNT', 'TP', 'TP.', 'TW', 'CP', 'BHXH', 'LĐTBXH', 'KH&CN', 'VH-TT&DL', 'NN&PTNT', 'TN&MT', 'GTVT', 'CSDL']);
const ADMIN_LEVEL = ['thành phố', 'thị xã', 'thị trấn', 'tỉnh', 'huyện', 'quận', 'xã', 'phường'];
/** Whole names whose capitalisation the rule below would get wrong. */
const FIXED_NAMES: Record<string, string> = {
  'quoc hoi': 'Quốc hội', 'chinh phu': 'Chính phủ', 'thu tuong chinh phu': 'Thủ tướng Chính phủ',
  'uy ban thuong vu quoc hoi': 'Ủy ban Thường vụ Quốc hội', 'ngan hang nha nuoc viet nam': 'Ngân hàng Nhà nước Việt Nam',
  'ngan hang nha nuoc': 'Ngân hàng Nhà nước', 'thanh tra chinh phu': 'Thanh tra Chính phủ', 'van phong chinh phu': 'Văn phòng Chính phủ',
  'van phong quoc hoi': 'Văn phòng Quốc hội', 'kiem toan nha nuoc': 'Kiểm toán Nhà nước', 'chu tich nuoc': 'Chủ tịch nước',
  'toa an nhan dan toi cao': 'Tòa án nhân dân tối cao', 'vien kiem sat nhan dan toi cao': 'Viện kiểm sát nhân dân tối cao',
  'bao hiem xa hoi viet nam': 'Bảo hiểm xã hội Việt Nam', 'bo cong thuong': 'Bộ Công Thương', 'tong lien doan lao dong viet nam': 'Tổng Liên đoàn Lao động Việt Nam',
};
/** Unit-type words kept in lower case after the first ("Ủy ban nhân dân", "Sở", "Trường THPT"). */
const TYPE_PHRASES = ['ủy ban nhân dân', 'uỷ ban nhân dân', 'hội đồng nhân dân', 'tổng cục', 'văn phòng', 'trung tâm', 'học viện', 'trường đại học', 'trường cao đẳng', 'trường trung học phổ thông', 'trường trung học cơ sở', 'trường tiểu học', 'trường mầm non', 'trường', 'ubnd', 'hđnd', 'bộ', 'sở', 'phòng', 'cục', 'vụ', 'viện', 'ban', 'ủy ban', 'uỷ ban'];

const cap = (w: string) => (w ? w[0].toUpperCase() + w.slice(1) : w);

export function displayName(upper: string): string {
  const s = upper.replace(/\s+/g, ' ').trim();
  if (!s) return s;
  const key = fold(s).replace(/[^a-z ]/g, '').trim();
  if (FIXED_NAMES[key]) return FIXED_NAMES[key];
  const words = s.split(' ');
  const out: string[] = [];
  let i = 0;
  const lowerWords = words.map((w) => (KEEP_UPPER.has(w) ? w : w.toLowerCase()));
  // 1. the unit type
  const joined = lowerWords.join(' ').toLowerCase();
  const type = TYPE_PHRASES.find((t) => joined === t || joined.startsWith(t + ' '));
  if (type) {
    const n = type.split(' ').length;
    for (let k = 0; k < n; k++) out.push(k === 0 ? cap(lowerWords[k]) : lowerWords[k]);
    i = n;
  }
  // 2. an administrative place ("tỉnh Sơn La", "thành phố Hồ Chí Minh"): every syllable capitalised
  const restJoined = lowerWords.slice(i).join(' ');
  const level = ADMIN_LEVEL.find((l) => restJoined === l || restJoined.startsWith(l + ' '));
  if (level && type && /ủy ban|uỷ ban|ubnd|hđnd|hội đồng/.test(type)) {
    const n = level.split(' ').length;
    for (let k = 0; k < n; k++) out.push(lowerWords[i + k]);
    for (let k = i + n; k < words.length; k++) out.push(KEEP_UPPER.has(words[k]) ? words[k] : cap(lowerWords[k]));
    return out.join(' ');
  }
  // 3. a proper name: first syllable of each part capitalised ("Giáo dục và Đào tạo", "Lao động - Thương binh và Xã hội")
  let startOfPart = true;
  for (; i < words.length; i++) {
    const w = lowerWords[i];
    if (KEEP_UPPER.has(words[i])) { out.push(words[i]); startOfPart = false; continue; }
    if (w === 'và' || w === '-' || w === '–' || w.endsWith(',')) { out.push(w); startOfPart = w !== 'và' || true; if (w.endsWith(',')) startOfPart = true; continue; }
    out.push(startOfPart ? cap(w) : w);
    startOfPart = false;
  }
  return out.join(' ').replace(/\bViệt nam\b/g, 'Việt Nam');
}

// ---------------------------------------------------------------------------------------------

export interface HeaderOptions {
  /** Only the first `headChars` characters are searched for the header (default 6000). */
  headChars?: number;
}

/**
 * parseHeader(text): metadata of a normalize()d document text.
 *
 * parseHeader("UBND TỈNH SƠN LA\nSỞ GIÁO DỤC VÀ ĐÀO TẠO\nSố: 460/TB-SGDĐT\n…") →
 *   { kind: 'thông báo', number: '460/TB-SGDĐT', issuer: 'Sở Giáo dục và Đào tạo', parentIssuer: 'UBND tỉnh Sơn La', … }
 */
export function parseHeader(text: string, opts: HeaderOptions = {}): HeaderInfo {
  const headLen = Math.min(text.length, opts.headChars ?? 6000);
  const head = text.slice(0, headLen);
  const info: HeaderInfo = { formal: false, noiseSpans: [], tailSpans: [] };

  const motto = MOTTO.exec(head);
  const slogan = SLOGAN.exec(head);
  let numberMatch = NUMBER_COLON.exec(head);
  // A "Số" without colon counts only at a line start near the motto (body sentences say "số 10/2020/…" too).
  if (!numberMatch) {
    const bare = NUMBER_BARE.exec(head);
    if (bare && motto && Math.abs(bare.index - motto.index) < 400) numberMatch = bare;
  }
  // The number must precede the body: it sits within the first cells of the header.
  if (numberMatch && motto && numberMatch.index > motto.index + 800) numberMatch = null;
  if (numberMatch && !motto && numberMatch.index > 1500) numberMatch = null;

  if (motto) info.noiseSpans.push({ start: motto.index, end: motto.index + motto[0].length });
  if (slogan) info.noiseSpans.push({ start: slogan.index, end: slogan.index + slogan[0].length });

  // Where the header cells end: after the date line, the kind line and the title.
  const anchorsEnd = Math.max(
    motto ? motto.index + motto[0].length : 0,
    slogan ? slogan.index + slogan[0].length : 0,
    numberMatch ? numberMatch.index + numberMatch[0].length : 0,
  );

  // A text whose header table was lost still opens with its kind line ("THÔNG TƯ" / "Quy định …").
  let kindAtTop = -1;
  if (!motto && !numberMatch) {
    const top = splitLines(head, 0, Math.min(head.length, 600)).filter((l) => l.text.trim() && !DECOR_LINE.test(l.text.trim()) && !GAZETTE_LINE.test(l.text.trim())).slice(0, 3);
    const kl = top.find((l) => KIND_LINE_RE.test(l.text));
    if (kl) kindAtTop = kl.start;
  }

  // --- date + place -------------------------------------------------------------------------
  // The header date follows the motto (or the number) within a few hundred characters.
  const dateZoneStart = motto || numberMatch ? Math.max(0, Math.min(motto?.index ?? Infinity, numberMatch?.index ?? Infinity) - 200) : 0;
  let dateZoneEnd = Math.min(head.length, anchorsEnd + 600);
  const opener = /\n[ \t]*(?:Căn cứ|Trên cơ sở|QUYẾT NGHỊ|Điều 1\.|Chương I\b|Kính gửi)/u.exec(head.slice(anchorsEnd, dateZoneEnd));
  if (opener) dateZoneEnd = anchorsEnd + opener.index;
  const dateZone = head.slice(dateZoneStart, dateZoneEnd);
  let dateEnd = -1;
  // The date cell: "<place>, ngày …" or a line that starts with "Ngày …"; dates inside sentences are other documents'.
  if (motto || numberMatch) {
    const candidates: RegExpExecArray[] = [];
    for (const re of [DATE_WORDS, DATE_SLASH]) {
      const g = new RegExp(re.source, 'gu');
      for (let m = g.exec(dateZone); m; m = g.exec(dateZone)) candidates.push(m);
    }
    candidates.sort((x, y) => x.index - y.index);
    for (const dm of candidates) {
      const iso = isoDate(dm[1], dm[2], dm[3]);
      if (!iso) continue;
      const abs = dateZoneStart + dm.index;
      const lineStart = Math.max(head.lastIndexOf('\n', abs - 1) + 1, slogan && slogan.index < abs ? slogan.index + slogan[0].length : 0);
      const before = head.slice(lineStart, abs);
      const pm = PLACE_BEFORE.exec(before);
      if (!pm && before.trim() !== '') continue;
      info.issuedAt = iso; info.dateSource = 'header';
      dateEnd = abs + dm[0].length;
      if (pm) info.place = pm[1].trim();
      break;
    }
  }
  if (!info.issuedAt) {
    const am = ADOPTED.exec(text);
    if (am && (motto || numberMatch || kindAtTop >= 0)) {
      const iso = isoDate(am[1], am[2], am[3]);
      if (iso) { info.issuedAt = iso; info.dateSource = 'adopted'; }
    }
  }

  if (!motto && !numberMatch && kindAtTop < 0) {
    // a gazette issue continuing a document from the previous issue: "Thông tư số 102/2018/TT-BTC ngày 14 tháng 11 năm 2018 …
    // (Tiếp theo Công báo số 201 + 202)"
    // (the marker is page furniture that cleaning may remove: the identity line within the first five lines suffices)
    const cont = /\(\s*Tiếp theo Công báo[^)]*\)/u.exec(head.slice(0, 1500));
    const topLines = splitLines(head, 0, Math.min(head.length, 800)).filter((l) => l.text.trim()).slice(0, 5);
    const topEnd = topLines.length ? topLines[topLines.length - 1].end : 0;
    const idZone = head.slice(0, cont ? cont.index : topEnd);
    const id = idZone ? ID_LINE.exec(idZone) : null;
    if (!id) return parseNewsHeader(text, info);
    info.formal = true;
    info.kind = kindOf(id[1].toUpperCase()); info.kindSource = 'kind-line';
    info.number = tidyNumber(id[2]); info.numberSource = 'header';
    const iso = isoDate(id[3], id[4], id[5]);
    if (iso) { info.issuedAt = iso; info.dateSource = 'header'; }
    if (id[6]?.trim()) { const t = tidyTitle(id[6]); info.title = t[0].toUpperCase() + t.slice(1); }
    info.headerSpan = { start: id.index, end: cont ? cont.index + cont[0].length : id.index + id[0].length };
    return info;
  }
  info.formal = true;

  // --- number -------------------------------------------------------------------------------
  if (numberMatch) {
    let raw = numberMatch[1];
    // Glued: "460/TB-SGDĐTCỘNG HOÀ" — cut where the motto (or another header word) begins.
    const numStart = numberMatch.index + numberMatch[0].length - raw.length;
    for (const stop of [motto, slogan]) {
      if (stop && stop.index >= numStart && stop.index < numStart + raw.length) raw = raw.slice(0, stop.index - numStart);
    }
    raw = raw.replace(/(?:CỘNG|Độc|Hà|NGHỊ|THÔNG|QUYẾT|CHỈ|KẾ|V\/v|Về).*$/u, '');
    info.number = tidyNumber(raw);
    info.numberSource = 'header';
  }

  // --- issuer -------------------------------------------------------------------------------
  if (kindAtTop < 0) parseIssuer(head, numberMatch ? numberMatch.index : motto!.index, motto, info);

  // --- kind line and title ------------------------------------------------------------------
  const afterHeader = kindAtTop >= 0 ? kindAtTop : Math.max(anchorsEnd, dateEnd);
  parseKindAndTitle(text, afterHeader, info);
  if (!info.title) {
    // công văn: "V/v …" (về việc) under the number cell, possibly before the motto in the flattened text
    const zone = text.slice(0, Math.min(text.length, afterHeader + 800));
    const vv = /(?:^|\n)[ \t]*((?:V\/v|V\/V|Về việc)\s*:?[ \t]*\S[^\n]*)/u.exec(zone);
    if (vv) {
      let title = vv[1].trim();
      let end = vv.index + vv[0].length;
      // continuation lines: lower-case starts that are not the motto, the date line or the recipients
      const rest = zone.slice(end).split('\n');
      let pos = end;
      for (let i = 1; i < rest.length && i < 4; i++) {
        const u = rest[i].trim();
        pos += rest[i - 1].length + 1;
        if (!u || !/^\p{Ll}/u.test(u) || DATE_WORDS.test(u)) break;
        title += ' ' + u; end = pos + rest[i].length;
      }
      info.title = tidyTitle(title);
      if (info.headerSpan && info.headerSpan.end < end) info.headerSpan.end = end;
    }
  }
  consolidated(text, info);
  if (!info.number || !info.issuedAt) ownNumberFromAnnex(text, info);
  if (!info.kind && info.number) {
    const k = kindFromNumber(info.number);
    if (k) { info.kind = k; info.kindSource = 'number-code'; }
  }
  if (!info.kind) { info.kind = 'khác'; info.kindSource = 'default'; }

  // --- signature + recipients ---------------------------------------------------------------
  const bodyFrom = info.headerSpan?.end ?? afterHeader;
  parseSignature(text, bodyFrom, info);
  parseRecipients(text, bodyFrom, info);
  return info;
}

/**
 * Consolidated texts (văn bản hợp nhất) carry the kind line of the consolidated document at the top and their own
 * number, date and signer in the authentication block at the end:
 *   "BỘ TÀI CHÍNH / XÁC THỰC VĂN BẢN HỢP NHẤT / Số: 03/VBHN-BTC / Hà Nội, ngày 12 tháng 02 năm 2026 / KT. BỘ TRƯỞNG …"
 */
const XAC_THUC = /XÁC\s+(?:THỰC|NHẬN)\s+VĂN\s+BẢN\s+HỢP\s+NHẤT/u;
/** The opening note of a consolidated text: "Luật … số 66/2025/QH15 …, được sửa đổi, bổ sung bởi:" (80 of 81 VBHN in congbao-8chude, no other document). */
const VBHN_INTRO = /được\s+sửa\s+đổi,?\s+bổ\s+sung\s+(?:một\s+số\s+điều\s+)?(?:bởi|theo)\s*:/u;

function consolidated(text: string, info: HeaderInfo): void {
  const m = XAC_THUC.exec(text);
  if (!m) {
    if (VBHN_INTRO.test(text.slice(0, 3000)) && info.kind !== 'văn bản hợp nhất') {
      const kw = KIND_LINES.find(([, k]) => k === info.kind)?.[0];
      info.kind = 'văn bản hợp nhất'; info.kindSource = 'kind-line';
      if (info.title && kw) info.title = tidyTitle(`${kw[0]}${kw.slice(1).toLowerCase()} ${info.title}`);
    }
    return;
  }
  const zone = text.slice(Math.max(0, m.index - 300), Math.min(text.length, m.index + 400));
  const num = /Số\s*:\s*(\d+\/VBHN-[\p{L}\d\-]+)/u.exec(zone);
  if (!num) return;
  const docKind = info.kind;
  info.kind = 'văn bản hợp nhất'; info.kindSource = 'kind-line';
  // the authentication block names the consolidated text itself: it wins over a "Số:" of the original kept at the top
  info.number = tidyNumber(num[1]); info.numberSource = 'header';
  const d = DATE_WORDS.exec(zone);
  if (d) {
    const iso = isoDate(d[1], d[2], d[3]);
    if (iso) { info.issuedAt = iso; info.dateSource = 'header'; }
    const pm = PLACE_BEFORE.exec(zone.slice(Math.max(0, zone.lastIndexOf('\n', d.index) + 1), d.index));
    if (pm) info.place = pm[1].trim();
  }
  const before = zone.slice(0, zone.indexOf(num[0])).split('\n').map((l) => l.trim()).filter((l) => l && isUpperLine(l) && !XAC_THUC.test(l));
  if (before.length) info.issuer = displayName(before[before.length - 1]);
  if (info.title && docKind && docKind !== 'văn bản hợp nhất') {
    const kw = KIND_LINES.find(([, k]) => k === docKind)?.[0] ?? '';
    info.title = tidyTitle(`${kw[0]}${kw.slice(1).toLowerCase()} ${info.title}`);
  }
}

/**
 * Texts copied without their header table still name themselves in their annexes:
 * "(Ban hành kèm theo Thông tư số 68/2025/TT-BNNMT ngày 28 tháng 11 năm 2025 của …)".
 * Used only when the header gave no number (or no date), and only for the kind of the document itself.
 */
function ownNumberFromAnnex(text: string, info: HeaderInfo): void {
  if (!info.kind) return;
  const kindWord = KIND_LINES.find(([, k]) => k === info.kind)?.[0];
  if (!kindWord) return;
  const kw = kindWord[0] + kindWord.slice(1).toLowerCase();
  const re = new RegExp(String.raw`\(\s*(?:Ban hành\s+)?kèm theo\s+` + kw.replace(/ /g, '\\s+') + String.raw`\s+số\s*:?\s*` + NUM + String.raw`(?:\s*ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4}))?`, 'iu');
  const m = re.exec(text);
  if (!m) return;
  const num = tidyNumber(m[1]);
  if (!info.number) { info.number = num; info.numberSource = 'annex'; }
  if (!info.issuedAt && m[2] && fold(num) === fold(info.number ?? '')) {
    const iso = isoDate(m[2], m[3], m[4]);
    if (iso) { info.issuedAt = iso; info.dateSource = 'annex'; }
  }
}

function parseIssuer(head: string, issuerEnd: number, motto: RegExpExecArray | null, info: HeaderInfo): void {
  // Upper-case lines above the number (or motto), nearest first, skipping motto, decorations and gazette furniture.
  const lines = splitLines(head, 0, issuerEnd);
  const picked: Line[] = [];
  let seenText = false;
  for (let k = lines.length - 1; k >= 0 && picked.length < 6; k--) {
    let l = lines[k];
    const t = l.text.trim();
    if (!t) continue;
    if (DECOR_LINE.test(t)) continue;
    if (MOTTO.test(t) || SLOGAN.test(t)) {
      // Row-wise flattening: "BỘ X CỘNG HÒA…" — keep what precedes the motto on that line.
      const m = MOTTO.exec(l.text);
      if (m && m.index > 0 && isUpperLine(l.text.slice(0, m.index))) l = { text: l.text.slice(0, m.index), start: l.start, end: l.start + m.index };
      else continue;
    }
    if (GAZETTE_LINE.test(t)) break;
    if (/ngày\s*\d/u.test(t)) continue; // a date line flattened above the number
    if (!isUpperLine(l.text)) { if (seenText) break; else break; }
    seenText = true;
    picked.unshift(l);
  }
  // Join continuation lines ("BỘ LAO ĐỘNG - THƯƠNG BINH" + "VÀ XÃ HỘI"; "NGÂN HÀNG NHÀ NƯỚC" + "VIỆT NAM").
  const units: string[] = [];
  for (const l of picked) {
    let t = l.text.replace(/[_\-–—]{3,}/g, ' ').replace(/\s+/g, ' ').trim();
    // Glued words: "DỤCVÀ ĐÀO TẠO" → "DỤC VÀ ĐÀO TẠO"
    t = t.replace(/(?<=\p{Lu})(?=VÀ\s)/gu, ' ');
    const pieces = t.split(UNIT_SPLIT).map((p) => p.trim()).filter(Boolean);
    for (const p of pieces) {
      const joined = units.length ? `${units[units.length - 1]} ${p}` : '';
      // "ỦY BAN THƯỜNG VỤ" + "QUỐC HỘI": a known name wrapped before a word that could start a unit
      const knownJoin = units.length && FIXED_NAMES[fold(joined).replace(/[^a-z ]/g, '').replace(/\s+/g, ' ').trim()];
      if (units.length && (!UNIT_HEAD.test(p) || knownJoin)) units[units.length - 1] = joined;
      else units.push(p);
    }
  }
  // Gazette issues repeat the issuer as a section heading: drop consecutive duplicates.
  const dedup: string[] = [];
  for (const u of units) {
    const key = fold(u).replace(/[^a-z0-9]/g, '');
    if (!dedup.some((d) => fold(d).replace(/[^a-z0-9]/g, '') === key)) dedup.push(u);
  }
  if (!dedup.length) return;
  info.issuerRaw = dedup;
  info.issuer = displayName(dedup[dedup.length - 1]);
  if (dedup.length >= 2) info.parentIssuer = displayName(dedup[dedup.length - 2]);
  void motto;
}

function parseKindAndTitle(text: string, from: number, info: HeaderInfo): void {
  const zoneEnd = Math.min(text.length, from + 3000);
  const lines = splitLines(text, from, zoneEnd);
  let k = 0;
  // Same-line remainder after the date (glued layout) first.
  const first = lines[0];
  const rest = first ? first.text : '';
  const glued = KIND_GLUED_RE.exec(rest);
  let titleStart = -1;
  let titleLines: Line[] = [];
  const headerStart = Math.max(0, headerStartOf(text, from));
  if (glued && rest.trim().length > glued[0].length + 2) {
    info.kind = kindOf(glued[1]); info.kindSource = 'kind-line';
    titleStart = first.start + glued.index + glued[0].length;
    // Glued title: up to a body opener or the end of the line, at most 300 characters.
    const tail = text.slice(titleStart, Math.min(first.end, titleStart + 400));
    const stop = BODY_OPENER.exec(tail.slice(5));
    let end = stop ? stop.index + 5 : Math.min(tail.length, 300);
    const sentence = /[.;:](?:\s|$)/.exec(tail);
    if (sentence && sentence.index < end) end = sentence.index;
    const title = tail.slice(0, end).trim();
    if (title) info.title = tidyTitle(title);
    info.headerSpan = { start: headerStart, end: titleStart + end };
    return;
  }
  // Kind line alone within the next few lines; a "V/v …" line (công văn) may come first.
  for (; k < lines.length && k < 14; k++) {
    const t = lines[k].text.trim();
    if (!t || DECOR_LINE.test(t)) continue;
    const vv = /^(?:V\/v|V\/V|Về việc)\s*:?\s*(.+)$/u.exec(t);
    if (vv && !info.title) {
      // "V/v hướng dẫn …" may continue on the next lines until a blank line or "Kính gửi"
      let title = t;
      let end = lines[k].end;
      for (let j = k + 1; j < lines.length && j < k + 4; j++) {
        const u = lines[j].text.trim();
        if (!u || /^(?:Kính gửi|CỘNG|Độc lập|[\p{Lu}\s,]+,\s*ngày)/u.test(u) || MOTTO.test(u) || DATE_WORDS.test(u)) break;
        title += ' ' + u; end = lines[j].end;
      }
      info.title = tidyTitle(title);
      info.headerSpan = { start: headerStart, end };
      continue;
    }
    // "LUẬT CÔNG ĐOÀN", "BỘ LUẬT LAO ĐỘNG" on one line: kind and name together
    const lawLine = /^(BỘ LUẬT|LUẬT|PHÁP LỆNH)\s+(\p{Lu}[\p{Lu}\s,\-–]{2,200})$/u.exec(t);
    if (lawLine && !KIND_LINE_RE.test(t)) {
      info.kind = kindOf(lawLine[1]); info.kindSource = 'kind-line';
      info.title = tidyTitle(upperTitle(text, info.kind, lawLine[2].trim()));
      info.headerSpan = { start: headerStart, end: lines[k].end };
      return;
    }
    const km = KIND_LINE_RE.exec(t);
    if (km) {
      info.kind = kindOf(km[1]); info.kindSource = 'kind-line';
      // title: following non-empty lines until a blank line (after some text) or a stop line
      const tl: Line[] = [];
      let j = k + 1;
      while (j < lines.length && !lines[j].text.trim()) j++;
      for (; j < lines.length && tl.length < 8; j++) {
        const u = lines[j].text.trim();
        if (!u) {
          // vbpl splits one title over blank-separated lines ("…hướng dẫn thi hành Luật Hoạt động giám sát" / "của Quốc hội …"):
          // continue when the next non-empty line starts in lower case.
          let n = j + 1;
          while (n < lines.length && !lines[n].text.trim()) n++;
          const next = n < lines.length ? lines[n].text.trim() : '';
          const prevLine = tl.length ? tl[tl.length - 1].text.trim() : '';
          if (next && tl.length && (/^\p{Ll}/u.test(next) || CONNECTOR_END.test(prevLine)) && !TITLE_STOP.test(next) && !isUpperLine(next)) { j = n - 1; continue; }
          break;
        }
        if (TITLE_STOP.test(u) || DECOR_LINE.test(u)) break;
        // the issuing authority line after the title ("BỘ TRƯỞNG BỘ GIÁO DỤC VÀ ĐÀO TẠO", "CHÍNH PHỦ")
        if (tl.length && isUpperLine(u) && !isUpperLine(tl[0].text)) break;
        if (/^\(.*\)$/.test(u) && tl.length) break; // "(Ban hành kèm theo …)"
        tl.push(lines[j]);
      }
      titleLines = tl;
      const end = titleLines.length ? titleLines[titleLines.length - 1].end : lines[k].end;
      if (titleLines.length) {
        let title = titleLines.map((l) => l.text.trim()).join(' ');
        if (isUpperLine(title)) title = upperTitle(text, info.kind!, title);
        info.title = tidyTitle(title);
      }
      info.headerSpan = { start: headerStart, end };
      return;
    }
    // Stop when the body starts.
    if (TITLE_STOP.test(t) || (t.length > 200 && !isUpperLine(t))) break;
  }
  if (!info.headerSpan) {
    const end = k > 0 && lines[Math.min(k, lines.length) - 1] ? lines[Math.min(k, lines.length) - 1].end : from;
    info.headerSpan = { start: headerStart, end: Math.max(from, Math.min(end, from)) };
  }
}

/** Start of the header block: the first issuer line, or the first line of the text. */
function headerStartOf(text: string, from: number): number {
  void from;
  // The header begins at the first upper-case line of the text's head that belongs to it; keep it simple:
  // the line holding the first issuer / motto / number cell. Callers refine via issuerRaw.
  const head = text.slice(0, Math.min(text.length, 6000));
  const m = MOTTO.exec(head);
  const n = NUMBER_COLON.exec(head);
  let at = Math.min(m?.index ?? Infinity, n?.index ?? Infinity);
  if (!Number.isFinite(at)) return 0;
  // walk up over upper-case / empty / decoration lines
  let ls = head.lastIndexOf('\n', at - 1) + 1;
  // glued single line: header starts at the line start
  at = ls;
  while (ls > 0) {
    const prevStart = ls >= 2 ? head.lastIndexOf('\n', ls - 2) + 1 : 0;
    if (prevStart >= ls) break;
    const prev = head.slice(prevStart, ls - 1).trim();
    if (prev && !isUpperLine(prev) && !DECOR_LINE.test(prev)) break;
    if (prev && GAZETTE_LINE.test(prev)) break;
    if (prev) at = prevStart;
    ls = prevStart;
  }
  return at;
}

function kindOf(s: string): DocumentKind {
  const key = s.replace(/\s+/g, ' ').trim();
  return (KIND_LINES.find(([k]) => k === key)?.[1]) ?? 'khác';
}

function tidyTitle(s: string): string {
  // a decoration rule ends the title when wrapped lines were rejoined ("… gia tăng ______ Nghị định số …")
  const rule = /\s[_=–—-]{4,}/u.exec(s);
  if (rule) s = s.slice(0, rule.index);
  return s.replace(/\s+/g, ' ').replace(/^[\s:–-]+|[\s;,]+$/g, '').trim();
}

/**
 * An upper-case title (laws: "LUẬT / THUẾ THU NHẬP CÁ NHÂN"): take its mixed-case form from the enacting
 * sentence "Quốc hội ban hành Luật Thuế thu nhập cá nhân." when present, else sentence case.
 */
function upperTitle(text: string, kind: DocumentKind, title: string): string {
  const key = fold(title).replace(/[^a-z0-9]/g, '');
  const zone = text.slice(0, 8000);
  // "Quốc hội ban hành Luật Thuế thu nhập cá nhân." / "Bộ trưởng Bộ Tài chính ban hành Thông tư sửa đổi, bổ sung …"
  const re = /ban hành\s+((?:Bộ luật|Luật|Pháp lệnh|Nghị quyết|Nghị định|Thông tư liên tịch|Thông tư|Quyết định|Chỉ thị)\s+[^.;\n]{3,400})/gu;
  for (let m = re.exec(zone); m; m = re.exec(zone)) {
    const withKind = m[1];
    const cand = withKind.replace(/^(?:Bộ luật|Luật|Pháp lệnh|Nghị quyết|Nghị định|Thông tư liên tịch|Thông tư|Quyết định|Chỉ thị)\s+/u, '');
    for (const c of [cand, withKind]) {
      const ck = fold(c).replace(/[^a-z0-9]/g, '');
      if (ck === key || (ck.startsWith(key) && key.length > 20)) {
        const out = c.slice(0, c.length).trim();
        // keep exactly the title's words (the clause may go on)
        let acc = '';
        let n = 0;
        for (const ch of out) { acc += ch; if (/[\p{L}\d]/u.test(ch)) n += fold(ch).replace(/[^a-z0-9]/g, '').length; if (n >= key.length) break; }
        return acc[0].toUpperCase() + acc.slice(1);
      }
    }
  }
  void kind;
  // sentence case, keeping numbers and codes as printed ("THÔNG TƯ SỐ 44/2022/TT-BTC")
  const words = title.split(/(\s+)/);
  const out = words.map((w, i) => (/\d/.test(w) ? w : i === 0 ? w[0] + w.slice(1).toLowerCase() : w.toLowerCase()));
  return out.join('');
}

/** Position words alone: a cheap pre-filter, so the full signature pattern only runs near candidates. */
const POSITION_FAST = /THỦ TƯỚNG|BỘ TRƯỞNG|THỨ TRƯỞNG|CHỦ TỊCH|GIÁM ĐỐC|HIỆU TRƯỞNG|TRƯỞNG PHÒNG|CHÁNH VĂN PHÒNG|CỤC TRƯỞNG|VỤ TRƯỞNG|THỐNG ĐỐC|CHÁNH ÁN|VIỆN TRƯỞNG|TỔNG KIỂM TOÁN|CHỦ NHIỆM|TRƯỞNG BAN|TỔNG THƯ KÝ|CHÁNH THANH TRA|TỔNG THANH TRA|TRƯỞNG ĐOÀN|BÍ THƯ|TRƯỞNG KHOA|HIỆU PHÓ/gu;

function parseSignature(text: string, from: number, info: HeaderInfo): void {
  POSITION_FAST.lastIndex = from;
  let scannedTo = from;
  for (let f = POSITION_FAST.exec(text); f; f = POSITION_FAST.exec(text)) {
    if (f.index < scannedTo) continue;
    const ws = Math.max(from, scannedTo, f.index - 200);
    const we = Math.min(text.length, f.index + 400);
    const win = text.slice(ws, we);
    SIGNATURE.lastIndex = 0;
    for (let m = SIGNATURE.exec(win); m; m = SIGNATURE.exec(win)) {
      const name = m[3].trim();
      // A name is 2–5 syllables of letters only; "Điều Khoản" or title words are not names.
      if (/^(?:Điều|Chương|Mục|Phụ|Nơi|Lưu|Khoản|Căn|Theo|Về|Bộ|Sở|Cục|Ủy|Văn|Hà|Thông|Nghị|Quyết)(?=\s|$)/u.test(name)) continue;
      if (m.index + m[0].length >= win.length && we < text.length) continue; // the name may go on past the window
      const authority = m[1].trim().split(/\s*\n\s*|\s{2,}/).map((x) => x.trim()).filter(Boolean);
      info.signer = name;
      info.signerTitle = m[2].replace(/\s+/g, ' ').trim();
      if (authority.length) info.signerAuthority = authority.join(' / ').replace(/\s+/g, ' ');
      info.tailSpans.push({ start: ws + m.index, end: ws + m.index + m[0].length });
      return;
    }
    scannedTo = Math.max(scannedTo, f.index + 1);
  }
}

function parseRecipients(text: string, from: number, info: HeaderInfo): void {
  const out: string[] = [];
  // "Kính gửi: Sở GD&ĐT các tỉnh" or a "Kính gửi:" line followed by "- …;" items
  const kg = /Kính\s*gửi\s*:?\s*/u.exec(text.slice(0, Math.min(text.length, 8000)));
  if (kg) {
    const s = kg.index + kg[0].length;
    const chunk = text.slice(s, Math.min(text.length, s + 1500));
    const items: string[] = [];
    const lines = chunk.split('\n');
    const firstLine = lines[0].trim();
    const inline = firstLine && !/^[-–+•]/.test(firstLine);
    if (inline) items.push(firstLine);
    for (let i = inline ? 1 : 0; i < lines.length; i++) {
      const t = lines[i].trim();
      if (!t) { if (items.length) { const nxt = lines.slice(i + 1).find((x) => x.trim()); if (!nxt || !/^[-–+•]/.test(nxt.trim())) break; } continue; }
      if (/^[-–+•]/.test(t)) items.push(t);
      else break;
    }
    for (const it of items) for (const p of splitItems(it)) out.push(p);
  }
  // "Nơi nhận:" list (after the body); items until "Lưu: …"
  const re = /Nơi\s*nhận\s*:?/gu;
  re.lastIndex = from;
  const nn = re.exec(text);
  if (nn) {
    const s = nn.index + nn[0].length;
    const chunk = text.slice(s, Math.min(text.length, s + 3000));
    const lu = /[-–+•]?\s*Lưu\s*:?[^\n]*?(?=\p{Lu}{2,}[ \t]+\p{Lu}|\n|$)/u.exec(chunk);
    const listEnd = lu ? lu.index + lu[0].length : Math.min(chunk.length, (chunk.search(/\n\s*\n\s*[^-–+•\s]/) + 1) || chunk.length);
    const body = chunk.slice(0, lu ? lu.index : listEnd);
    for (const p of splitItems(body)) out.push(p);
    info.tailSpans.push({ start: nn.index, end: s + listEnd });
  }
  const seen = new Set<string>();
  const rec = out.filter((r) => { const k = fold(r); if (!r || seen.has(k)) return false; seen.add(k); return true; });
  if (rec.length) info.recipients = rec;
}

function splitItems(s: string): string[] {
  return s.split(/\n|;\s*(?=[-–+•])|(?<=;)\s*|(?:^|\s)[-–+•]\s*/u)
    .map((x) => x.replace(/^[-–+•\s]+|[;.,\s]+$/gu, '').replace(/\s+/g, ' ').trim())
    .filter((x) => x.length > 1 && !/^Lưu\b/u.test(x) && !/^Như (?:trên|Điều|khoản)/u.test(x));
}

// ---------------------------------------------------------------------------------------------
// News articles and portal posts
// ---------------------------------------------------------------------------------------------

/** Page furniture lines that are not a heading: visit counters, greetings, dates, menus. */
const CHROME_LINE = /^(?:(?:Thứ|Chủ nhật|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?=[\s,]).*\d{4}|Chào mừng|Trang chủ|Tin tức|Đăng nhập|Tìm kiếm|Lượt xem|Cập nhật|\d{1,2}\/\d{1,2}\/\d{4}.*)/iu;
/** Dates shown on news pages: "Cập nhật: 11/08/2023", "Ngày đăng: 12/3/2022", "Thursday, 19/05/2022 - 02:09" */
const PAGE_DATE = /(?:Cập nhật|Ngày đăng|Đăng ngày|Ngày cập nhật|Ngày xuất bản|Thứ (?:hai|ba|tư|năm|sáu|bảy|Hai|Ba|Tư|Năm|Sáu|Bảy)|Chủ nhật|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)[:,]?\s*(?:lúc\s*)?(?:\d{1,2}:\d{2}\s*(?:,\s*)?)?(\d{1,2})[\/\-.](\d{1,2})[\/\-.](\d{4})/u;

/** The date a news or portal page shows ("Cập nhật: 11/08/2023", "Thứ năm, 19/05/2022"), as ISO; look in the raw page text, since cleaning removes page chrome. */
export function pageDate(text: string): string | undefined {
  const pd = PAGE_DATE.exec(text);
  return pd ? isoDate(pd[1], pd[2], pd[3]) : undefined;
}

function parseNewsHeader(text: string, info: HeaderInfo): HeaderInfo {
  info.formal = false;
  // a near-empty text (a scanned PDF whose text layer holds only the signature stamp) is not a news article
  if (text.trim().length < 300) { info.kind = 'khác'; info.kindSource = 'default'; }
  else { info.kind = 'tin tức'; info.kindSource = 'news'; }
  // date shown by the page (article date or update date), wherever the page shows it
  const pd = PAGE_DATE.exec(text);
  if (pd) {
    const iso = isoDate(pd[1], pd[2], pd[3]);
    if (iso) { info.issuedAt = iso; info.dateSource = 'page'; }
  } else delete info.issuedAt;
  if (info.dateSource === 'adopted') { delete info.issuedAt; delete info.dateSource; }
  // title: the first heading-like line (not furniture, no final period, 15–250 chars)
  const lines = splitLines(text, 0, Math.min(text.length, 4000));
  for (const l of lines) {
    const t = l.text.replace(/\|\s*$/, '').trim();
    if (!t || CHROME_LINE.test(t) || DECOR_LINE.test(t)) continue;
    if (t.length >= 15 && t.length <= 250 && !/[.:;]$/.test(t)) {
      info.title = tidyTitle(t);
      info.headerSpan = { start: l.start, end: l.end };
      break;
    }
    // No heading: the first sentence stands in for a title.
    const sentence = /^.{15,200}?[.!?](?=\s|$)/u.exec(t);
    info.title = tidyTitle(sentence ? sentence[0] : t.slice(0, 150));
    break;
  }
  return info;
}
