/**
 * Synthetic Vietnamese fixtures for the engine conformance suite. The sentences imitate real
 * circulars, decrees and official letters of the education sector, but every document here is
 * made up (numbers, dates and issuers are plausible, not quoted). Each document is built through
 * the zod schemas so defaults are applied exactly as the pipeline would.
 *
 * Traps placed on purpose:
 * - "đào tạo" only appears with diacritics: "dao tao" must find it (diacritic-insensitive matching).
 * - "đường" (road) and "dương" (tuyên dương, to commend) fold to the same key "duong": the
 *   accent-aware ranking must order them by the marks the user typed.
 * - a passage with `<script>` and `&` must come back escaped in snippets.
 * - D2 carries its own number as a `self` reference: it must not count as a citation.
 * - refIds "3414-bgddt-gdtrh-2019", "3414-bgddt-gdtrh-2020" and "34140-bgddt-gdtrh-2021": a prefix
 *   lookup works on whole segments ("3414" must not find "34140-…").
 */
import { DocumentRecord, PassageRecord, Reference } from '../../src/docs/model.js';
import { fold } from '../../src/text/fold.js';

export interface Fixture { document: DocumentRecord; passages: PassageRecord[] }

function ref(text: string, raw: string, canonical: string, extra: Partial<Reference> = {}): Reference {
  const start = text.indexOf(raw);
  if (start < 0) throw new Error(`fixture: "${raw}" not in "${text}"`);
  return Reference.parse({ raw, start, end: start + raw.length, family: 'qppl', canonical, ...extra });
}

interface PSpec { text: string; heading?: string; aliases?: string[]; refs?: [raw: string, canonical: string, extra?: Partial<Reference>][] }

function fixture(meta: Omit<Partial<DocumentRecord>, 'source'> & { id: string; kind: string; title: string }, specs: PSpec[]): Fixture {
  const passages = specs.map((s, i) => PassageRecord.parse({
    id: `${meta.id}:p${i + 1}`,
    docId: meta.id,
    ordinal: i,
    headingPath: s.heading ?? '',
    anchor: `p${i + 1}`,
    ...(s.aliases ? { aliases: s.aliases } : {}),
    text: s.text,
    refs: (s.refs ?? []).map(([raw, canonical, extra]) => ref(s.text, raw, canonical, extra)),
  }));
  const seen = new Map<string, Reference>();
  for (const p of passages) for (const r of p.refs) if (!r.self && !seen.has(r.canonical)) seen.set(r.canonical, r);
  const document = DocumentRecord.parse({
    source: { format: 'txt', path: `fixtures/${meta.id}.txt`, url: `https://example.test/van-ban/${meta.id}` },
    refs: [...seen.values()],
    ...meta,
  });
  return { document, passages };
}

