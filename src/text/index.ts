export { fold, hasDiacritics } from './fold.js';
export { normalize } from './normalize.js';
