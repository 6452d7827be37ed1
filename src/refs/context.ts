/**
 * What one document has cited so far, for short forms that lean on it: after "Thông tư số 22/2021/TT-BGDĐT
 * ngày 20/7/2021", a later "Thông tư 22" (or "Thông tư 22/2021") in the same document means that Thông tư.
 *
 *   const ctx = new RefContext();
 *   findReferences(passage1, { context: ctx });   // remembers the full citations of passage 1
 *   findReferences(passage2, { context: ctx });   // "Thông tư 22" here resolves against them
 *
 * One context per document, passages in reading order. Without a context, findReferences uses a fresh
 * one per call (short forms then resolve only against earlier citations in the same text).
 */
import type { Reference } from './model.js';
import { fold } from '../text/fold.js';
import { kindGroup } from '../kinds/kinds.js';

/** The running number's first token, folded: "22" of 22/2021/TT-BGDĐT, "30a" of 30a/2008/NQ-CP, "404" of 404-CP. */
export function leadOf(number: string): string {
  return fold(number).split(/[/\-_.]/)[0];
}
// A short form's kind word may stand for its group ("Thông tư 09" may be a Thông tư liên tịch): kindGroup.

export class RefContext {
  private readonly byKey = new Map<string, Reference>();
  /** remembered but not yet indexed: most documents never ask (short forms are rare), so keys are built on the first lookup */
  private pending: { kind: string; number: string; r: Reference }[] = [];

  /** Remember a full citation (a numbered one with a kind). */
  remember(r: Reference): void {
    if (!r.kind || !r.number || r.family === 'law-by-name' || r.partial) return;
    this.pending.push({ kind: r.kind, number: r.number, r });
  }

  /** The last full citation of this kind and number (and year when given), if any. */
  lookup(kind: string, lead: string, year?: number): Reference | undefined {
    if (this.pending.length) {
      for (const { kind: rk, number, r } of this.pending) {
        const k = `${kindGroup(rk)}|${leadOf(number)}`;
        this.byKey.set(k, r);
        if (r.year) this.byKey.set(`${k}|${r.year}`, r);
      }
      this.pending = [];
    }
    const g = kindGroup(kind);
    return year ? this.byKey.get(`${g}|${lead}|${year}`) : this.byKey.get(`${g}|${lead}`);
  }
}
