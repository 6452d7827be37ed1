/**
 * JSONL import: one document per line, `{id?, title?, text|html, number?, kind?, issuer?, issuedAt?,
 * url?, status?, lang?}`. A crawler's own field names are mapped with a FieldMap
 * (`number=so_ky_hieu_guess,issuedAt=ngay_ban_hanh_guess`), records can be filtered with a Where
 * (`lang=vi`). The file is streamed (readLines over gunzip for .gz); every line yields one item:
 * a record, a skipped record (no text), a filtered record, or an error (malformed JSON, line longer
 * than maxLineBytes) with its line number.
 */
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { isoDate } from '../../src/docs/header/index.js';
import { AppError } from '../../src/errors.js';
import { errorMessage } from '../extract/util.js';
import { formatBytes, limitError, resolveLimits } from '../limits.js';

/** Fields of an import record (the names used on the left of a field map). */
export const RECORD_FIELDS = ['id', 'title', 'text', 'html', 'number', 'kind', 'issuer', 'issuedAt', 'url', 'status', 'lang'] as const;
export type RecordField = (typeof RECORD_FIELDS)[number];

/**
 * Import field → the source's field name. Unmapped fields are read under their own name. A name written with a
 * leading "!" ("number=!so_ky_hieu") makes the source's value override what the document's header says.
 */
export type FieldMap = Partial<Record<RecordField, string>>;

/** The fields whose source value overrides the header: those mapped with "!" ("number=!so_ky_hieu"). */
export function overridesOf(map: FieldMap): RecordField[] {
  return (Object.entries(map) as Array<[RecordField, string]>).filter(([, v]) => v.startsWith('!')).map(([k]) => k);
}

export interface WhereClause { field: string; op: '=' | '!='; value: string }
/** All clauses must hold (AND). */
export type Where = WhereClause[];

export interface ImportRecord {
  id?: string; title?: string; text?: string; html?: string; number?: string; kind?: string;
  issuer?: string; issuedAt?: string; url?: string; status?: string; lang?: string;
  /** Fields whose value overrides the document's header (mapped with "!"). */
  overrides?: RecordField[];
}

export type JsonlItem =
  | { type: 'record'; line: number; record: ImportRecord; notes: string[] }
  | { type: 'skipped'; line: number; id?: string; reason: string }
  | { type: 'filtered'; line: number }
  | { type: 'error'; line: number; code: 'invalid_record' | 'limit_exceeded'; reason: string };

/** Other spellings accepted for a field when the map does not name it. */
const ALIASES: Partial<Record<RecordField, string[]>> = {
  lang: ['language'],
  issuedAt: ['issued_at', 'date'],
  number: ['so_ky_hieu'],
  text: ['content', 'body'],
};

/**
 * Parse a field map spec: comma-separated `field=sourceField` pairs; `field=!sourceField` makes the source's value
 * override the document's own header for that field.
 * parseFieldMap("number=so_ky_hieu_guess,issuedAt=!ngay_ban_hanh_guess")
 *   → { number: 'so_ky_hieu_guess', issuedAt: '!ngay_ban_hanh_guess' }
 * Throws AppError 'bad_request' naming the bad pair.
 */
export function parseFieldMap(spec: string): FieldMap {
  const map: FieldMap = {};
  for (const part of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = part.match(/^([A-Za-z_][\w]*)\s*=\s*(!?\s*[^=\s!][^=]*)$/);
    if (!m) throw new AppError('bad_request', `--fields: "${part}" is not of the form field=sourceField`, { details: { spec } });
    const target = m[1] as RecordField;
    if (!(RECORD_FIELDS as readonly string[]).includes(target)) {
      throw new AppError('bad_request', `--fields: unknown field "${m[1]}" (known: ${RECORD_FIELDS.join(', ')})`, { details: { spec } });
    }
    if (map[target]) throw new AppError('bad_request', `--fields: "${target}" is mapped twice`, { details: { spec } });
    map[target] = m[2].replace(/^!\s*/, '!').trim();
  }
  return map;
}

/**
 * Parse a filter: comma-separated `field=value` or `field!=value` clauses, all required.
 * parseWhere("lang=vi") → [{ field: 'lang', op: '=', value: 'vi' }]
 * Fields are import fields (after the field map) or the source's own names (`has_text=true`).
 */
export function parseWhere(spec: string): Where {
  const out: Where = [];
  for (const part of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = part.match(/^([A-Za-z_][\w.]*)\s*(!=|=)\s*(.*)$/);
    if (!m) throw new AppError('bad_request', `--where: "${part}" is not of the form field=value or field!=value`, { details: { spec } });
    out.push({ field: m[1], op: m[2] as '=' | '!=', value: m[3].trim() });
  }
  return out;
}

