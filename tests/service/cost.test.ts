import { describe, expect, it } from 'vitest';
import { applyBudget, MAX_TERMS } from '../../src/service/cost.js';

describe('the per-request cost budget (src/service/cost.ts)', () => {
  it.each([
    // [request, expected request changes, notes]
    [{ q: 'giao d', prefix: true, limit: 6 }, { q: 'giao', prefix: false }, ['prefix']], // the words before the dropped letter are complete
    [{ q: 't', prefix: true, limit: 6 }, { q: 't', prefix: false }, ['prefix']],
    [{ q: 'gi', prefix: true, limit: 6 }, { q: 'gi', prefix: true }, []],
    [{ q: 'giao d ', prefix: true, limit: 6 }, { q: 'giao d ', prefix: true }, []], // the word is complete
    [{ q: 'đánh giá học sinh', limit: 10, passagesPerDoc: 3 }, { q: 'đánh giá học sinh', passagesPerDoc: 3 }, []],
    [{ q: 't', prefix: true, limit: 50, passagesPerDoc: 10 }, { prefix: false, passagesPerDoc: 2 }, ['prefix', 'passages']],
  ])('%j', (req, changes, notes) => {
    const { req: out, budget } = applyBudget(req);
    expect(out).toMatchObject(changes);
    expect(budget).toEqual(notes);
  });

  it(`keeps the first ${MAX_TERMS} words and closes a phrase it cut`, () => {
    const words = Array.from({ length: MAX_TERMS + 8 }, (_, i) => `từ${i}`);
    const { req, budget } = applyBudget({ q: `"${words.join(' ')}"` });
    expect(req.q).toBe(`"${words.slice(0, MAX_TERMS).join(' ')}"`);
    expect(budget).toEqual(['terms']);
  });
});