export const FIXTURES: Fixture[] = [
  fixture({
    id: 'tt-26-2020', kind: 'thông tư', number: '26/2020/TT-BGDĐT', refId: '26-2020-tt-bgddt',
    issuer: 'Bộ Giáo dục và Đào tạo', issuedAt: '2020-08-26',
    title: 'Thông tư sửa đổi, bổ sung một số điều của Quy chế đánh giá, xếp loại học sinh trung học cơ sở và trung học phổ thông',
    // as engine/status.ts would store it (the `status` facet reads it)
    derivedStatus: { status: 'replaced', by: [{ id: 'tt-05-2024', number: '05/2024/TT-BGDĐT', issuedAt: '2024-03-01' }] },
  }, [
    { heading: 'Điều 1', aliases: ['dieu-1'], text: 'Sửa đổi, bổ sung một số điều của Quy chế đánh giá, xếp loại học sinh trung học cơ sở và học sinh trung học phổ thông ban hành kèm theo Thông tư số 58/2011/TT-BGDĐT.',
      refs: [['Thông tư số 58/2011/TT-BGDĐT', '58-2011-tt-bgddt', { relation: 'sua-doi' }]] },
    { heading: 'Điều 1 › Khoản 2', text: 'Căn cứ Nghị định số 71/2020/NĐ-CP ngày 30 tháng 6 năm 2020 của Chính phủ, giáo viên được cử đi đào tạo nâng chuẩn vẫn được đánh giá theo quy định.',
      refs: [['Nghị định số 71/2020/NĐ-CP', '71-2020-nd-cp', { relation: 'can-cu' }]] },
    { heading: 'Điều 2', text: 'Thông tư này có hiệu lực thi hành kể từ ngày 11 tháng 10 năm 2020. Sở Giáo dục và Đào tạo chịu trách nhiệm hướng dẫn thực hiện.' },
  ]),
  fixture({
    id: 'nd-71-2020', kind: 'nghị định', number: '71/2020/NĐ-CP', refId: '71-2020-nd-cp',
    issuer: 'Chính phủ', issuedAt: '2020-06-30',
    title: 'Nghị định quy định lộ trình thực hiện nâng trình độ chuẩn của giáo viên mầm non, tiểu học, trung học cơ sở',
    derivedStatus: { status: 'amended', by: [{ id: 'nd-311-2025', number: '311/2025/NĐ-CP', issuedAt: '2025-11-26' }] },
  }, [
    { text: 'Số: 71/2020/NĐ-CP. Nghị định này quy định lộ trình nâng trình độ chuẩn của giáo viên.',
      refs: [['71/2020/NĐ-CP', '71-2020-nd-cp', { self: true }]] },
    { heading: 'Điều 3', text: 'Giáo viên chưa đạt chuẩn được cử tham gia đào tạo tại cơ sở giáo dục đại học; kinh phí do ngân sách nhà nước bảo đảm.' },
    { heading: 'Điều 4', text: 'Giáo viên tham gia đào tạo phải bảo đảm chất lượng giảng dạy học sinh trong thời gian học tập.' },
  ]),
  fixture({
    id: 'cv-3414-2020', kind: 'công văn', number: '3414/BGDĐT-GDTrH', refId: '3414-bgddt-gdtrh-2020',
    issuer: 'Bộ Giáo dục và Đào tạo', issuedAt: '2020-09-04',
    title: 'Hướng dẫn thực hiện nhiệm vụ năm học 2020-2021 cấp trung học',
  }, [
    { text: 'Thực hiện Nghị định số 71/2020/NĐ-CP, các Sở rà soát đội ngũ và lập kế hoạch cử giáo viên đi học.',
      refs: [['Nghị định số 71/2020/NĐ-CP', '71-2020-nd-cp', { relation: 'huong-dan' }]] },
    { text: 'Việc đánh giá học sinh thực hiện theo Thông tư số 26/2020/TT-BGDĐT và Nghị định số 71/2020/NĐ-CP.',
      refs: [['Thông tư số 26/2020/TT-BGDĐT', '26-2020-tt-bgddt'], ['Nghị định số 71/2020/NĐ-CP', '71-2020-nd-cp']] },
  ]),
  fixture({
    id: 'cv-3414-2019', kind: 'công văn', number: '3414/BGDĐT-GDTrH', refId: '3414-bgddt-gdtrh-2019',
    issuer: 'Sở Giáo dục và Đào tạo Hà Nội', issuedAt: '2019-09-10',
    title: 'Triển khai kế hoạch giáo dục năm học 2019-2020',
  }, [
    { text: 'Các trường xây dựng kế hoạch giáo dục nhà trường, bảo đảm học sinh được học đủ các môn học bắt buộc.' },
  ]),
  fixture({
    id: 'cv-34140-2021', kind: 'công văn', number: '34140/BGDĐT-GDTrH', refId: '34140-bgddt-gdtrh-2021',
    issuer: 'Bộ Giáo dục và Đào tạo', issuedAt: '2021-01-05',
    title: 'Về việc tổng kết học kỳ I năm học 2020-2021',
  }, [
    { text: 'Đề nghị các đơn vị gửi báo cáo tổng kết học kỳ I về Bộ trước ngày 20 tháng 01 năm 2021.' },
  ]),
  fixture({
    id: 'kh-15-2021', kind: 'kế hoạch', number: '15/KH-SGDĐT',
    issuer: 'Sở Giáo dục và Đào tạo Hà Nội', issuedAt: '2021-03-15',
    title: 'Kế hoạch tự đánh giá chất lượng giáo dục năm 2021',
  }, [
    { text: 'Các trường cập nhật mục <script>alert(1)</script> & báo cáo kết quả tự kiểm tra trước ngày 30/4.' },
    { text: 'Học sinh và cha mẹ học sinh được lấy ý kiến về chất lượng giáo dục của nhà trường.' },
  ]),
  fixture({
    id: 'tb-duong-bo', kind: 'thông báo', number: '21/TB-PGDĐT',
    issuer: 'Phòng Giáo dục và Đào tạo quận Ba Đình', issuedAt: '2021-09-01',
    title: 'Thông báo về công tác bảo đảm trật tự an toàn giao thông',
  }, [
    { text: 'Học sinh được hướng dẫn kỹ năng an toàn khi đi trên đường đến trường mỗi ngày.' },
  ]),
  fixture({
    id: 'qd-ubnd-2022', kind: 'quyết định', number: '120/QĐ-UBND',
    issuer: 'Ủy ban nhân dân tỉnh Bắc Ninh', issuedAt: '2022-05-10',
    title: 'Quyết định phê duyệt chỉ tiêu tuyển sinh năm 2022',
  }, [
    // only abbreviations whose long forms have 4+ words: "UBND" (ủy ban nhân dân), "GD&ĐT" (giáo dục và đào tạo)
    { heading: 'Điều 1', text: 'Giao UBND cấp huyện chỉ đạo Phòng GD&ĐT tổ chức tuyển sinh lớp 6 đúng quy định.' },
    { heading: 'Điều 2', text: 'Các trường THCS công khai kết quả tuyển sinh trên cổng thông tin.' },
    // only the long form
    { heading: 'Điều 3', text: 'Ủy ban nhân dân các xã bảo đảm cơ sở vật chất cho điểm trường.' },
  ]),
  fixture({
    id: 'tb-tuyen-duong', kind: 'thông báo', number: '22/TB-PGDĐT',
    issuer: 'Phòng Giáo dục và Đào tạo quận Ba Đình', issuedAt: '2021-09-02',
    title: 'Thông báo kết quả phong trào thi đua năm học',
  }, [
    { text: 'Học sinh được khen thưởng và tuyên dương khi đạt thành tích cao mỗi học kỳ.' },
  ]),
];

