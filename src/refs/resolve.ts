/**
 * Stage 2 (resolve): what each found span means — kind, standard number, canonical id, year, issue
 * date, pinpoint, relation, self — read from the span and the words around it. Produces `Reference`
 * objects (src/docs/model.ts) with offsets mapped back to the ORIGINAL input.
 */
import { kindEntry } from '../kinds/kinds.js';
import type { Pinpoint, Reference, Relation } from './model.js';
import { fold } from '../text/fold.js';
import type { Cleaned } from './clean.js';
import type { FoundSpan } from './find.js';
import {
  DATE_AFTER, HEADER_SO, kindBefore, LAW_BY_NAME_KEY, LIST_GAP, PINPOINT_BEFORE, RELATION_CUE,
} from './patterns.js';
import {
  codeKey, displayCode, KIND_WORDS, PARTY_ISSUERS, RELATION_CUES, typeCodeEntry,
} from './tables.js';
import { LAWS, pickVersion } from './laws.js';
import { RefContext } from './context.js';

export interface ResolveOptions {
  /** Numbers written after "Số:" within this many characters of the start are the document's own number (self). Default 3000. */
  headerZone?: number;
  /** The citing document's date (ISO "YYYY-MM-DD"): a law cited by name without a date or year means the version in force then. */
  date?: string;
  /** What the document has cited so far (context.ts): short forms ("Thông tư 22") resolve against it. One per document. */
  context?: RefContext;
  /** The citing document's own canonical id(s): a reference to it ("Kèm theo Nghị quyết số 24/2026/NQ-CP" inside that resolution) is `self`. */
  own?: string[];
}

const KIND_BY_WORDS = new Map(KIND_WORDS.map((k) => [k.words.replace(/ /g, ''), k.kind]));

/** Canonical id of a standard number: "71/2020/NĐ-CP" → "71-2020-nd-cp"; admin numbers get "-YYYY" when a year is known. */
const SLUG_CACHE = new Map<string, string>();
export function canonicalId(number: string, adminYear?: number): string {
  let slug = SLUG_CACHE.get(number);
  if (slug === undefined) {
    slug = slugOf(number);
    if (SLUG_CACHE.size > 20_000) SLUG_CACHE.clear();
    SLUG_CACHE.set(number, slug);
  }
  return adminYear ? `${slug}-${adminYear}` : slug;
}
function slugOf(number: string): string {
  return fold(number.normalize('NFC')).replace(/[&\s]/g, '').replace(/[/_\u2013]/g, '-')
    .replace(/[^a-z0-9-]/g, '').replace(/-+/g, '-').replace(/^-|-$/g, '');
}

