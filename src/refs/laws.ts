/**
 * Laws, codes, ordinances and National Assembly resolutions cited by name, with their versions in time, and
 * the point-in-time rule that picks the version a citation means. The rows are data (laws.data.ts, generated
 * by scripts/build-laws.ts with the source of every fact); this module groups them by name and resolves.
 *
 *   pickVersion(entry "Luật Tổ chức Chính phủ", {date: '2015-06-19'})  → 76/2015/QH13 (the date the citation gives)
 *   pickVersion(entry "Luật Doanh nghiệp", {at: '2016-03-01'})        → 68/2014/QH13 (in force on the citing document's date)
 *   pickVersion(entry "Luật Doanh nghiệp", {})                        → 59/2020/QH14 with candidates (unsure: HTTP 300)
 */
import { LAW_ROWS } from './laws.data.js';

export type LawKind = 'luật' | 'bộ luật' | 'pháp lệnh' | 'nghị quyết' | 'hiến pháp';
/** One row of the table: one version of a law (see scripts/build-laws.ts for the sources). */
export interface LawRow {
  k: LawKind; name: string; number: string; variants?: string[]; adopted?: string; effective?: string;
  replaces?: string; amends?: boolean; source: string;
}
/** A version as the resolver sees it: `year` is the adoption year (from the date, else from the number). */
export interface LawVersion {
  number: string; year: number; adopted?: string; effective?: string; replaces?: string; amends?: boolean; source?: string;
}
/**
 * A law by name. `prefix` is the word the name follows ("Luật", "Bộ luật", "Pháp lệnh", "Hiến pháp");
 * `names` are written forms (first = standard); `versions` newest first (by adoption).
 */
export interface LawEntry { prefix: 'luật' | 'bộ luật' | 'hiến pháp' | 'pháp lệnh'; names: string[]; versions: LawVersion[] }

const yearOfRow = (r: LawRow): number => Number(r.adopted?.slice(0, 4) ?? /(\d{4})/.exec(r.number)?.[1]);
const groupKey = (r: LawRow) => `${r.k === 'bộ luật' ? 'luật' : r.k}|${r.name.toLowerCase().normalize('NFC').replace(/[\s,]+/g, ' ').replace(/thuỷ/g, 'thủy').trim()}`;

/** Every law cited by name, one entry per name (amending laws named "Sửa đổi, bổ sung …" are left out: they are cited by number). */
export const LAWS: LawEntry[] = (() => {
  const groups = new Map<string, LawRow[]>();
  for (const r of LAW_ROWS) {
    if (r.k === 'nghị quyết') continue;
    if (r.k !== 'hiến pháp' && (!r.name || /^(?:sửa đổi|bổ sung|về\b)/i.test(r.name))) continue;
    const k = groupKey(r);
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  const out: LawEntry[] = [];
  for (const rows of groups.values()) {
    const kinds = new Set(rows.map((r) => r.k));
    const prefix = kinds.has('hiến pháp') ? 'hiến pháp' : kinds.has('bộ luật') ? 'bộ luật' : kinds.has('pháp lệnh') ? 'pháp lệnh' : 'luật';
    const names = [rows[rows.length - 1].name];
    for (const r of rows) for (const n of [r.name, ...(r.variants ?? [])]) if (!names.includes(n)) names.push(n);
    const versions = rows.map((r): LawVersion => ({
      number: r.number, year: yearOfRow(r), adopted: r.adopted, effective: r.effective, replaces: r.replaces, amends: r.amends, source: r.source,
    })).sort((a, b) => (b.adopted ?? `${b.year}`).localeCompare(a.adopted ?? `${a.year}`));
    out.push({ prefix, names: prefix === 'hiến pháp' ? [''] : names, versions });
  }
  return out;
})();

export interface PickOptions {
  /** the date the citation itself gives ("Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015"), ISO */
  date?: string;
  /** the year the citation itself gives ("năm 2014", "(2019)", "Luật Giáo dục 2019") */
  year?: number;
  /** the citing document's date, ISO: the version in force then */
  at?: string;
}
export interface LawPick {
  /** the version meant, or undefined when the citation names a year the table lacks */
  version?: LawVersion;
  /** set when unsure (no date anywhere and several versions): every full version, newest first */
  candidates?: LawVersion[];
  basis: 'date' | 'year' | 'in-force' | 'only' | 'newest' | 'unknown-year';
}

/** When a version took effect, as far as the table knows (effective, else adoption, else the end of its year). */
const startOf = (v: LawVersion) => v.effective ?? v.adopted ?? `${v.year}-12-31`;

/** The version of `entry` a citation means (see the module comment for the order of the rules). */
export function pickVersion(entry: LawEntry, o: PickOptions = {}): LawPick {
  const full = entry.versions.filter((v) => !v.amends);
  if (o.date) {
    const exact = entry.versions.find((v) => v.adopted === o.date);
    if (exact) return { version: exact, basis: 'date' };
  }
  const year = o.year ?? (o.date ? Number(o.date.slice(0, 4)) : undefined);
  if (year) {
    const same = entry.versions.filter((v) => v.year === year);
    const v = same.find((x) => !x.amends) ?? same[0];
    return v ? { version: v, basis: o.date ? 'date' : 'year' } : { basis: 'unknown-year' };
  }
  if (full.length <= 1) return { version: full[0] ?? entry.versions[0], basis: 'only' };
  if (o.at && /^\d{4}-\d\d-\d\d/.test(o.at)) {
    const inForce = full.filter((v) => startOf(v) <= o.at!).sort((a, b) => startOf(b).localeCompare(startOf(a)));
    if (inForce.length) return { version: inForce[0], basis: 'in-force' };
  }
  return { version: full[0], candidates: full, basis: 'newest' };
}

/** A date as "YYYY-MM-DD" from ISO ("2016-05-01", "2016-05-01T…") or Vietnamese "dd/mm/yyyy" / "d-m-yyyy"; undefined when it is neither or not a real date. */
export function isoDate(s: string | undefined | null): string | undefined {
  if (!s) return undefined;
  const t = String(s).trim();
  let y: number, m: number, d: number;
  let g = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:$|T|\s)/.exec(t);
  if (g) { y = +g[1]; m = +g[2]; d = +g[3]; } else {
    g = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
    if (!g) return undefined;
    d = +g[1]; m = +g[2]; y = +g[3];
  }
  if (!(m >= 1 && m <= 12 && d >= 1 && d <= 31 && y >= 1900 && y <= 2100)) return undefined;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
