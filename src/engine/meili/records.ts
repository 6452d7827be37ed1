/**
 * Pure helpers of the Meilisearch adapter: record shapes (what is stored in each index), primary
 * keys, filter expressions, the query string sent to Meilisearch, snippets and the accent score.
 * No I/O here, so all of it is unit-testable without a server.
 */
import { toneNormalize } from '../../text/tone.js';
import { charInfo, VOWEL_BASES, withTone } from '../../text/syllable.js';
import { createHash } from 'node:crypto';
import type { DocumentRecord, PassageRecord, Reference } from '../../docs/model.js';
import { fold } from '../../text/fold.js';
import { normalize } from '../../text/normalize.js';
import type { ParsedQuery, QueryClause } from '../../query/query.js';
import { ABBREVIATIONS } from '../../query/abbreviations.js';
import { contextAround } from '../html.js';
import { highlightSpans, makeSnippet, SNIPPET_CHARS } from '../../query/highlight.js';
import type { DocumentSummary, SearchFilters } from '../types.js';
import { summaryOf, yearOf } from '../common.js';
import { FACETS, facetFilter, facetValues, type FacetEntry, type FacetKey } from '../../kinds/facets.js';

/**
 * Meilisearch document ids allow only [A-Za-z0-9_-] (≤ 511 bytes). Our ids may contain ':' and '.'
 * (passage ids are "docId:p3"), so ids outside [A-Za-z0-9-] are replaced by a hash; the real id is
 * always stored in its own field. "h_" cannot collide with a natural id, which never holds "_".
 */
export function pkOf(id: string): string {
  return /^[A-Za-z0-9-]{1,400}$/.test(id) ? id : `h_${createHash('sha1').update(id).digest('hex')}`;
}

let revCounter = 0;
/**
 * A write revision: milliseconds × 1000 + a counter, so revisions increase within a process and,
 * across replicas, follow the clock. Older revisions are deleted with `rev < R`, so a slower
 * concurrent write of the same document never deletes the records of a newer one.
 */
export function nextRevision(now = Date.now()): number {
  revCounter = (revCounter + 1) % 1000;
  return now * 1000 + revCounter;
}

/** "2020-09-04" → 20200904; "2020" → 20200000 (Meilisearch compares numbers, not strings). */
export function dayNumber(iso?: string): number | undefined {
  if (!iso) return undefined;
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(iso);
  if (!m) return undefined;
  return Number(m[1]) * 10000 + Number(m[2] ?? 0) * 100 + Number(m[3] ?? 0);
}

/** Segment prefixes of a canonical id: "3414-bgddt-gdtrh-2020" → 3414, 3414-bgddt, …, itself. */
export function refIdPrefixes(refId?: string): string[] {
  if (!refId) return [];
  const parts = refId.split('-');
  return parts.map((_, i) => parts.slice(0, i + 1).join('-'));
}

export interface PassageDoc {
  pk: string; id: string; docId: string; ordinal: number; anchor: string; headingPath: string; text: string;
  /** Other anchors that land on this passage (PassageRecord.aliases). */
  aliases?: string[];
  refsJson: string; refIds: string[]; rev: number;
  titleF: string; headingF: string; numberF: string; textF: string;
  /** Abbreviation keys (abbreviationKeys) of the abbreviations written in this passage, in any of their forms. */
  aliasF: string;
  // denormalised document metadata
  kind: string; title: string; number?: string; refId?: string; issuer?: string; issuedAt?: string;
  year?: number; issuedDay?: number; url?: string;
}

export interface DocumentDoc {
  pk: string; id: string; json: string; kind: string; titleF: string; refId?: string; refIdPrefixes: string[];
  issuedDay?: number; rev: number;
}

export interface RefDoc {
  pk: string; canonical: string; canonicalPrefixes: string[]; docId: string; passageId: string; anchor: string; headingPath: string;
  ordinal: number; start: number; context: string; refJson: string; rev: number;
  kind: string; title: string; number?: string; refId?: string; issuer?: string; issuedAt?: string; issuedDay?: number; url?: string;
}

export interface SourceDoc { pk: string; path: string; sha256: string; docIds: string[] }

