/**
 * The conflict policy between what a document says about itself (its header) and what its source says about it
 * (crawler fields of a JSONL import, an HTML page's <title>, an admin's JSON body). Both are evidence:
 *
 *   - number, issuedAt, kind, issuer: the header wins when it parsed with confidence (the "Số:" cell, the date cell or
 *     "thông qua ngày …", the kind line or the number's type code, an issuer line the authority registry knows);
 *     otherwise the source's value is used. A source value marked as an override (`--fields number=!so_ky_hieu`)
 *     always wins.
 *   - title and the other fields: the source's value wins when given (a page heading names the document well).
 *   - dates in the future or before 1945 are rejected, whichever side gave them, with a note.
 *
 * Every disagreement that changes a field is returned as a Conflict (both values, which won, why); the value that lost
 * is kept in the document's `source.metadata`. Pure.
 */
import { fold } from '../text/fold.js';
import { normalize } from '../text/normalize.js';
import { resolveIssuer } from '../kinds/issuers.js';
import type { HeaderInfo } from './header/index.js';

export const RECONCILED_FIELDS = ['number', 'issuedAt', 'kind', 'issuer'] as const;
export type ReconciledField = (typeof RECONCILED_FIELDS)[number];

export interface Conflict {
  field: ReconciledField;
  header: string;
  source: string;
  winner: 'header' | 'source';
  reason: string;
}

export interface Reconciled {
  number?: string;
  issuedAt?: string;
  kind?: string;
  issuer?: string;
  parentIssuer?: string;
  conflicts: Conflict[];
  /** Source values that lost, by field (kept as source metadata). */
  overruled: Partial<Record<ReconciledField, string>>;
  notes: string[];
  /** The issuer as found when the authority registry does not know it (counted by the ingest report). */
  unknownIssuer?: string;
}

/** Earliest issue date accepted: the state's first documents (1945). */
export const MIN_ISSUE_DATE = '1945-01-01';

const key = (s?: string) => (s ? fold(normalize(s)).replace(/^0+(?=\d)/, '').replace(/[^a-z0-9]/g, '') : '');

/** Why a date is not acceptable as an issue date, or undefined when it is. */
export function badIssueDate(iso: string, today: string): string | undefined {
  if (iso < MIN_ISSUE_DATE) return `before ${MIN_ISSUE_DATE.slice(0, 4)}`;
  if (iso > today) return `in the future (today is ${today})`;
  return undefined;
}

export interface ReconcileInput {
  header: HeaderInfo;
  /** Values given by the source. */
  given: Partial<Record<ReconciledField, string>>;
  /** Fields whose given value overrides the header (explicit "!" in a field map, or an admin's JSON body). */
  overrides?: readonly string[];
  /** ISO date of today (tests pass a fixed one). */
  today?: string;
  /** Display form for an issuer the registry does not know (the header parser's displayName). */
  display?: (issuer: string) => string;
}

