/**
 * FTS5 MATCH expressions built from a parsed query (pure). User input is quoted term by term
 * (`71/2020` unquoted is a syntax error; `tt-bgddt` reads as a column).
 */
import type { ParsedQuery, QueryClause } from '../../query/query.js';

export function ftsQuote(token: string): string {
  return `"${token.replace(/"/g, '""')}"`;
}

export const WORD_ONLY = /^[\p{L}\p{N}]+$/u;

/** The pair tokens of the phrase clauses (no prefix, no alternatives), as an AND filter on `pairs`. */
function pairsFilter(clauses: QueryClause[]): string | null {
  const toks: string[] = [];
  for (const c of clauses) {
    if (c.prefix || c.alternatives?.length || c.tokens.length < 2) continue;
    for (let i = 0; i + 1 < c.tokens.length; i++) {
      const a = c.tokens[i].folded;
      const b = c.tokens[i + 1].folded;
      if (WORD_ONLY.test(a) && WORD_ONLY.test(b)) toks.push(ftsQuote(`${a}_${b}`));
    }
  }
  return toks.length ? `pairs : (${[...new Set(toks)].join(' AND ')})` : null;
}

const FOLDED_COLS = '{doc_title heading text}';

/** A phrase of two plain words: on the folded columns exactly its pair token ("dung_doi"), title, heading and body alike. */
const isPair = (c: QueryClause) => c.tokens.length === 2 && !c.prefix && !c.alternatives?.length
  && WORD_ONLY.test(c.tokens[0].folded) && WORD_ONLY.test(c.tokens[1].folded);

/**
 * Every clause (mode 'any': one of them) on these columns, plus the pairs of phrase clauses (mode 'all').
 * `pairsOnly` (unranked matching on the folded columns): a two-word phrase is matched by its pair token
 * alone, the same rows at a fraction of the cost (one short doclist instead of the positions of two common
 * words: "dụng đối", 4107 rows, 1.4 ms instead of 6.2 ms measured); ranked expressions keep the phrase, whose
 * column weights bm25 uses.
 */
function mustOf(clauses: QueryClause[], mode: 'all' | 'any', cols: string, pairsOnly = false): string {
  const filter = mode === 'all' ? pairsFilter(clauses) : null;
  const inCols = filter && pairsOnly ? clauses.filter((c) => !isPair(c)) : clauses;
  if (!inCols.length) return filter!;
  const must = `${cols} : (${inCols.map((c) => clauseFts(c, 'folded')).join(mode === 'all' ? ' AND ' : ' OR ')})`;
  return filter ? `${must} AND ${filter}` : must;
}

/** The clauses without abbreviation alternatives (ranking 'plain'). */
const plainClauses = (clauses: QueryClause[]) => clauses.map((c) => ({ ...c, alternatives: undefined }));

function clauseFts(c: QueryClause, key: 'folded' | 'exact'): string {
  const body = c.tokens.map((t) => t[key]).join(' ');
  const main = c.prefix ? `${ftsQuote(body)}*` : ftsQuote(body);
  if (key === 'exact' || !c.alternatives?.length) return main;
  return `(${[main, ...c.alternatives.map((a) => ftsQuote(a.join(' ')))].join(' OR ')})`;
}

/**
 * Build the FTS5 MATCH expression. Every clause must match the folded text (title, heading or body)
 * — or, with mode 'any' (a long query relaxed after matching nothing), at least one clause.
 * Optional phrases add to the bm25 score without changing the matching set:
 * - the accented words on the `exact` column (a query typed with tone marks ranks exact matches first);
 * - adjacent word pairs ("hoc sinh", "danh gia"): Vietnamese words are mostly two syllables, so words
 *   together rank above scattered ones.
 * "(optional OR F1)" is true for every row that matches F, so only the score changes.
 */
export function buildMatch(pq: ParsedQuery, mode: 'all' | 'any' = 'all', scored?: boolean[]): string | null {
  const use = pq.clauses.map((_, i) => !scored || scored[i]);
  const clauses = pq.clauses.filter((_, i) => use[i]);
  if (!clauses.length) return null;
  const cols = FOLDED_COLS;
  const must = mustOf(clauses, mode, cols);
  const optional: string[] = [];
  const accented = clauses.filter((c) => c.tokens.some((t) => t.exact !== t.folded));
  // (not in mode 'any': over a wide candidate set the accented phrases favour rows by accents, not by content)
  if (pq.accented && accented.length && mode === 'all') optional.push(`exact : (${accented.map((c) => clauseFts(c, 'exact')).join(' OR ')})`);
  // Pairs across clause boundaries (inside a phrase clause adjacency is already required); a pair
  // touching a scored clause is at most as frequent as it, so it stays cheap to score. The word being
  // typed (prefix) pairs as typed: "tuyen sinh" typed into the widget is most often the whole word, and
  // without the pair a decision on "vô tuyến" radio came first; a partial word's pair just matches nothing.
  const pairs: string[] = [];
  const maxPairs = mode === 'all' ? 6 : 8;
  for (let i = 0; i + 1 < pq.clauses.length && pairs.length < maxPairs; i++) {
    const a = pq.clauses[i];
    const b = pq.clauses[i + 1];
    if (a.prefix || !(use[i] || use[i + 1])) continue;
    const x = a.tokens[a.tokens.length - 1].folded;
    const y = b.tokens[0].folded;
    if (WORD_ONLY.test(x) && WORD_ONLY.test(y)) pairs.push(ftsQuote(`${x}_${y}`));
  }
  // One token each on the pairs column: cheap to count and score, unlike a phrase of common words.
  if (pairs.length) optional.push(`pairs : (${pairs.join(' OR ')})`);
  if (!optional.length) return must;
  // 'any': every optional phrase implies one of its words, so OR-ing them in keeps the set (near enough).
  if (mode === 'any') return `${must} OR ${optional.join(' OR ')}`;
  return `${must} AND (${optional.join(' OR ')} OR ${cols} : ${clauseFts(clauses[0], 'folded')})`;
}

/** Only the clauses, every one required (or any one): the matching set without ranking terms. */
export function buildMust(pq: ParsedQuery, mode: 'all' | 'any' = 'all', plain = false): string | null {
  if (!pq.clauses.length) return null;
  return plain ? mustOf(plainClauses(pq.clauses), mode, 'text') : mustOf(pq.clauses, mode, FOLDED_COLS, true);
}

/** The baseline: every folded word (or phrase) must match the body text (mode 'any': one of them); nothing else adds to the score. */
export function buildPlainMatch(pq: ParsedQuery, mode: 'all' | 'any' = 'all', scored?: boolean[]): string | null {
  const clauses = plainClauses(pq.clauses.filter((_, i) => !scored || scored[i]));
  return clauses.length ? mustOf(clauses, mode, 'text') : null;
}