export const byId = (id: string): Fixture => {
  const f = FIXTURES.find((x) => x.document.id === id);
  if (!f) throw new Error(`no fixture ${id}`);
  return f;
};

// ---------------------------------------------------------------------------------------------
// A naive reference implementation of matching, used to compute expected totals and facets.
// A passage matches a query when every folded query word is one of the folded words of
// (document title + heading path + passage text): the same fields both engines search.

const WORD = /[\p{L}\p{M}\p{N}]+/gu;
export const words = (s: string): string[] => fold(s.normalize('NFC')).match(WORD) ?? [];

export function naiveMatches(fixtures: Fixture[], q: string): { docs: Fixture[]; passages: number } {
  const qw = words(q);
  const docs: Fixture[] = [];
  let passages = 0;
  for (const f of fixtures) {
    let n = 0;
    for (const p of f.passages) {
      const bag = new Set(words(`${f.document.title} ${p.headingPath} ${p.text}`));
      if (qw.every((w) => bag.has(w))) n++;
    }
    if (n) { docs.push(f); passages += n; }
  }
  return { docs, passages };
}

/**
 * The relaxed match (a long query no passage fully holds): passages holding ANY clause of the parsed
 * query: a word, a phrase, or any form of an abbreviation, as adjacent whole words of one field
 * (title, number, heading or text: the fields both engines search).
 */
export function naiveAny(fixtures: Fixture[], clauses: string[][][]): { docs: Fixture[]; passages: number } {
  const docs: Fixture[] = [];
  let passages = 0;
  for (const f of fixtures) {
    let n = 0;
    for (const p of f.passages) {
      const fields = [f.document.title, f.document.number ?? '', p.headingPath, p.text].map((x) => ` ${words(x).join(' ')} `);
      if (clauses.some((forms) => forms.some((form) => fields.some((x) => x.includes(` ${form.join(' ')} `))))) n++;
    }
    if (n) { docs.push(f); passages += n; }
  }
  return { docs, passages };
}

export function countBy(values: (string | undefined)[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const v of values) if (v !== undefined) m.set(v, (m.get(v) ?? 0) + 1);
  return m;
}

/** Synthetic bulk corpus: n documents × m passages, each passage mentioning "kiểm định chất lượng". */
export function bulkFixtures(n: number, m: number): Fixture[] {
  const kinds = ['thông tư', 'công văn', 'quyết định', 'kế hoạch'];
  const out: Fixture[] = [];
  for (let i = 0; i < n; i++) {
    const id = `bulk-${String(i).padStart(4, '0')}`;
    const specs: PSpec[] = [];
    for (let j = 0; j < m; j++) {
      specs.push({
        heading: `Điều ${j + 1}`,
        text: `Điều ${j + 1}. Trường thứ ${i + 1} tự đánh giá và đăng ký kiểm định chất lượng giáo dục theo tiêu chuẩn số ${j + 1}; hồ sơ lưu tại phòng ${(i * 31 + j) % 97}.`,
      });
    }
    out.push(fixture({
      id, kind: kinds[i % kinds.length], number: `${i + 1}/KH-BULK`, issuer: `Sở Giáo dục và Đào tạo tỉnh số ${i % 7}`,
      issuedAt: `20${10 + (i % 12)}-0${1 + (i % 9)}-1${i % 10}`, title: `Văn bản tổng hợp số ${i + 1}`,
    }, specs));
  }
  return out;
}
