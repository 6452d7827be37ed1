/**
 * Query parsing shared by every engine (pure): the user's text → words and phrases,
 * each with its folded form (for matching) and its accented form (for accent-aware ranking).
 *
 * parseQuery('"giáo dục" stem 71/2020') → phrases [["giáo","dục"], ["71","2020"]] and word "stem"
 */
import { fold } from '../text/fold.js';
import { normalize } from '../text/normalize.js';
import { toneNormalize } from '../text/tone.js';
import { ABBREVIATIONS } from './abbreviations.js';

export interface QueryToken {
  /** Lower-case, NFC, as typed (may carry diacritics), with one tone placement (toneNormalize: "hoà" → "hòa"). */
  exact: string;
  folded: string;
}

export interface QueryClause {
  /** One token = a word; several = a phrase (words in order, adjacent). */
  tokens: QueryToken[];
  /** The last word of the query when search-as-you-type: match it as a prefix. */
  prefix?: boolean;
  /** Other spellings that match as well (abbreviation ↔ long form), folded words. */
  alternatives?: string[][];
}

export interface ParsedQuery {
  clauses: QueryClause[];
  /** True when the user typed any diacritic (then exact-accent matches rank first). */
  accented: boolean;
}

/** Letters (with Vietnamese diacritics) and digits form words; everything else separates (queries, highlighting, title words). */
export const WORD_RE = /[\p{L}\p{M}\p{N}]+/gu;

export function tokenize(text: string): string[] {
  return normalize(text).toLowerCase().match(WORD_RE) ?? [];
}

function toTokens(words: string[]): QueryToken[] {
  return words.map((w) => ({ exact: toneNormalize(w), folded: fold(w) }));
}

/** Abbreviation lookups, built once from the data table: folded token sequences → the other forms. */
const LONG_FORMS = ABBREVIATIONS.filter((a) => !a.expandOnly).map((a) => ({ words: fold(a.long).split(' '), alts: a.short.map((x) => x.split(' ')) }))
  .sort((a, b) => b.words.length - a.words.length);
const SHORT_FORMS = ABBREVIATIONS.flatMap((a) => a.short.map((x) => ({ words: x.split(' '), alts: [fold(a.long).split(' '), ...a.short.filter((y) => y !== x).map((y) => y.split(' '))] })))
  .sort((a, b) => b.words.length - a.words.length);

function startsWithAt(words: QueryToken[], i: number, seq: string[]): boolean {
  if (i + seq.length > words.length) return false;
  return seq.every((w, k) => words[i + k].folded === w);
}

/** Plain words → clauses, grouping abbreviations and long forms into clauses with alternatives. */
function wordClauses(words: QueryToken[]): QueryClause[] {
  const out: QueryClause[] = [];
  for (let i = 0; i < words.length;) {
    const long = LONG_FORMS.find((f) => f.words.length > 1 && startsWithAt(words, i, f.words));
    if (long) {
      out.push({ tokens: words.slice(i, i + long.words.length), alternatives: long.alts });
      i += long.words.length;
      continue;
    }
    const short = SHORT_FORMS.find((f) => startsWithAt(words, i, f.words));
    if (short) {
      out.push({ tokens: words.slice(i, i + short.words.length), alternatives: short.alts });
      i += short.words.length;
      continue;
    }
    out.push({ tokens: [words[i]] });
    i++;
  }
  return out;
}

export function parseQuery(q: string, opts: { prefix?: boolean; abbreviations?: boolean } = {}): ParsedQuery {
  const clauses: QueryClause[] = [];
  const text = normalize(q).slice(0, 500);
  // Quoted phrases stay as typed; a number-like chunk (71/2020/NĐ-CP) is a phrase; other words may be abbreviations.
  const re = /"([^"]*)"|(\S+)/g;
  let m: RegExpExecArray | null;
  let pending: QueryToken[] = [];
  const flush = () => {
    if (pending.length) clauses.push(...(opts.abbreviations === false ? pending.map((t) => ({ tokens: [t] })) : wordClauses(pending)));
    pending = [];
  };
  while ((m = re.exec(text))) {
    if (m[1] !== undefined) {
      flush();
      const words = tokenize(m[1]);
      if (words.length) clauses.push({ tokens: toTokens(words) });
      continue;
    }
    const chunk = m[2];
    const words = tokenize(chunk);
    if (!words.length) continue;
    if (words.length > 1 && /\d/.test(chunk) && /[/\-.]/.test(chunk)) { flush(); clauses.push({ tokens: toTokens(words) }); }
    else pending.push(...toTokens(words));
  }
  flush();
  if (opts.prefix && clauses.length && !/[\s"]$/.test(q)) {
    const last = clauses[clauses.length - 1];
    if (last.tokens.length === 1 && !last.alternatives) last.prefix = true;
  }
  const accented = clauses.some((c) => c.tokens.some((t) => t.exact !== t.folded));
  return { clauses: clauses.slice(0, 32), accented };
}