export function resolveSpans(cleaned: Cleaned, spans: FoundSpan[], opts: ResolveOptions = {}, folded: string = fold(cleaned.text)): Reference[] {
  const text = cleaned.text;
  const F = folded;
  const headerZone = opts.headerZone ?? 3000;
  const refs: Internal[] = [];
  const sorted = [...spans].sort((a, b) => a.numStart - b.numStart || b.numEnd - a.numEnd);
  const ctx = opts.context ?? new RefContext();
  for (const sp of sorted) {
    const r = sp.shape === 'law-by-name' ? resolveLaw(text, F, sp, opts.date)
      : sp.shape === 'short' ? resolveShort(text, F, sp, ctx)
        : resolveNumber(text, F, sp, refs, headerZone);
    if (!r) continue;
    if (refs.length && r._s < refs[refs.length - 1]._e && sp.shape === 'short') continue;
    refs.push(r);
    ctx.remember(r);
  }
  // law name right before "số <number>" → one citation; a name right after a law number repeats it
  const merged: typeof refs = [];
  for (let i = 0; i < refs.length; i++) {
    const r = refs[i];
    const next = refs[i + 1];
    if (r.family === 'law-by-name' && next && next.family !== 'law-by-name' && next._s >= r._e && next._s - r._e < 16) {
      const gap = F.slice(r._e, next._s);
      // not in "Luật sửa đổi, bổ sung … của Luật X số N": there N is the amending law's number
      // (unless N is one of this law's own numbers: "… của Luật Xuất bản số 19/2012/QH13")
      const amending = /luat[ \t]*sua[ \t]*doi/.test(F.slice(Math.max(0, r._s - 90), r._s)) && !r._versions?.includes(next.number ?? '');
      if (!amending && /^[ \t]*,?[ \t]*(?:so[ \t]*:?[ \t]*)?$/.test(gap) && next.issuerCodes.some((c) => /QH/.test(c))) {
        next._s = r._s;
        next.kind = r.kind === 'hiến pháp' ? next.kind : r.kind;
        continue;
      }
    }
    const prev = merged[merged.length - 1];
    if (r.family === 'law-by-name' && prev && prev.family !== 'law-by-name' && r._s >= prev._e
      && /^[ \t]*$/.test(text.slice(prev._e, r._s)) && prev.issuerCodes.some((c) => /QH/.test(c))) continue;
    if (prev && r._s < prev._e) {
      if (r._e - r._s > prev._e - prev._s && r.family !== 'law-by-name') merged[merged.length - 1] = r;
      continue;
    }
    merged.push(r);
  }
  return merged.map((r) => {
    const [start, end] = cleaned.toOriginal(r._s, r._e);
    const ref: Reference = {
      raw: '', start, end, family: r.family, issuerCodes: r.issuerCodes, relation: r.relation, canonical: r.canonical,
    };
    if (r.kind !== undefined) ref.kind = r.kind;
    if (r.number !== undefined) ref.number = r.number;
    if (r.year !== undefined) ref.year = r.year;
    if (r.typeCode !== undefined) ref.typeCode = r.typeCode;
    if (r.pinpoint !== undefined) ref.pinpoint = r.pinpoint;
    if (r.date !== undefined) ref.date = r.date;
    if (r.self || (opts.own?.length && opts.own.includes(r.canonical))) ref.self = true;
    if (r.candidates) ref.candidates = r.candidates;
    if (r.partial) ref.partial = true;
    return ref;
  });
}

/** What a law name means, memoised by (name, year, cited date, document date): the same law is cited thousands of times. */
interface LawMeaning { kind: string; number?: string; year?: number; issuerCodes: string[]; canonical: string; candidates?: string[]; versions: string[] }
const LAW_MEANING = new Map<string, LawMeaning | null>();

function resolveLaw(text: string, F: string, sp: FoundSpan, at: string | undefined): Internal | null {
  const law = sp.law!;
  // the date the citation gives: "Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015" — unless the name is inside an
  // amending law's title ("Luật sửa đổi, bổ sung một số điều của Luật X và Luật Y ngày 22 tháng 11 năm 2019"): that date is
  // the amending law's, and Luật X is the version in force on the citing document's date
  const date = inAmendingTitle(F, sp.numStart) ? undefined : dateAfter(F, sp.numEnd);
  const key = `${law.prefix}|${law.name ?? ''}|${law.year ?? ''}|${date ?? ''}|${at ?? ''}`;
  let m = LAW_MEANING.get(key);
  if (m === undefined) {
    m = lawMeaning(law, date, at);
    if (LAW_MEANING.size > 5000) LAW_MEANING.clear();
    LAW_MEANING.set(key, m);
  }
  if (!m) return null;
  const ref = mk(sp.numStart, sp.numEnd, 'law-by-name', m.kind, m.number, m.year, undefined, [...m.issuerCodes], m.canonical,
    relationAt(F, sp.numStart, sp.numEnd), pinpointBefore(text, F, sp.numStart), date);
  if (m.candidates) ref.candidates = [...m.candidates];
  ref._versions = m.versions;
  return ref;
}

/** Is the name at `at` inside the title of an amending document cited in the same clause ("Luật sửa đổi, bổ sung … của")? */
function inAmendingTitle(F: string, at: number): boolean {
  const w = F.slice(Math.max(0, at - 160), at);
  const clause = w.slice(Math.max(w.lastIndexOf(';'), w.lastIndexOf('\n')) + 1);
  return /(?<![a-z])(?:luat|phap lenh|nghi quyet)[ \t]*sua[ \t]*doi/.test(clause);
}

