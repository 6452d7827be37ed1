/**
 * Helpers over the reference tables for query understanding: partial references typed into a search
 * box ("nd 71/2020", "tt 26 2020 bgd", "cv 3414 gdtrh", "nghị định 71 năm 2020") and laws by name.
 * Pure; uses the same tables as the tagger.
 */
import { KINDS, kindCodeKey, storedKind } from '../kinds/kinds.js';
import { clean } from './clean.js';
import { findSpans } from './find.js';
import { canonicalId, resolveSpans } from './resolve.js';
import { fold } from '../text/fold.js';
import { LAW_BY_NAME_KEY, lawNameKey } from './patterns.js';
import { codeKey, displayCode, ISSUER_CODES, KIND_WORDS, TYPE_CODES } from './tables.js';
import { LAWS, type LawEntry } from './laws.js';

export interface PartialReference {
  kind?: string;
  number?: string;
  year?: number;
  typeCode?: string;
  issuerCodes?: string[];
  /** set when the query names one document completely */
  canonical?: string;
  /** a prefix every matching canonical id starts with ("71-2020-nd-" for "nd 71/2020") */
  canonicalPrefix?: string;
}

/** The model's kind for a reference kind ('khác' when the model has no such kind; see kinds/kinds.ts). */
export function documentKind(kind: string | undefined): string {
  return storedKind(kind);
}

/** Query abbreviations of kinds (folded: "nd", "tt", "pl") → kind and the type code they imply (kinds/kinds.ts). */
const KIND_ABBREV: Record<string, { kind: string; type?: string }> = Object.fromEntries(KINDS.flatMap((k) =>
  [...(k.abbrev ?? []), ...(k.refAbbrev ?? [])].map((a) => [a, { kind: k.kind, type: k.abbrevImpliesCode && k.codes?.length ? kindCodeKey(k.codes[0]) : undefined }])));
/** Kinds whose kind word alone implies the type code ("nghị định 71/2020" → NĐ; a "nghị quyết" may be NQ-CP, NQ-HĐND or …/QH14). */
const KIND_IMPLIES_CODE = new Set(KINDS.filter((k) => k.wordImpliesCode).map((k) => k.kind));
/** Kind words, longest first, each with its pattern on the folded query ("nghi dinh", "nghidinh"). */
const KIND_WORD_LIST = [...KIND_WORDS].sort((a, b) => b.words.length - a.words.length)
  .map((k) => ({ kind: k.kind, re: new RegExp(`(?<![a-z])${k.words.replace(/ /g, '[ ]*')}(?![a-z])`) }));

/**
 * Understand a partial reference typed as a query. Returns null when the query does not look like a reference.
 * "nd 71/2020" → {kind:'nghị định', number:'71', year:2020, typeCode:'NĐ', canonicalPrefix:'71-2020-nd-'}
 * "71/2020/NĐ-CP" → {…, canonical:'71-2020-nd-cp'}; "cv 3414 gdtrh" → {kind:'công văn', number:'3414', issuerCodes:['GDTrH'], canonicalPrefix:'3414-'}
 */
