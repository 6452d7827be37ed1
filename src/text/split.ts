/**
 * Syllables split by a stray space inside them, as some PDF text layers are ("Quy đị nh mứ c lương của chuyên gia tư
 * vấ n trong nướ c là m cơ sở … gó i thầ u" in Công báo 07/2026/TT-BNV): rejoined where the syllable inventory is sure.
 *
 *   - a final-consonant fragment ("nh", "c", "n", "m", "ng", "ch", "p", "t") or a lone vowel "i", "u", "y", "o" after a
 *     toned syllable joins the syllable before it when the two make one valid syllable that is common while the first
 *     part alone is rare (corpus counts, syllable-freq.data.ts): "đị nh" → "định", "mứ c" → "mức", "gó i" → "gói".
 *   - never when the first part is a word of its own: "điểm m và n" ("và" + "n" would be "vàn"), "năm thứ t",
 *     "thì n=3", and so also not "là m" (làm), which stays split.
 *
 * The repair runs only on texts that show the damage: at least three sure consonant-fragment joins.
 */
import { isSyllable, hasSyllableCase } from './syllable.js';
import { syllableCount } from './glued.js';

/** A letter run, one space, then a short fragment standing alone. */
const FRAGMENT = /(?<![\p{L}\d])(\p{L}{1,6}) ((?:ng|nh|ch|c|m|n|p|t)|[iuyo])(?![\p{L}\d])/gu;
const CONSONANT = /^(?:ng|nh|ch|c|m|n|p|t)$/;
const TONED_END = /[áàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]$/iu;
/** Evidence needed before anything is rejoined. */
export const MIN_SPLITS = 3;

function joins(a: string, b: string): boolean {
  const w = a + b;
  if (!isSyllable(w) || !hasSyllableCase(w)) return false;
  if (CONSONANT.test(b) ? isSyllable(b) : !TONED_END.test(a)) return false;
  const joined = syllableCount(w);
  return joined >= 50 && syllableCount(a) * 20 < joined;
}

export function repairSplitSyllables(text: string): string {
  let sure = 0;
  for (const m of text.matchAll(FRAGMENT)) if (CONSONANT.test(m[2]) && joins(m[1], m[2]) && ++sure >= MIN_SPLITS) break;
  if (sure < MIN_SPLITS) return text;
  return text.replace(FRAGMENT, (all, a: string, b: string) => (joins(a, b) ? a + b : all));
}