/**
 * A searchable copy of a field: fold() (src/text/fold), with the non-breaking hyphen U+2011 written "-".
 * Meilisearch's default separators split words on every other dash and on "…" (checked on the 1.21 server:
 * "–", "—", "‐", "…" separate, "‑" does not); a custom `separatorTokens` list, which did this before, made its
 * word and proximity extraction 2–3× slower (settings.ts). Same length as the input.
 */
export function searchCopy(s: string): string {
  const f = fold(s);
  return f.includes('\u2011') ? f.replaceAll('\u2011', '-') : f;
}

function docMeta(d: DocumentRecord) {
  return {
    kind: d.kind, title: normalize(d.title), number: d.number, refId: d.refId, issuer: d.issuer, issuedAt: d.issuedAt,
    issuedDay: dayNumber(d.issuedAt), url: d.source?.url,
  };
}

export function toDocumentDoc(d: DocumentRecord, rev: number): DocumentDoc {
  return {
    pk: pkOf(d.id), id: d.id, json: JSON.stringify(d), kind: d.kind, titleF: searchCopy(normalize(d.title)),
    refId: d.refId, refIdPrefixes: refIdPrefixes(d.refId), issuedDay: dayNumber(d.issuedAt), rev,
  };
}

export function toPassageDoc(d: DocumentRecord, p: PassageRecord, rev: number): PassageDoc {
  const meta = docMeta(d);
  const text = normalize(p.text);
  const heading = p.headingPath ?? '';
  const refs = p.refs ?? [];
  const titleF = searchCopy(meta.title);
  const headingF = searchCopy(heading);
  const numberF = d.number ? searchCopy(normalize(d.number)) : '';
  const textF = searchCopy(text);
  return {
    pk: pkOf(p.id), id: p.id, docId: d.id, ordinal: p.ordinal, anchor: p.anchor, headingPath: heading, text,
    ...(p.aliases?.length ? { aliases: p.aliases } : {}),
    refsJson: JSON.stringify(refs), refIds: [...new Set(refs.filter((r) => !r.self).map((r) => r.canonical))], rev,
    titleF, headingF, numberF, textF, aliasF: abbreviationKeys([titleF, headingF, numberF, textF]).join(' '),
    ...meta, year: yearOf(d.issuedAt),
    // every facet of the registry, under its key (filterable: settings.ts)
    ...facetValues(d),
  };
}

export function toRefDocs(d: DocumentRecord, p: PassageRecord, rev: number): RefDoc[] {
  const meta = docMeta(d);
  const text = normalize(p.text);
  const out: RefDoc[] = [];
  (p.refs ?? []).forEach((r, i) => {
    if (r.self) return;
    out.push({
      pk: pkOf(`${p.id}#${i}`), canonical: r.canonical, canonicalPrefixes: refIdPrefixes(r.canonical), docId: d.id, passageId: p.id, anchor: p.anchor,
      headingPath: p.headingPath ?? '', ordinal: p.ordinal, start: r.start, context: contextAround(text, r.start, r.end),
      refJson: JSON.stringify(r), rev, ...meta,
    });
  });
  return out;
}

export function summaryOfDocument(d: DocumentRecord): DocumentSummary {
  return summaryOf({ ...docMeta(d), id: d.id, status: d.derivedStatus?.status });
}


// ---------------------------------------------------------------------------------------------
// Filters

