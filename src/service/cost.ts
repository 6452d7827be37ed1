/**
 * The cost budget of one search request (pure, engine-agnostic): what a single request may ask for,
 * so one request never holds a worker for seconds. A request over the budget is answered cheaply, not
 * slowly, and the answer says what was reduced (`budget` in the answer, like `totalIsEstimate`):
 *
 *   'prefix'   search-as-you-type on a last word of one letter: a one-letter prefix expands to every
 *              indexed word starting with it (the FTS prefix index starts at 2 letters; 3–5 s measured on
 *              80k passages). The letter is left out while other words are typed ("giao d" → "giao"), or
 *              matched as a whole word when it is the only one ("t").
 *   'terms'    more than MAX_TERMS words: the first MAX_TERMS are searched.
 *   'passages' limit × passages per document above MAX_PASSAGES_PER_PAGE: fewer passages per document.
 *
 *   applyBudget({q: 'giao d', prefix: true, limit: 6}) → {req: {q: 'giao', prefix: false, …}, budget: ['prefix']}
 *
 * What a request within the budget still costs, in units (searchCost, for rate limiting by cost as well
 * as by count: src/api/cost-limit.ts): 1 per request, +1 per PASSAGES_PER_UNIT passages asked for
 * (limit × passages per document: snippets and highlighting are the bulk of a wide answer's work),
 * +1 per 4 words past the 4th (each word is a full-text lookup), +2 for a prefix search on a 2-letter
 * last word (it expands to every indexed word starting with those letters).
 *
 *   searchCost({q: 'giao d', prefix: true, limit: 6})                  → 1 (the widget: the cheapest)
 *   searchCost({q: 't', prefix: true, limit: 50, passagesPerDoc: 10})  → 1 + 5 = 6 (budget: 100 passages)
 */
import type { SearchRequest } from '../engine/types.js';

/** Shortest last word searched as a prefix (the FTS index keeps 2- and 3-letter prefixes). */
export const MIN_PREFIX = 2;
/**
 * Words searched per query: the clauses parseQuery keeps. A question typed or pasted whole is often
 * 15–30 syllables with its subject at the end; 12 cut eval:e2e's long questions (nDCG@10 0.589 → 0.684
 * at 32). The engines bound a long query's own cost (the rarest words pick the candidates).
 */
export const MAX_TERMS = 32;
/** Passages per page of results (limit × passagesPerDoc). */
export const MAX_PASSAGES_PER_PAGE = 100;

export type BudgetNote = 'prefix' | 'terms' | 'passages';

const WORD = /[\p{L}\p{M}\p{N}]+/gu;

export function applyBudget(req: SearchRequest): { req: SearchRequest; budget: BudgetNote[] } {
  const budget: BudgetNote[] = [];
  let out = req;
  const words = [...req.q.matchAll(WORD)];
  if (words.length > MAX_TERMS) {
    const cut = words[MAX_TERMS - 1];
    let q = req.q.slice(0, cut.index! + cut[0].length);
    if ((q.match(/"/g) ?? []).length % 2) q += '"'; // close a phrase cut in the middle
    out = { ...out, q };
    budget.push('terms');
  }
  if (out.prefix) {
    const last = [...out.q.matchAll(WORD)].pop();
    // only when the query ends with that word (a trailing space or quote means the word is complete)
    if (last && last[0].length < MIN_PREFIX && last.index! + last[0].length === out.q.trimEnd().length && !/["\s]$/.test(out.q)) {
      // the words before it are complete (a space followed them): searched whole, so "tuyen sinh l" ranks as
      // "tuyen sinh" does (word pairs included), not as a prefix "sinh…" that ranked a radio-spectrum decision first
      const rest = out.q.slice(0, last.index!).trim();
      out = { ...out, prefix: false, ...(/[\p{L}\p{N}]/u.test(rest) ? { q: rest } : {}) };
      budget.push('prefix');
    }
  }
  const limit = out.limit ?? 10;
  const per = out.passagesPerDoc ?? 3;
  if (limit * per > MAX_PASSAGES_PER_PAGE) {
    out = { ...out, passagesPerDoc: Math.max(1, Math.floor(MAX_PASSAGES_PER_PAGE / limit)) };
    budget.push('passages');
  }
  return { req: out, budget };
}

/** Passages asked for (limit × passages per document) per unit of cost. */
export const PASSAGES_PER_UNIT = 20;

/** The cost in units of a search request once the budget is applied (see the header). */
export function searchCost(request: SearchRequest): number {
  const { req } = applyBudget(request);
  const words = [...req.q.matchAll(WORD)];
  let cost = 1 + Math.floor(((req.limit ?? 10) * (req.passagesPerDoc ?? 3)) / PASSAGES_PER_UNIT);
  if (words.length > 4) cost += Math.ceil((words.length - 4) / 4);
  const last = words[words.length - 1];
  if (req.prefix && last && last[0].length === MIN_PREFIX && !/["\s]$/.test(req.q)) cost += 2;
  return cost;
}
