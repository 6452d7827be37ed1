/**
 * Vietnamese syllable structure: onset + (glide) + nucleus + coda + tone, and an inventory of the
 * written syllables it allows, generated from spelling rules (no dictionary).
 *
 * A written syllable = onset + rime, the tone mark sitting on one vowel of the rime:
 *   onsets   b c ch d đ g gh gi h k kh l m n ng ngh nh p ph qu r s t th tr v x, or none
 *   rimes    (glide o/u) + nucleus (a ă â e ê i/y o ô ơ u ư, or iê/yê/ia, ươ/ưa, uô/ua) + coda
 *   codas    m n ng nh p t c ch, semivowels i/y o/u, or none
 * Spelling rules enforced here:
 *   k / gh / ngh before i, y, e, ê (and iê); c / g / ng elsewhere ("kê", "ghi", "nghề"; not "cê", "gi"+e)
 *   q only as "qu" (the u is the glide); "gi" is an onset ("giá", "giường"; "gì", "giết" merge the i)
 *   a final p, t, c or ch takes only the sắc or nặng tone ("hát", "học"; never "hàt")
 *
 * isSyllable("nghiêng") === true; isSyllable("ngiêng") === false; isSyllable("hàt") === false
 */

/** Tones: 0 ngang (none), 1 huyền, 2 hỏi, 3 ngã, 4 sắc, 5 nặng. */
export type Tone = 0 | 1 | 2 | 3 | 4 | 5;

const TONE_MARKS = ['', '\u0300', '\u0309', '\u0303', '\u0301', '\u0323'];
/** Vowels that can carry a tone (lower case). */
export const VOWEL_BASES = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'];

/** char → [lower-case toneless base, tone]; covers both cases, every tone. */
const CHAR_INFO = new Map<string, [string, Tone]>();
/** `${base}${tone}` → toned lower-case char. */
const TONED = new Map<string, string>();
for (const base of VOWEL_BASES) {
  for (let t = 0; t < 6; t++) {
    const ch = (base + TONE_MARKS[t]).normalize('NFC');
    CHAR_INFO.set(ch, [base, t as Tone]);
    CHAR_INFO.set(ch.toUpperCase(), [base, t as Tone]);
    TONED.set(base + t, ch);
  }
}
for (const c of 'bcdghklmnpqrstvx') { CHAR_INFO.set(c, [c, 0]); CHAR_INFO.set(c.toUpperCase(), [c, 0]); }
CHAR_INFO.set('đ', ['đ', 0]); CHAR_INFO.set('Đ', ['đ', 0]);

/** Lower-case toneless base and tone of one character, or undefined when it is not a Vietnamese letter. */
export function charInfo(ch: string): [string, Tone] | undefined {
  return CHAR_INFO.get(ch);
}

/** The lower-case vowel `base` carrying `tone` ("a", 4 → "á"). */
export function withTone(base: string, tone: Tone): string {
  return TONED.get(base + tone) ?? base;
}

// ---- inventory -------------------------------------------------------------------------------

/** Rimes without a glide, grouped by their first vowel (the spelling rules look at it). */
const RIMES = (
  'a ai ao au ay am an ang anh ap at ac ach ' +
  'ăm ăn ăng ăp ăt ăc ' +
  'âm ân âng âp ât âc âu ây ' +
  'e eo em en eng ep et ec ' +
  'ê êu êm ên ênh êp êt êch ' +
  'i ia iu im in inh ip it ich iêu iêm iên iêng iêp iêt iêc ' +
  'o oi om on ong op ot oc oong ' +
  'ô ôi ôm ôn ông ôp ôt ôc ' +
  'ơ ơi ơm ơn ơp ơt ' +
  'u ua ui um un ung up ut uc uôi uôm uôn uông uôt uôc ' +
  'ư ưa ưi ưu ưng ưt ưc ươi ươu ươm ươn ương ươp ươt ươc ' +
  'y'
).split(' ');
/** "yê" rimes: written so without an onset ("yên", "yêu") and after the glide u ("khuyên"). */
const YE_RIMES = 'yêu yêm yên yêt'.split(' ');
/** Rimes with the labial glide (written o before a ă e, u before â ê y ơ). */
const GLIDE_RIMES = (
  'oa oai oay oan oang oanh oat oac oach oam oap oăn oăng oăt oăc oăm oe oen oet oeo oem ' +
  'uân uâng uât uây uê uên uênh uêch uy uya uyu uyn uynh uych uyt uyên uyêt uơ'
).split(' ');
/** After "qu" (the u is the glide): the glide rimes without their glide, plus "quốc", "qui". */
const QU_RIMES = [
  ...GLIDE_RIMES.map((r) => r.slice(1)),
  'ao', 'ai', 'i', 'in', 'it', 'ôc', 'ơi', 'ơn', 'yêu',
];
const ONSETS = 'b c ch d đ g gh h k kh l m n ng ngh nh p ph r s t th tr v x'.split(' ');
const FRONT = new Set(['i', 'y', 'e', 'ê']);