export function parsePartialReference(query: string): PartialReference | null {
  if (typeof query !== 'string' || !query.trim() || query.length > 300) return null;
  // a complete reference, possibly after a kind abbreviation glued to it ("tt26/2020/TT-BGDĐT")
  const stripped = query.replace(/^\s*(?:nd|tt|ttlt|qd|ct|nq|cv|tb|kh|hd|vbhn|pl)\s*\.?\s*(?=\d)/i, '');
  let cleaned = clean(query);
  // short forms ("nghị định 71 năm 2020") are understood token by token below, not completed by rule
  const spansOf = (t: string) => findSpans(t).filter((sp) => sp.shape !== 'short');
  let full = resolveSpans(cleaned, spansOf(cleaned.text), { headerZone: 0 });
  if (full.length !== 1 && stripped !== query) {
    const c2 = clean(stripped);
    const f2 = resolveSpans(c2, spansOf(c2.text), { headerZone: 0 });
    if (f2.length === 1 && f2[0].end - f2[0].start >= stripped.trim().length - 2) { cleaned = c2; full = f2; }
  }
  if (full.length === 1) {
    const r = full[0];
    return {
      kind: r.kind, number: r.number, year: r.year, typeCode: r.typeCode, issuerCodes: r.issuerCodes,
      canonical: r.canonical, canonicalPrefix: r.canonical,
    };
  }
  let q = ` ${fold(cleaned.text).replace(/[^a-z0-9&/\-. ]+/g, ' ')} `;
  const out: PartialReference = {};
  // kind words ("nghi dinh", "thong tu") first, then abbreviations
  for (const k of KIND_WORD_LIST) {
    if (k.re.test(q)) { out.kind = k.kind; q = q.replace(k.re, ' '); break; }
  }
  const tokens = q.split(/[\s/\-.]+|(?<=\d)(?=[a-z])|(?<=[a-z])(?=\d)/).filter(Boolean);
  const numbers: string[] = [];
  const codes: string[] = [];
  let yearNext = false;
  for (const t of tokens) {
    if (t === 'so' || t === 'no' || t === 'ngay') continue;
    if (t === 'nam') { yearNext = true; continue; }
    if (/^\d+$/.test(t)) {
      const n = Number(t);
      if ((yearNext || numbers.length > 0) && t.length === 4 && n >= 1945 && n <= 2099 && out.year === undefined) out.year = n;
      else if (t.length <= 5 && numbers.length === 0) numbers.push(t);
      else return null;
      yearNext = false;
      continue;
    }
    if (/^[a-z&]+\d{0,2}$/.test(t)) { codes.push(t); continue; }
    return null;
  }
  for (const c of codes) {
    const key = codeKey(c);
    if (!out.typeCode && !out.kind && KIND_ABBREV[key]) {
      out.kind = KIND_ABBREV[key].kind;
      if (KIND_ABBREV[key].type) out.typeCode = displayCode(KIND_ABBREV[key].type!, 'type');
      continue;
    }
    if (!out.typeCode && key in TYPE_CODES && !ISSUER_CODES.has(key)) { out.typeCode = TYPE_CODES[key].display; continue; }
    (out.issuerCodes ??= []).push(ISSUER_CODES.get(key) ?? (/^(ubtv)?qh\d+$/.test(key) ? key.toUpperCase() : c.toUpperCase()));
  }
  // a kind word implies its type code only where the code is certain (a "nghị quyết" may be NQ-CP, NQ-HĐND or …/QH14)
  if (!out.typeCode && out.kind && KIND_IMPLIES_CODE.has(out.kind)) {
    const t = Object.entries(TYPE_CODES).find(([, e]) => e.kind === out.kind);
    if (t) out.typeCode = t[1].display;
  }
  if (!numbers.length) {
    if (!out.kind && !out.typeCode) return null;
    if (!out.year && !out.issuerCodes) return null;
  } else {
    if (!out.kind && !out.typeCode && !out.issuerCodes && !out.year) return null; // a bare number is not a reference
    out.number = numbers[0];
  }
  // canonical prefix
  const parts: string[] = [];
  if (out.number) {
    parts.push(out.number);
    if (out.year && out.kind !== 'công văn') {
      parts.push(String(out.year));
      if (out.typeCode) {
        parts.push(codeKey(out.typeCode));
        if (out.issuerCodes?.length) parts.push(codeKey(out.issuerCodes[0]));
      }
    } else if (!out.year && out.typeCode && (out.issuerCodes?.length)) {
      parts.push(codeKey(out.typeCode), codeKey(out.issuerCodes[0]));
    }
    // complete tokens (number, year, type code) end with "-"; a typed issuer may be a prefix of the real one ("bgd" → "bgddt")
    const endsWithIssuer = parts.length >= 3 && !!out.issuerCodes?.length && parts[parts.length - 1] === codeKey(out.issuerCodes[0]);
    out.canonicalPrefix = endsWithIssuer ? parts.join('-') : `${parts.join('-')}-`;
  }
  if (out.number && out.year && out.typeCode && out.issuerCodes?.length && out.issuerCodes.every((c) => ISSUER_CODES.has(codeKey(c)))) {
    const isAdmin = !['NĐ', 'TT', 'TTLT'].includes(out.typeCode);
    if (!isAdmin) out.canonical = canonicalId(`${out.number}/${out.year}/${out.typeCode}-${out.issuerCodes.join('-')}`);
  }
  return out;
}

export interface LawLookup { name: string; kind: string; number?: string; year: number; canonical: string; versions: LawEntry['versions'] }

/**
 * A law by its name ("Luật Giáo dục", "Giáo dục", "Bộ luật Lao động", "Hiến pháp") and optional year:
 * without a year the current version, with a year the version passed that year (null if unknown).
 */
export function lawByName(name: string, year?: number): LawLookup | null {
  const f = lawNameKey(name.normalize('NFC'));
  // the year may follow the prefix directly ("hien phap 1992": no name between them)
  const m = /^(?:(bo luat|luat|hien phap)(?:\s+|$))?(.*?)(?:\s*\b(?:nam\s+)?((?:19|20)\d\d))?$/.exec(f);
  if (!m) return null;
  const [, prefix, rest, y] = m;
  const wantYear = year ?? (y ? Number(y) : undefined);
  const entry = prefix === 'hien phap' || (!rest && prefix === undefined && f === 'hien phap')
    ? LAWS.find((l) => l.prefix === 'hiến pháp')
    : LAW_BY_NAME_KEY.get(rest);
  if (!entry) return null;
  const v = wantYear ? entry.versions.find((x) => x.year === wantYear) : entry.versions[0];
  if (!v) return null;
  const isNumber = /^\d/.test(v.number);
  return {
    name: entry.prefix === 'hiến pháp' ? 'Hiến pháp' : `${entry.prefix === 'bộ luật' ? 'Bộ luật' : 'Luật'} ${entry.names[0]}`,
    kind: entry.prefix,
    number: isNumber ? v.number : undefined,
    year: v.year,
    canonical: isNumber ? canonicalId(v.number) : fold(v.number).replace(/[^a-z0-9]+/g, '-'),
    versions: entry.versions,
  };
}