/** Years accepted in source metadata (wider than the header parser's: a record may describe an old text). */
const META_YEARS = [1800, 2200] as const;
const VI_DATE = /ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/iu;

/**
 * A date as ISO `YYYY-MM-DD`, or undefined when it is not a real date.
 * "15/02/2026", "15-02-2026", "15.2.2026", "2026-02-15", "2026-02-15T08:48:02Z", "ngày 15 tháng 02 năm 2026".
 */
export function toIsoDate(s: string | undefined | null): string | undefined {
  if (!s) return undefined;
  const t = s.normalize('NFC').trim();
  const ymd = t.match(/^(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s])/);
  if (ymd) return isoDate(ymd[3], ymd[2], ymd[1], META_YEARS);
  const dmy = t.match(/^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/) ?? t.match(VI_DATE);
  return dmy ? isoDate(dmy[1], dmy[2], dmy[3], META_YEARS) : undefined;
}

/** Metadata strings from crawlers: decorative rules ("BỘ GIÁO DỤC VÀ ĐÀO TẠO ______") and runs of spaces removed; "--" / "" → undefined. */
export function cleanMeta(v: unknown): string | undefined {
  if (v == null) return undefined;
  if (typeof v !== 'string' && typeof v !== 'number') return undefined;
  const s = String(v).normalize('NFC').replace(/[_=\-–—.…*]{3,}/g, ' ').replace(/\s+/g, ' ').trim();
  if (!s || /^[-–—?]+$/.test(s) || /^(null|none|n\/a)$/i.test(s)) return undefined;
  return s;
}

function pick(raw: Record<string, unknown>, field: RecordField, map: FieldMap): unknown {
  const name = map[field]?.replace(/^!\s*/, '');
  if (name) return raw[name];
  if (raw[field] !== undefined) return raw[field];
  for (const alt of ALIASES[field] ?? []) if (raw[alt] !== undefined) return raw[alt];
  return undefined;
}

/** Map one parsed JSON object to an ImportRecord; throws AppError 'invalid_record'. */
export function mapRecord(raw: Record<string, unknown>, map: FieldMap = {}): { record: ImportRecord; notes: string[] } {
  const notes: string[] = [];
  const text = pick(raw, 'text', map);
  const html = pick(raw, 'html', map);
  if (text != null && typeof text !== 'string') throw new AppError('invalid_record', `"${map.text ?? 'text'}" is a ${typeof text}, not a string`);
  if (html != null && typeof html !== 'string') throw new AppError('invalid_record', `"${map.html ?? 'html'}" is a ${typeof html}, not a string`);
  const id = pick(raw, 'id', map);
  if (id != null && typeof id !== 'string' && typeof id !== 'number') throw new AppError('invalid_record', `"${map.id ?? 'id'}" must be a string or number`);
  const record: ImportRecord = {
    id: id == null || id === '' ? undefined : String(id),
    text: (text as string | undefined) || undefined,
    html: (html as string | undefined) || undefined,
    title: cleanMeta(pick(raw, 'title', map)),
    number: cleanMeta(pick(raw, 'number', map)),
    kind: cleanMeta(pick(raw, 'kind', map))?.toLocaleLowerCase('vi'),
    issuer: cleanMeta(pick(raw, 'issuer', map)),
    url: cleanMeta(pick(raw, 'url', map)),
    status: cleanMeta(pick(raw, 'status', map)),
    lang: cleanMeta(pick(raw, 'lang', map))?.toLowerCase(),
  };
  const overrides = overridesOf(map);
  if (overrides.length) record.overrides = overrides;
  const date = cleanMeta(pick(raw, 'issuedAt', map));
  if (date) {
    record.issuedAt = toIsoDate(date);
    if (!record.issuedAt) notes.push(`issuedAt "${date}" is not a date; dropped`);
  }
  return { record, notes };
}

export function matchesWhere(raw: Record<string, unknown>, record: ImportRecord, where: Where): boolean {
  for (const c of where) {
    const v = (record as Record<string, unknown>)[c.field] ?? raw[c.field];
    const s = v == null ? '' : String(v);
    if ((s === c.value) !== (c.op === '=')) return false;
  }
  return true;
}

/** Why a record with no text has none ("has_text: false" from vbpl). */
function noTextReason(raw: Record<string, unknown>): string {
  if (raw.has_text === false) return 'no text (has_text: false)';
  return 'no text or html';
}