export function reconcile(input: ReconcileInput): Reconciled {
  const { header: h, given } = input;
  const today = input.today ?? new Date().toISOString().slice(0, 10);
  const overrides = new Set(input.overrides ?? []);
  const out: Reconciled = { conflicts: [], overruled: {}, notes: [] };

  // dates outside 1945..today are rejected on either side
  let parsedDate = h.issuedAt;
  let givenDate = given.issuedAt;
  if (parsedDate) {
    const bad = badIssueDate(parsedDate, today);
    if (bad) { out.notes.push(`issuedAt ${parsedDate} parsed from the ${h.dateSource ?? 'text'} rejected: ${bad}`); parsedDate = undefined; }
  }
  if (givenDate) {
    const bad = badIssueDate(givenDate, today);
    if (bad) { out.notes.push(`issuedAt ${givenDate} given by the source rejected: ${bad}`); givenDate = undefined; }
  }

  // issuers: both sides through the authority registry
  const parsedIssuer = h.issuer ? resolveIssuer(h.issuer, { parent: h.parentIssuer }) : undefined;
  const givenIssuer = given.issuer ? resolveIssuer(given.issuer) : undefined;

  const confident: Record<ReconciledField, string | undefined> = {
    number: h.number && h.numberSource === 'header' ? 'the header\'s "Số:" cell' : undefined,
    issuedAt: parsedDate && (h.dateSource === 'header' || h.dateSource === 'adopted') ? (h.dateSource === 'header' ? 'the header\'s date line' : 'the adoption sentence ("… thông qua ngày …")') : undefined,
    kind: h.kind && h.formal && (h.kindSource === 'kind-line' || (h.kindSource === 'number-code' && !!confidentNumber(h))) ? (h.kindSource === 'kind-line' ? 'the header\'s kind line' : 'the type code of the header\'s number') : undefined,
    issuer: parsedIssuer && h.formal ? 'the header\'s issuer line, a known authority' : undefined,
  };
  const parsed: Record<ReconciledField, string | undefined> = {
    number: h.number, issuedAt: parsedDate, kind: h.kind,
    issuer: parsedIssuer?.name ?? (h.issuer && input.display ? input.display(h.issuer) : h.issuer),
  };
  const givenV: Record<ReconciledField, string | undefined> = {
    number: given.number, issuedAt: givenDate, kind: given.kind,
    issuer: givenIssuer?.name ?? given.issuer,
  };
  const same = (f: ReconciledField, a: string, b: string) => (f === 'issuedAt' ? a === b : key(a) === key(b));

  for (const f of RECONCILED_FIELDS) {
    const p = parsed[f];
    const g = givenV[f];
    let value: string | undefined;
    if (g === undefined || g === '') value = p;
    else if (p === undefined || p === '') value = g;
    else if (same(f, p, g)) value = overrides.has(f) ? g : p;
    else if (overrides.has(f)) {
      value = g;
      out.conflicts.push({ field: f, header: p, source: g, winner: 'source', reason: 'the source value is marked as an override' });
    } else if (confident[f]) {
      value = p;
      out.overruled[f] = given[f];
      out.conflicts.push({ field: f, header: p, source: g, winner: 'header', reason: `read from ${confident[f]}` });
    } else {
      value = g;
      out.conflicts.push({ field: f, header: p, source: g, winner: 'source', reason: `the header value is not certain (${sourceOf(h, f)})` });
    }
    out[f] = value;
  }
  // the parent and the unknown-issuer count follow the issuer that won
  const won = out.issuer === parsedIssuer?.name ? parsedIssuer : out.issuer === givenIssuer?.name ? givenIssuer : undefined;
  if (won) out.parentIssuer = won.parent ?? (out.issuer === parsed.issuer ? h.parentIssuer && (resolveIssuer(h.parentIssuer)?.name ?? h.parentIssuer) : undefined);
  else {
    if (out.issuer) out.unknownIssuer = out.issuer;
    if (out.issuer === parsed.issuer && h.parentIssuer) out.parentIssuer = resolveIssuer(h.parentIssuer)?.name ?? h.parentIssuer;
  }
  return out;
}

function confidentNumber(h: HeaderInfo): boolean {
  return !!h.number && h.numberSource === 'header';
}

function sourceOf(h: HeaderInfo, f: ReconciledField): string {
  switch (f) {
    case 'number': return `number from ${h.numberSource ?? 'nowhere'}`;
    case 'issuedAt': return `date from ${h.dateSource ?? 'nowhere'}`;
    case 'kind': return `kind from ${h.kindSource ?? 'nowhere'}${h.formal ? '' : ', no administrative header'}`;
    case 'issuer': return h.formal ? 'issuer line not in the authority list' : 'no administrative header';
  }
}

/** One line for the ingest report: "number: header 123/2025/QH15 / source 43/2019/QH14 → header (read from …)". */
export function formatConflict(c: Conflict): string {
  return `${c.field}: header ${JSON.stringify(c.header)} / source ${JSON.stringify(c.source)} → ${c.winner} (${c.reason})`;
}
