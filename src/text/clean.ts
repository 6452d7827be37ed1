/**
 * clean: the text-cleaning stage (eyecite's `clean` shape): a list of named, composable, pure steps.
 *
 *   const { text, applied } = clean(raw);                  // DEFAULT_STEPS
 *   clean(raw, [unicodeStep, boilerplateStep]);             // pick steps
 *   clean(raw, [...DEFAULT_STEPS, toneStep]);               // add one (e.g. for a matching key)
 *   clean(raw, [{ name: 'mine', apply: (s) => s.trim() }]); // or bring your own
 *
 * `applied` lists the names of the steps that changed something, in order.
 *
 * DEFAULT_STEPS, in this order (each with the reason it sits where it does):
 *   legacy-encoding  TCVN3 / VNI / cp1258-as-cp1252 → Unicode. First: `unicode` would destroy the
 *                    evidence (TCVN3 "ư" is U+00AD, the soft hyphen it strips; TCVN3 "é" is "Ð",
 *                    which it maps to Đ).
 *   unicode          normalize(): NFC, look-alikes (Ð→Đ, ƣ→ư, Cyrillic in Latin words), zero-width and
 *                    non-breaking spaces; plus CRLF/CR → LF.
 *   boilerplate      portal chrome, Công báo running headers + page numbers, signature stamps.
 *   rejoin-lines     hard line breaks inside sentences (wrapped PDF text only).
 *   glued-syllables  spaces lost between syllables ("Vềchủtrương" → "Về chủ trương").
 *   split-syllables  stray spaces inside syllables ("Quy đị nh mứ c lương" → "Quy định mức lương"), on texts
 *                    that show the damage (split.ts). After glued-syllables, which never inserts such spaces.
 * Not default: tone-placement (toneNormalize: "hoà" → "hòa"), meant for matching keys, not display.
 *
 * Every step is linear in the text length; none throws on any string.
 */
import { normalize } from './normalize.js';
import { fixLegacyEncoding } from './legacy.js';
import { removeBoilerplate } from './boilerplate.js';
import { rejoinLines } from './lines.js';
import { repairGlued } from './glued.js';
import { repairSplitSyllables } from './split.js';
import { toneNormalize } from './tone.js';

export type CleanStep = { name: string; apply(text: string): string };

export interface CleanResult {
  text: string;
  /** names of the steps that changed the text, in order */
  applied: string[];
}

export const legacyEncodingStep: CleanStep = {
  name: 'legacy-encoding',
  // detection looks at the NFC form; when nothing is converted the text is returned untouched
  // (NFC itself is the unicode step's job, so `applied` stays honest)
  apply: (text) => {
    const nfc = text.normalize('NFC');
    const fixed = fixLegacyEncoding(nfc);
    return fixed === nfc ? text : fixed;
  },
};

export const unicodeStep: CleanStep = {
  name: 'unicode',
  apply: (text) => normalize(text.indexOf('\r') >= 0 ? text.replace(/\r\n?/g, '\n') : text),
};

export const boilerplateStep: CleanStep = { name: 'boilerplate', apply: removeBoilerplate };

export const rejoinLinesStep: CleanStep = { name: 'rejoin-lines', apply: rejoinLines };

export const gluedSyllablesStep: CleanStep = { name: 'glued-syllables', apply: repairGlued };

export const toneStep: CleanStep = { name: 'tone-placement', apply: toneNormalize };

export const splitSyllablesStep: CleanStep = { name: 'split-syllables', apply: repairSplitSyllables };

export const DEFAULT_STEPS: readonly CleanStep[] = Object.freeze([
  legacyEncodingStep,
  unicodeStep,
  boilerplateStep,
  rejoinLinesStep,
  gluedSyllablesStep,
  splitSyllablesStep,
]);

/** Every named step, default or not, by name. */
export const STEPS: Readonly<Record<string, CleanStep>> = Object.freeze(
  Object.fromEntries([...DEFAULT_STEPS, toneStep].map((s) => [s.name, s])),
);

/** Runs `steps` in order over `text`. */
export function clean(text: string, steps: readonly CleanStep[] = DEFAULT_STEPS): CleanResult {
  let s = text;
  const applied: string[] = [];
  for (const step of steps) {
    const next = step.apply(s);
    if (next !== s) applied.push(step.name);
    s = next;
  }
  return { text: s, applied };
}
