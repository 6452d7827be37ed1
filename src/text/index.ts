export { fold, hasDiacritics } from './fold.js';
export { escapeHtml } from './escape.js';
export { normalize } from './normalize.js';
export {
  clean, DEFAULT_STEPS, STEPS, legacyEncodingStep, unicodeStep, boilerplateStep, rejoinLinesStep,
  gluedSyllablesStep, toneStep, type CleanStep, type CleanResult,
} from './clean.js';
export { toneNormalize, placeTone } from './tone.js';
export { decodeTelex, decodeVni } from './telex.js';
export { decodeCp1258, decodeTcvn3, decodeVniWindows, encodeTcvn3, encodeVniWindows, detectLegacy, fixLegacyEncoding } from './legacy.js';
export { repairGlued } from './glued.js';
export { isSyllable } from './syllable.js';