function onsetAllows(onset: string, rime: string, glide: boolean): boolean {
  const first = rime[0];
  const front = FRONT.has(first);
  switch (onset) {
    case 'c': return !front && !glide;
    case 'k': return front && !glide;
    case 'g': return !front;
    case 'gh': case 'ngh': return front && !glide;
    case 'ng': return !front;
    default: return true;
  }
}

/** Toneless lower-case syllables, with the vowel index the tone may sit on ignored (checked separately). */
const TONELESS = new Set<string>();
for (const onset of ['', ...ONSETS]) {
  for (const rime of RIMES) {
    if (rime.startsWith('iê') && onset === '') continue; // "iên" without onset is written "yên"
    if (onsetAllows(onset, rime, false)) TONELESS.add(onset + rime);
  }
  for (const rime of GLIDE_RIMES) if (onsetAllows(onset, rime, true)) TONELESS.add(onset + rime);
}
for (const r of YE_RIMES) TONELESS.add(r);
for (const r of QU_RIMES) TONELESS.add('qu' + r);
for (const rime of RIMES) {
  if (rime[0] === 'i' || rime[0] === 'y') continue;
  TONELESS.add('gi' + rime); // gia, giường, giữ, giỏi
}
for (const r of ['', 'n', 't', 'm', 'êng', 'ên', 'êt', 'êc', 'êu', 'êm', 'êp']) TONELESS.add('gi' + r); // gì, gìn, giết, giếng

/** Every toneless syllable of the inventory (lower case). */
export function tonelessInventory(): ReadonlySet<string> {
  return TONELESS;
}

const CHECKED_CODA = /(?:p|t|c|ch)$/;

export interface SyllableParse {
  /** lower case, tone removed ("trường" → "trương") */
  toneless: string;
  tone: Tone;
}

/**
 * Parses one written syllable (any case; NFC). Returns null when it is not a valid Vietnamese syllable.
 * Tone placement is not checked (both "hoà" and "hòa" pass); case pattern is not checked either.
 */
export function parseSyllable(word: string): SyllableParse | null {
  if (word.length === 0 || word.length > 7) return null;
  let toneless = '';
  let tone: Tone = 0;
  for (let i = 0; i < word.length; i++) {
    const info = CHAR_INFO.get(word[i]);
    if (info === undefined) return null;
    if (info[1] !== 0) {
      if (tone !== 0) return null; // two tone marks
      tone = info[1];
    }
    toneless += info[0];
  }
  if (!TONELESS.has(toneless)) return null;
  if (CHECKED_CODA.test(toneless) && tone !== 4 && tone !== 5) return null;
  return { toneless, tone };
}

const validCache = new Map<string, boolean>();

/** True when `word` is one valid Vietnamese syllable (case-insensitive, either tone placement). */
export function isSyllable(word: string): boolean {
  const hit = validCache.get(word);
  if (hit !== undefined) return hit;
  const ok = parseSyllable(word) !== null;
  if (validCache.size > 200_000) validCache.clear();
  validCache.set(word, ok);
  return ok;
}

/** True when the letters are all lower case, Capitalised, or ALL CAPS (the case shapes a syllable can take). */
export function hasSyllableCase(word: string): boolean {
  const lower = word.toLowerCase();
  if (word === lower) return true;
  if (word === word.toUpperCase()) return true;
  return word[0] !== lower[0] && word.slice(1) === lower.slice(1);
}