function lawMeaning(law: NonNullable<FoundSpan['law']>, date: string | undefined, at: string | undefined): LawMeaning | null {
  const prefixKind = law.prefix.startsWith('hien') ? 'hiến pháp' : law.prefix.startsWith('bo') ? 'bộ luật' : law.prefix.startsWith('phap') ? 'pháp lệnh' : 'luật';
  const entry = law.name ? LAW_BY_NAME_KEY.get(law.name)
    : LAWS.find((l) => l.prefix === 'hiến pháp');
  if (!entry) return null;
  const pick = pickVersion(entry, { date, year: law.year, at });
  const version = pick.version;
  const kind = entry.prefix === 'hiến pháp' || entry.prefix === 'pháp lệnh' ? entry.prefix
    : prefixKind === 'bộ luật' || entry.prefix === 'bộ luật' ? entry.prefix : 'luật';
  let canonical: string;
  let number: string | undefined;
  let issuerCodes: string[] = [];
  let year: number | undefined = law.year;
  if (version) {
    year = version.year;
    if (/^\d/.test(version.number)) {
      number = version.number;
      canonical = canonicalId(number);
      issuerCodes = [number.split('/')[2]];
    } else {
      canonical = nameSlug(version.number); // "Hiến pháp 2013" → "hien-phap-2013"
    }
  } else {
    // a year with no version in the table: an id from the name and year ("luat-giao-duc-1975")
    year = law.year ?? (date ? Number(date.slice(0, 4)) : undefined);
    canonical = nameSlug(`${kind} ${entry.names[0]} ${year ?? ''}`);
  }
  return {
    kind, number, year, issuerCodes, canonical, versions: entry.versions.map((v) => v.number),
    candidates: pick.candidates && pick.candidates.length > 1 ? pick.candidates.map((v) => versionId(v.number)) : undefined,
  };
}

/** The canonical id of a law version: its number's slug, or "hien-phap-2013". */
function versionId(number: string): string {
  return /^\d/.test(number) ? canonicalId(number) : nameSlug(number);
}