/** A Meilisearch filter string literal: double quotes, with \ and " escaped. */
export function lit(v: string): string {
  return `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * Filter expressions for the passages index (document-level metadata is denormalised onto every
 * passage). Returns null when a filter can match nothing (an empty docIds list).
 */
export function buildFilter(f: SearchFilters | undefined): string[] | null {
  const out: string[] = [];
  if (!f) return out;
  if (f.docIds) {
    if (!f.docIds.length) return null;
    out.push(`docId IN [${f.docIds.map(lit).join(', ')}]`);
  }
  if (f.docIdPrefix) {
    if (!f.docIdPrefix.length) return null;
    // an empty prefix matches every document. `STARTS WITH` (stable in 1.21, no experimental flag) instead of
    // a stored list of every prefix of the id: that list (up to 64 values per passage, filterable) cost
    // ~17% of the indexing time.
    if (!f.docIdPrefix.includes('')) {
      const any = f.docIdPrefix.map((p) => `docId STARTS WITH ${lit(p)}`);
      out.push(any.length === 1 ? any[0] : `(${any.join(' OR ')})`);
    }
  }
  for (const e of FACETS as readonly FacetEntry[]) {
    const values = facetFilter(f, e.key as FacetKey);
    if (!values) continue;
    const items = e.type === 'number' ? values.filter((v) => Number.isInteger(v)).map(String) : values.map((v) => lit(String(v)));
    // no valid value left (e.g. year=[2.5]): matches nothing, as in the sqlite engine
    if (!items.length) return null;
    out.push(`${e.key} IN [${items.join(', ')}]`);
  }
  const from = dayNumber(f.dateFrom);
  const to = dayNumber(f.dateTo);
  if (f.dateFrom && from === undefined) throw new RangeError(`dateFrom is not an ISO date: ${f.dateFrom}`);
  if (f.dateTo && to === undefined) throw new RangeError(`dateTo is not an ISO date: ${f.dateTo}`);
  if (from !== undefined) out.push(`issuedDay >= ${from}`);
  // "2021" as dateTo means the whole year
  if (to !== undefined) out.push(`issuedDay <= ${to % 10000 === 0 ? to + 1231 : to % 100 === 0 ? to + 31 : to}`);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Abbreviations

/**
 * Abbreviations (src/query/abbreviations.ts) are matched through one key token per table entry,
 * written at index time and sent at query time, instead of Meilisearch synonyms: synonym keys match
 * at most 3 query words, and 23 long forms have 4 or more ("giáo dục và đào tạo", "ủy ban nhân dân"),
 * so typing them never found passages holding only the abbreviation. A passage whose folded title,
 * heading, number or text holds any form of an entry as whole adjacent words ("gd dt", "gddt" or
 * "giao duc va dao tao") gets the entry's key in `aliasF`; a query clause that parseQuery recognised
 * as an abbreviation or long form is sent as that key. Matching is then exactly sqlite's
 * "(the form typed OR any other form, as a phrase)", in both directions, for any length.
 * Keys ("zqgiaoducvadaotaoqz") are letters only (one token for the tokenizer), never natural words,
 * and none is a prefix of another (each ends in "qz"); typos are disabled on them (settings.ts).
 */
interface AbbrevEntry { long: string; key: string; forms: string[] }
const ABBREV_ENTRIES: AbbrevEntry[] = ABBREVIATIONS.map((a) => {
  const long = fold(normalize(a.long)).toLowerCase();
  return { long, key: `zq${long.replace(/[^a-z0-9]/g, '')}qz`, forms: [...new Set([long, ...a.short.map((x) => fold(x).toLowerCase())])] };
});
const KEY_BY_LONG = new Map(ABBREV_ENTRIES.map((e) => [e.long, e.key]));
/** Every abbreviation key (settings.ts disables typos on them). */
export const ABBREVIATION_KEYS: string[] = [...new Set(ABBREV_ENTRIES.map((e) => e.key))];

const INDEX_WORDS = /[\p{L}\p{N}]+/gu;

/**
 * The forms as a trie over whole words: a node per word sequence that starts some form, holding the keys of
 * the entries whose form ends there. Walking it from each word of a field stops at the first word no form
 * continues with (a third of the cost of building a passage record was a substring scan per form, then most
 * of it a string concatenation and map lookup per word n-gram).
 */
interface FormNode { keys?: Set<string>; next: Map<string, FormNode> }
const FORM_TRIE: FormNode = { next: new Map() };
for (const e of ABBREV_ENTRIES) {
  for (const form of e.forms) {
    // forms with other characters never match a word sequence
    if (!/^[\p{L}\p{N}]+(?: [\p{L}\p{N}]+)*$/u.test(form)) continue;
    let node = FORM_TRIE;
    for (const w of form.split(' ')) {
      let child = node.next.get(w);
      if (!child) node.next.set(w, child = { next: new Map() });
      node = child;
    }
    (node.keys ??= new Set()).add(e.key);
  }
}
const ASCII_ONLY = /^[\x00-\x7f]*$/;

/** The words of a (lower-case) field, as the index tokenises them: [\p{L}\p{N}]+ (an ASCII-only pattern for ASCII text, the same words). */
function fieldWords(f: string): string[] {
  return (ASCII_ONLY.test(f) ? f.match(/[a-z0-9]+/g) : f.match(INDEX_WORDS)) ?? [];
}

/**
 * The keys of the entries having a form in one of these folded fields (forms never span two fields), in
 * field order then table order. A form matches as whole adjacent words.
 */
export function abbreviationKeys(foldedFields: string[]): string[] {
  const out = new Set<string>();
  for (const f of foldedFields) {
    if (!f) continue;
    const words = fieldWords(f.toLowerCase());
    const hit = new Set<string>();
    for (let i = 0; i < words.length; i++) {
      let node = FORM_TRIE.next.get(words[i]);
      for (let j = i + 1; node; j++) {
        if (node.keys) for (const k of node.keys) hit.add(k);
        if (j >= words.length) break;
        node = node.next.get(words[j]);
      }
    }
    if (hit.size) for (const e of ABBREV_ENTRIES) if (hit.has(e.key)) out.add(e.key);
  }
  return [...out];
}

/** The key an abbreviation clause is sent as (undefined for other clauses). */
export function clauseKey(c: QueryClause): string | undefined {
  if (!c.alternatives?.length) return undefined;
  for (const form of [c.tokens.map((t) => t.folded).join(' '), ...c.alternatives.map((a) => a.join(' '))]) {
    const key = KEY_BY_LONG.get(form);
    if (key) return key;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Query

/** One clause as Meilisearch query text: an abbreviation key, a "phrase" (numbers, quoted text) or a word. */
export function clauseQuery(c: QueryClause): string {
  const key = clauseKey(c);
  if (key) return key;
  const words = c.tokens.map((t) => t.folded).join(' ');
  return c.tokens.length > 1 ? `"${words}"` : words;
}

/**
 * The q string sent to Meilisearch: folded words; number-like chunks and quoted text as phrases
 * ("71/2020" → "\"71 2020\""); abbreviation clauses as their key (above). Meilisearch treats the
 * last word as a prefix unless the query ends with a space, so a trailing space is added unless the
 * last clause is a search-as-you-type prefix.
 */
export function meiliQuery(pq: ParsedQuery, prefix: boolean): string {
  const parts = pq.clauses.map(clauseQuery);
  if (!parts.length) return '';
  const last = pq.clauses[pq.clauses.length - 1];
  return parts.join(' ') + (prefix && last.prefix ? '' : ' ');
}

/**
 * Which clauses (a word, a phrase or any form of an abbreviation) occur in a record's folded fields: a
 * function of the fields built once per query (the clauses' forms are listed once; a relaxed search tests
 * hundreds of records), answering one flag per clause.
 */
export function clauseMatcher(clauses: QueryClause[]): (foldedFields: string[]) => boolean[] {
  const WORD_ONLY = /^[\p{L}\p{N}]+$/u;
  const list = clauses.map((c) => {
    const forms = [c.tokens.map((t) => t.folded).join(' '), ...(c.alternatives ?? []).map((a) => a.join(' '))];
    // a one-word form is looked up in each field directly (whole word, or word start for a prefix); other
    // forms in the fields' words joined by single spaces (built only when some clause needs them)
    return { prefix: Boolean(c.prefix), words: forms.filter((f) => WORD_ONLY.test(f)), spaced: forms.filter((f) => !WORD_ONLY.test(f)).map((f) => ` ${f}`) };
  });
  const anySpaced = list.some((c) => c.spaced.length > 0);
  return (foldedFields) => {
    const lower = foldedFields.map((f) => f.toLowerCase());
    const joined = anySpaced ? lower.map((f) => ` ${fieldWords(f).join(' ')} `) : [];
    return list.map((c) => c.words.some((w) => lower.some((f) => hasWholeWord(f, w, c.prefix)))
      || c.spaced.some((form) => joined.some((j) => (c.prefix ? j.includes(form) : j.includes(`${form} `)))));
  };
}

const WORD_CODE = /[\p{L}\p{N}]/u;
/** Is the character (code point) ending just before `i` / starting at `i` a letter or digit (what fieldWords keeps)? */
function wordBefore(s: string, i: number): boolean {
  if (i <= 0) return false;
  const lo = s.charCodeAt(i - 1);
  const cp = lo >= 0xdc00 && lo <= 0xdfff && i >= 2 ? s.codePointAt(i - 2)! : lo;
  return WORD_CODE.test(String.fromCodePoint(cp));
}
function wordAt(s: string, i: number): boolean {
  return i < s.length && WORD_CODE.test(String.fromCodePoint(s.codePointAt(i)!));
}

/** `w` (letters and digits only) is one of the field's words (fieldWords), or begins one when `prefix`. */
function hasWholeWord(f: string, w: string, prefix: boolean): boolean {
  for (let at = f.indexOf(w); at >= 0; at = f.indexOf(w, at + 1)) {
    if (!wordBefore(f, at) && (prefix || !wordAt(f, at + w.length))) return true;
  }
  return false;
}

/** How many clauses (a word, a phrase or any form of an abbreviation) occur in these folded fields. */
export function clausesIn(pq: ParsedQuery, foldedFields: string[]): number {
  return clauseMatcher(pq.clauses)(foldedFields).filter(Boolean).length;
}

const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;
const VOWELS = new Set(VOWEL_BASES);
const variantCache = new Map<string, string[]>();

/**
 * The spellings toneNormalize maps to this (tone-normalised, lower-case) word: the word itself and the
 * other tone placements of its rime ("hòa" → also "hoà", "thúy" → "thuý"). Memoised.
 */
export function toneVariants(exact: string): string[] {
  let out = variantCache.get(exact);
  if (out) return out;
  const chars = [...exact];
  const info = chars.map((c) => charInfo(c));
  const i = info.findIndex((x) => x !== undefined && x[1] !== 0);
  const set = new Set([exact]);
  if (i >= 0) {
    const [base, tone] = info[i]!;
    chars.forEach((_, j) => {
      if (j === i || !info[j] || !VOWELS.has(info[j]![0]) || info[j]![1] !== 0) return;
      const c = [...chars];
      c[i] = base;
      c[j] = withTone(info[j]![0], tone);
      const v = c.join('');
      if (toneNormalize(v) === exact) set.add(v);
    });
  }
  out = [...set];
  if (variantCache.size > 10_000) variantCache.clear();
  variantCache.set(exact, out);
  return out;
}

/** `word` occurs in `text` as a whole word (not inside a longer run of letters, marks or digits). */
function hasWord(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    const before = at > 0 ? text[at - 1] : '';
    const after = text[at + word.length] ?? '';
    if ((!before || !WORD_CHAR.test(before)) && (!after || !WORD_CHAR.test(after))) return true;
  }
  return false;
}

/**
 * Accent score in [0, 1]: the share of the accented query words that occur with exactly the
 * typed marks in the text (NFC, lower case, one tone placement). 0 when the query carries no marks.
 * The text is expected in NFC (stored passages are normalised). Each accented word is looked up with its
 * tone-placement variants by substring search with word boundaries: the same answer as tone-normalising
 * and tokenising the whole text, at a fraction of the cost (that took ~25 ms per search of 10 documents).
 */
export function accentScore(pq: ParsedQuery, text: string): number {
  if (!pq.accented) return 0;
  const accented = pq.clauses.flatMap((c) => c.tokens).filter((t) => t.exact !== t.folded);
  if (!accented.length) return 0;
  const lower = text.toLowerCase();
  return accented.filter((t) => toneVariants(t.exact).some((v) => hasWord(lower, v))).length / accented.length;
}

// ---------------------------------------------------------------------------------------------
// Snippets

/**
 * HTML snippet: the shared algorithm (makeSnippet, src/query/highlight.ts) every engine uses, so both
 * engines show the same excerpt for the same passage. We highlight ourselves rather than use
 * Meilisearch's `_formatted`, which does not HTML-escape the text around its tags.
 */
export function snippetHtml(text: string, pq: ParsedQuery, max = SNIPPET_CHARS): { html: string; marked: boolean } {
  const spans = highlightSpans(text, pq);
  return { html: makeSnippet(text, spans, max), marked: spans.length > 0 };
}

/** Parse a stored JSON array of references (never throws: a corrupt record yields []). */
export function parseRefs(json: unknown): Reference[] {
  if (typeof json !== 'string') return [];
  try { const v = JSON.parse(json); return Array.isArray(v) ? v as Reference[] : []; } catch { return []; }
}