export type LineItem =
  | { line: number; text: string }
  /** A line longer than the bound: only its length is known (it was never held whole). */
  | { line: number; tooLong: number };

/**
 * Split a byte stream on "\n" (a trailing "\r" is dropped), decoding each line as UTF-8. A line that
 * grows past `maxBytes` is not kept: its bytes are counted and dropped until its end, and it comes out
 * as `{tooLong}`; so memory stays within maxBytes plus one chunk whatever the input. Lines are
 * numbered from 1, empty lines included.
 */
export async function* readLines(chunks: AsyncIterable<Buffer | string>, maxBytes: number): AsyncGenerator<LineItem> {
  let parts: Buffer[] = [];
  let size = 0;
  let over = 0;
  let line = 1;
  const take = (piece: Buffer) => {
    if (over) { over += piece.length; return; }
    if (size + piece.length > maxBytes) { over = size + piece.length; parts = []; size = 0; return; }
    if (piece.length) { parts.push(piece); size += piece.length; }
  };
  const emit = (): LineItem => {
    let item: LineItem;
    if (over) item = { line, tooLong: over };
    else {
      const buf = parts.length === 1 ? parts[0] : Buffer.concat(parts, size);
      const end = buf.length && buf[buf.length - 1] === 0x0d ? buf.length - 1 : buf.length;
      item = { line, text: buf.toString('utf8', 0, end) };
    }
    parts = []; size = 0; over = 0; line++;
    return item;
  };
  for await (const c of chunks) {
    const chunk = typeof c === 'string' ? Buffer.from(c) : c;
    let start = 0;
    for (let nl = chunk.indexOf(0x0a, start); nl !== -1; nl = chunk.indexOf(0x0a, start)) {
      take(chunk.subarray(start, nl));
      yield emit();
      start = nl + 1;
    }
    if (start < chunk.length) take(chunk.subarray(start));
  }
  if (size || over) yield emit();
}

export interface ReadJsonlOptions {
  fields?: FieldMap;
  where?: Where;
  /** Longest line read (bytes); default the ingest default (src/config.ts). Longer lines are 'limit_exceeded' items. */
  maxLineBytes?: number;
}

/** Stream a .jsonl or .jsonl.gz file, one item per non-empty line. Read errors (bad gzip) are thrown. */
export async function* readJsonl(file: string, opts: ReadJsonlOptions = {}): AsyncGenerator<JsonlItem> {
  const limits = resolveLimits({ maxLineBytes: opts.maxLineBytes });
  const input = createReadStream(file);
  const stream = /\.gz$/i.test(file) ? input.pipe(createGunzip()) : input;
  if (stream !== input) input.on('error', (e) => stream.destroy(e));
  try {
    for await (const item of readLines(stream, limits.maxLineBytes)) {
      const line = item.line;
      if ('tooLong' in item) {
        yield { type: 'error', line, code: 'limit_exceeded', reason: `${limitError('maxLineBytes', `the line is ${formatBytes(item.tooLong)}`, limits).message}; skipped` };
        continue;
      }
      const raw = item.text;
      const s = line === 1 ? raw.replace(/^\uFEFF/, '').trim() : raw.trim();
      if (!s) continue;
      let obj: unknown;
      try {
        obj = JSON.parse(s);
      } catch (e) {
        yield { type: 'error', line, code: 'invalid_record', reason: `malformed JSON: ${errorMessage(e)}` };
        continue;
      }
      if (!obj || typeof obj !== 'object' || Array.isArray(obj)) {
        yield { type: 'error', line, code: 'invalid_record', reason: `not a JSON object (${Array.isArray(obj) ? 'array' : typeof obj})` };
        continue;
      }
      const rawObj = obj as Record<string, unknown>;
      let mapped: { record: ImportRecord; notes: string[] };
      try {
        mapped = mapRecord(rawObj, opts.fields);
      } catch (e) {
        yield { type: 'error', line, code: 'invalid_record', reason: errorMessage(e) };
        continue;
      }
      if (opts.where?.length && !matchesWhere(rawObj, mapped.record, opts.where)) { yield { type: 'filtered', line }; continue; }
      const hasText = /[\p{L}\p{N}]/u.test(mapped.record.text ?? '') || /[\p{L}\p{N}]/u.test(mapped.record.html ?? '');
      if (!hasText) { yield { type: 'skipped', line, id: mapped.record.id, reason: noTextReason(rawObj) }; continue; }
      yield { type: 'record', line, record: mapped.record, notes: mapped.notes };
    }
  } finally {
    stream.destroy();
    input.destroy();
  }
}