function nameSlug(s: string): string {
  return fold(s).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

type Internal = Reference & { _s: number; _e: number; _versions?: string[] };

/** One internal reference, always with the same keys in the same order (cheap objects for V8). */
function mk(s: number, e: number, family: Reference['family'], kind: string | undefined, number: string | undefined,
  year: number | undefined, typeCode: string | undefined, issuerCodes: string[], canonical: string,
  relation: Relation, pinpoint?: Pinpoint, date?: string, self?: boolean): Internal {
  return { raw: '', start: s, end: e, family, kind, number, year, typeCode, issuerCodes, pinpoint, date, relation, canonical, self, candidates: undefined, partial: undefined, _s: s, _e: e, _versions: undefined };
}

function resolveNumber(text: string, F: string, sp: FoundSpan, prior: Internal[], headerZone: number): Internal | null {
  const beforeFrom = Math.max(0, sp.numStart - 60);
  const beforeFold = F.slice(beforeFrom, sp.numStart);
  const kb = kindBefore(beforeFold, text.slice(beforeFrom, sp.numStart));
  let start = sp.numStart;
  let wordKind: string | undefined;
  if (kb) {
    start = sp.numStart - (beforeFold.length - kb.index);
    wordKind = kb.kind;
    if (kb.lt && wordKind === 'thông tư') wordKind = 'thông tư liên tịch';
  }
  const self = sp.numStart < headerZone && HEADER_SO.test(text.slice(Math.max(0, sp.numStart - 12), sp.numStart));
  if (self) start = sp.numStart;

  const typeEntry = sp.type ? typeCodeEntry(sp.type.text) : undefined;
  const typeCode = sp.type ? displayCode(sp.type.text, 'type') : undefined;
  const issuers = sp.issuers.map((s) => displayCode(s.text, 'issuer'));
  let number: string;
  let family: Reference['family'];
  let kind: string | undefined;
  switch (sp.shape) {
    case 'qh':
      number = `${sp.num}/${sp.year}/${issuers[0]}`; family = 'qppl'; kind = wordKind;
      if (!kind && /^HĐNN/.test(issuers[0])) kind = undefined;
      break;
    case 'qppl':
      number = `${sp.num}/${sp.year}/${[typeCode, ...issuers].join('-')}`; family = 'qppl';
      kind = typeEntry?.kind ?? wordKind;
      break;
    case 'party': {
      number = `${sp.num}-${typeCode}/${issuers.join('-')}`;
      const partyIssuer = PARTY_ISSUERS.has(codeKey(sp.issuers[0].text));
      family = partyIssuer ? 'party' : (kindEntry(wordKind)?.normative ? 'qppl' : 'administrative');
      kind = wordKind ?? typeEntry?.kind;
      break;
    }
    case 'old-decree':
      number = `${sp.num}${sp.sep === '/' ? '/' : '-'}${issuers[0]}`; family = 'qppl'; kind = wordKind ?? 'nghị định';
      break;
    case 'consolidated':
      number = `${sp.num}/VBHN-${issuers.join('-')}`; family = 'consolidated'; kind = 'văn bản hợp nhất';
      break;
    case 'admin-typed':
      number = `${sp.num}/${[typeCode, ...issuers].join('-')}`; family = 'administrative';
      kind = typeEntry?.kind ?? wordKind;
      break;
    default: // letter
      number = `${sp.num}/${issuers.join('-')}`; family = 'administrative';
      kind = wordKind ?? 'công văn';
  }
  // a list sharing one kind word: "các Thông tư số 25/2020/TT-BGDĐT, 26/2020/TT-BGDĐT"
  if (!kb && !self) {
    const prev = prior[prior.length - 1] as Internal | undefined;
    if (prev && prev.kind && sp.numStart - prev._e < 90 && LIST_GAP.test(F.slice(prev._e, sp.numStart))) {
      if (sp.shape === 'letter' || (sp.shape === 'qh' && !kind)) kind = prev.kind;
    }
    if (!kind && sp.shape === 'qh') kind = kindLookback(F, sp.numStart);
  }
  const date = dateAfter(F, sp.numEnd);
  // administrative numbers and pre-1996 decrees ("Nghị định 404-CP ngày 09/11/1979") restart every year: the id carries it
  const adminYear = (family === 'administrative' || sp.shape === 'old-decree') && date ? Number(date.slice(0, 4)) : undefined;
  if (self) {
    return mk(start, sp.numEnd, family, kind, number, sp.year ?? adminYear, typeCode, issuers, canonicalId(number, adminYear), 'mention', undefined, date, true);
  }
  return mk(start, sp.numEnd, family, kind, number, sp.year ?? adminYear, typeCode, issuers, canonicalId(number, adminYear),
    relationAt(F, start, sp.numEnd), pinpointBefore(text, F, start), date);
}

/**
 * A short form: "Thông tư 22", "Nghị định 160/2006", "Nghị quyết số 30a". The fuller citation earlier in the
 * document gives its number; a decree with a year is N/YYYY/NĐ-CP (decrees are the Government's); otherwise it
 * stays partial and the corpus decides (service: 300 with candidates).
 */
function resolveShort(text: string, F: string, sp: FoundSpan, ctx: RefContext): Internal | null {
  const kind = KIND_BY_WORDS.get(sp.short!.kindWord.replace(/ /g, ''));
  if (!kind) return null;
  const start = sp.short!.kindStart;
  const date = dateAfter(F, sp.numEnd);
  const dateYear = date ? Number(date.slice(0, 4)) : undefined;
  const relation = relationAt(F, start, sp.numEnd);
  const pin = pinpointBefore(text, F, start);
  const hit = ctx.lookup(kind, sp.num, sp.year) ?? (sp.year ? undefined : (dateYear && ctx.lookup(kind, sp.num, dateYear)) || ctx.lookup(kind, sp.num));
  if (hit) {
    const r = mk(start, sp.numEnd, hit.family, hit.kind, hit.number, hit.year, hit.typeCode, [...hit.issuerCodes], hit.canonical, relation, pin, date, hit.self);
    return r;
  }
  const year = sp.year ?? dateYear;
  if (kind === 'nghị định' && year && year >= 2000) {
    const number = `${sp.num}/${year}/NĐ-CP`;
    return mk(start, sp.numEnd, 'qppl', kind, number, year, 'NĐ', ['CP'], canonicalId(number), relation, pin, date);
  }
  const family: Reference['family'] = /^(quyết định|chỉ thị|công văn)$/.test(kind) ? 'administrative' : 'qppl';
  const r = mk(start, sp.numEnd, family, kind, sp.year ? `${sp.num}/${sp.year}` : sp.num, year, undefined, [],
    nameSlug(`${kind} ${sp.num} ${sp.year ?? ''}`), relation, pin, date);
  r.partial = true;
  return r;
}

/** For a QH number without a kind word right before it ("Luật Công nghiệp công nghệ số số 71/2025/QH15"): the nearest kind word in the clause. */
function kindLookback(F: string, at: number): string | undefined {
  const w = F.slice(Math.max(0, at - 100), at);
  const clause = w.slice(Math.max(w.lastIndexOf(';'), w.lastIndexOf('\n'), w.search(/\d[^\d]*$/)) + 1);
  const m = /(?<![a-z])(bo[ \t]*luat|luat|nghi[ \t]*quyet|phap[ \t]*lenh)(?![a-z])(?!.*(?<![a-z])(?:bo[ \t]*luat|luat|nghi[ \t]*quyet|phap[ \t]*lenh)(?![a-z]))/.exec(clause);
  if (!m) return undefined;
  return KIND_BY_WORDS.get(m[1].replace(/[ \t]/g, ''));
}

function dateAfter(F: string, end: number): string | undefined {
  const w = F.slice(end, end + 48);
  DATE_AFTER.lastIndex = 0;
  const m = DATE_AFTER.exec(w);
  if (!m) return undefined;
  const g = m.groups!;
  const d = Number(g.d);
  const mo = Number(g.m ?? g.m2);
  const y = Number(g.y ?? g.y2);
  if (!(d >= 1 && d <= 31 && mo >= 1 && mo <= 12 && y >= 1945 && y <= 2099)) return undefined;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const PIN_WORD = /dieu|khoan|diem|muc|chuong|phan|phu[ \t]*luc/;
const PIN_KEYS = ['phan', 'chuong', 'muc', 'dieu', 'khoan', 'diem', 'phuLuc'] as const;

function pinpointBefore(text: string, F: string, start: number): Pinpoint | undefined {
  const from = Math.max(0, start - 90);
  const raw = text.slice(from, start);
  const f = F.slice(from, start);
  if (!PIN_WORD.test(f)) return undefined;
  const m = PINPOINT_BEFORE.exec(f);
  if (!m || !m[0].trim()) return undefined;
  const pin: Pinpoint = {};
  const idx = (m as RegExpExecArray & { indices?: { groups?: Record<string, [number, number] | undefined> } }).indices?.groups;
  for (const k of PIN_KEYS) {
    const v = m.groups![k];
    if (v === undefined) continue;
    const at = idx?.[k];
    pin[k] = at ? raw.slice(at[0], at[1]) : v;
  }
  return Object.keys(pin).length ? pin : undefined;
}

const AFTER_CUES: { re: RegExp; relation: Relation }[] = [
  { re: /^[^;\n]{0,80}?(?<![a-z])(?:het hieu luc|bi bai bo|bi huy bo|duoc bai bo)/, relation: 'bai-bo' },
  { re: /^[^;\n]{0,80}?(?<![a-z])(?:bi thay the|duoc thay the)/, relation: 'thay-the' },
];

/** a kind word ending the text before a cue: "… theo Luật" in "theo Luật sửa đổi, bổ sung …" (a cited document's title) */
const KIND_BEFORE_CUE = /(?<![a-z])(?:bo[ \t]*luat|luat|nghi[ \t]*dinh|thong[ \t]*tu(?:[ \t]*lien[ \t]*tich)?|nghi[ \t]*quyet(?:[ \t]*lien[ \t]*tich)?|quyet[ \t]*dinh|phap[ \t]*lenh|chi[ \t]*thi)[ \t,]*$/;
/** a number ending the text before a cue: "Luật số 32/2013/QH13 sửa đổi, bổ sung …", "Nghị định số 89/2015/NĐ-CP Sửa đổi …" */
const NUMBER_BEFORE_CUE = /\d[ \t]*[/\-][a-z0-9/\-&]*[a-z0-9][ \t,]*$/;
/** passive "được / đã được / bị sửa đổi": a third document amends (or amended) what is cited */
const PASSIVE_BEFORE_CUE = /(?<![a-z])(?:duoc|bi)[ \t,]*$/;
const AMEND_CUE = new Set(['sua-doi']);
/**
 * Words between a cue and the citation that make the citation another phrase's object: "bãi bỏ … văn bản
 * trái với Hiến pháp" repeals what contradicts the Constitution, "hướng dẫn, kiểm tra … trong việc thực hiện
 * Hiến pháp" guides a body in applying it; neither acts on the document cited.
 */
const CUE_BREAK = /(?<![a-z])(?:trai[ \t]*voi|phu[ \t]*hop[ \t]*voi|trong[ \t]*viec)(?![a-z])/;
/** a line opened by "Căn cứ" (a preamble line: every document it lists is a basis) */
const CAN_CU_LINE = /^[\s"“'(\-–.\d)]*can[ \t]*cu(?![a-z])/;

/**
 * Relation from the nearest cue before the citation in the same clause, else a cue after it ("… hết hiệu lực"),
 * else "căn cứ" when the line opens with it ("Căn cứ Luật A; Luật sửa đổi, bổ sung … của Luật B;").
 * An amending cue is the citing document's only when the document itself is its subject: "sửa đổi" inside a cited
 * title ("theo Luật sửa đổi, bổ sung một số điều của Luật X"), after another document's number ("Luật số 32/2013/QH13
 * sửa đổi, bổ sung …") or in the passive ("được sửa đổi, bổ sung bởi …") says what a third document did, not this one.
 * A title at the very start of a line ("Luật sửa đổi, bổ sung …" heading the document) or after "ban hành" in the
 * preamble ("Bộ trưởng … ban hành Thông tư sửa đổi, bổ sung …") is the document's own.
 */
function relationAt(F: string, start: number, end: number): Relation {
  const from = Math.max(0, start - 110);
  const w = F.slice(from, start);
  let cut = Math.max(w.lastIndexOf(';'), w.lastIndexOf('\n'));
  const dot = w.search(/\.[ \t]+[a-z][^.]*$/);
  if (dot > cut) cut = dot;
  const clause = w.slice(cut + 1);
  const clauseAtLineStart = cut >= 0 ? w[cut] === '\n' : from === 0;
  let last: string | undefined;
  let first: string | undefined;
  let skippedEnd = -10;
  RELATION_CUE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = RELATION_CUE.exec(clause)) !== null) {
    const cue = m.groups!.cue;
    const rel = RELATION_CUES.find((c) => c.cue === cue.replace(/[ \t]+/g, ' '))?.relation;
    if (rel && rel !== 'can-cu' && CUE_BREAK.test(clause.slice(m.index + cue.length))) continue;
    if (rel && AMEND_CUE.has(rel)) {
      const before = clause.slice(0, m.index);
      const kind = KIND_BEFORE_CUE.exec(before);
      // the document's own title: heading a line, or after "ban hành" in its preamble ("Bộ trưởng … ban hành Thông tư sửa đổi …")
      const ownTitle = kind !== null && ((clauseAtLineStart && /^[ \t]*$/.test(before.slice(0, kind.index)))
        || /(?<![a-z])ban[ \t]*hanh[ \t]*$/.test(before.slice(0, kind.index)));
      // "sửa đổi, bổ sung một số …": the second cue word goes with the first
      if (m.index - skippedEnd <= 3 || (kind && !ownTitle) || NUMBER_BEFORE_CUE.test(before) || PASSIVE_BEFORE_CUE.test(before)) {
        skippedEnd = m.index + cue.length;
        continue;
      }
    }
    last = cue;
    first ??= last;
  }
  // a clause opened by "Căn cứ" cites bases, whatever words follow inside the titles ("Căn cứ Luật sửa đổi, bổ sung …")
  if (first && /^can[ \t]*cu$/.test(first) && /^[\s\d.,)(-]*can[ \t]*cu/.test(clause)) last = first;
  if (last) {
    const key = last.replace(/[ \t]+/g, ' ');
    const hit = RELATION_CUES.find((c) => c.cue === key);
    if (hit) return hit.relation;
  }
  const after = F.slice(end, end + 120);
  if (after.includes('hieu luc') || after.includes('bo') || after.includes('thay the')) {
    for (const c of AFTER_CUES) if (c.re.test(after)) return c.relation;
  }
  // a preamble line: "Căn cứ Luật A số …; Luật B …;" (clauses after the first have no cue of their own)
  if (cut >= 0 && w[cut] !== '\n') {
    const lo = Math.max(0, from + cut - 1500);
    const nl = F.slice(lo, from + cut).lastIndexOf('\n');
    const ls = nl >= 0 ? lo + nl + 1 : lo === 0 ? 0 : -1; // a line longer than that is no preamble line
    if (ls >= 0 && CAN_CU_LINE.test(F.slice(ls, ls + 24))) return 'can-cu';
  }
  return 'mention';
}
