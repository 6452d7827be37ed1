/**
 * Query parsing shared by every engine (pure): the user's text → words and phrases,
 * each with its folded form (for matching) and its accented form (for accent-aware ranking).
 *
 * parseQuery('"giáo dục" stem 71/2020') → phrases [["giáo","dục"], ["71","2020"]] and word "stem"
 */
import { fold } from '../text/fold.js';
import { normalize } from '../text/normalize.js';

export interface QueryToken {
  /** Lower-case, NFC, as typed (may carry diacritics). */
  exact: string;
  folded: string;
}

export interface QueryClause {
  /** One token = a word; several = a phrase (words in order, adjacent). */
  tokens: QueryToken[];
  /** The last word of the query when search-as-you-type: match it as a prefix. */
  prefix?: boolean;
}

export interface ParsedQuery {
  clauses: QueryClause[];
  /** True when the user typed any diacritic (then exact-accent matches rank first). */
  accented: boolean;
}

/** Letters (with Vietnamese diacritics) and digits form tokens; everything else separates. */
const TOKEN_RE = /[\p{L}\p{M}\p{N}]+/gu;

export function tokenize(text: string): string[] {
  return normalize(text).toLowerCase().match(TOKEN_RE) ?? [];
}

function toTokens(words: string[]): QueryToken[] {
  return words.map((w) => ({ exact: w, folded: fold(w) }));
}

export function parseQuery(q: string, opts: { prefix?: boolean } = {}): ParsedQuery {
  const clauses: QueryClause[] = [];
  const text = normalize(q).slice(0, 500);
  // Quoted phrases first; then each remaining chunk: a number-like chunk (71/2020/NĐ-CP) is a phrase, else words.
  const re = /"([^"]*)"|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    if (m[1] !== undefined) {
      const words = tokenize(m[1]);
      if (words.length) clauses.push({ tokens: toTokens(words) });
      continue;
    }
    const chunk = m[2];
    const words = tokenize(chunk);
    if (!words.length) continue;
    if (words.length > 1 && /[\d]/.test(chunk) && /[/\-.]/.test(chunk)) clauses.push({ tokens: toTokens(words) });
    else for (const w of words) clauses.push({ tokens: toTokens([w]) });
  }
  if (opts.prefix && clauses.length && !/[\s"]$/.test(q)) {
    const last = clauses[clauses.length - 1];
    if (last.tokens.length === 1) last.prefix = true;
  }
  const accented = clauses.some((c) => c.tokens.some((t) => t.exact !== t.folded));
  return { clauses: clauses.slice(0, 32), accented };
}
