/**
 * Glued-syllable repair: puts back the spaces a PDF text layer lost between Vietnamese syllables.
 *
 *   repairGlued("Vềchủtrương, Sở GD&ĐT kết luậncác") === "Về chủ trương, Sở GD&ĐT kết luận các"
 *   repairGlued("ngày30tháng 11năm 2020")             === "ngày 30 tháng 11 năm 2020"
 *   repairGlued("Côngvăn3414/BGDĐT-GDTrH")            === "Công văn 3414/BGDĐT-GDTrH"
 *
 * How (seed 002 is the real case: "tổchức", "SởGD&ĐT", "kếhoạch", "ngày30tháng"):
 * - Only whitespace-free chunks that contain a non-ASCII letter are looked at (English, codes, URLs,
 *   e-mails and plain ASCII are never touched). Inside a chunk, a letter run that is one valid syllable
 *   (syllable.ts) is left alone; so is every run that cannot be cut entirely into valid syllables
 *   (plus upper-case acronyms such as "GD", "THPT"): names like "Đắk Lắk" or codes like "QyĐ" stay.
 * - Among the possible cuts the most probable is chosen by syllable and syllable-bigram frequencies
 *   learned from the corpus (syllable-freq.data.ts, built by scripts/build-syllable-freq.ts). A cut is
 *   used only when every piece is a syllable seen in the corpus at least MIN_COUNT times.
 * - A space is put between letters and digits only when the letter side is a real syllable word with a
 *   Vietnamese letter ("ngày30", "14ngày", "lớp6"), never inside acronyms or codes ("QH14", "12a").
 * Cost is linear: each distinct chunk is solved once (cached), each run by a DP over at most 7-letter pieces.
 */
import { BIGRAMS, BIGRAM_TOTAL, UNIGRAMS, UNIGRAM_TOTAL, WHOLE_WORDS } from './syllable-freq.data.js';
import { hasSyllableCase, parseSyllable } from './syllable.js';
import { toneNormalize } from './tone.js';

interface Model {
  uni: Map<string, number>;
  bi: Map<string, number>;
  whole: Set<string>;
}

let model: Model | null = null;

function getModel(): Model {
  if (model) return model;
  const uni = new Map<string, number>();
  const keys: string[] = [];
  for (const entry of UNIGRAMS.split('|')) {
    const sp = entry.lastIndexOf(' ');
    const k = entry.slice(0, sp);
    keys.push(k);
    uni.set(k, Number(entry.slice(sp + 1)));
  }
  const bi = new Map<string, number>();
  for (const entry of BIGRAMS.split('|')) {
    const [a, b, c] = entry.split(',');
    bi.set(keys[parseInt(a, 36)] + ' ' + keys[parseInt(b, 36)], parseInt(c, 36));
  }
  model = { uni, bi, whole: new Set(WHOLE_WORDS.split('|')) };
  return model;
}

/** How often a syllable (any case, either tone placement) occurs in the frequency corpus; 0 beyond its top syllables. */
export function syllableCount(syllable: string): number {
  return getModel().uni.get(toneNormalize(syllable.toLowerCase())) ?? 0;
}

/** A piece must have been seen this often in the corpus to be used in a cut. */
export const MIN_COUNT = 3;
/** ... and this often when it has no letter outside ASCII ("cho", "giang", "ray" pass; "po", "mon" do not). */
export const MIN_ASCII_COUNT = 100;
const LAMBDA = 0.6; // weight of the bigram estimate against the unigram one
const ACRONYM_COST = 14; // cost of an upper-case acronym piece ("GD", "THPT"); a syllable costs -ln p
const MAX_RUN = 400;
const ACRONYM = /^[A-ZĐ]{2,8}$/;

interface Piece {
  text: string;
  key: string | null; // null for an acronym
  count: number;
}

function syllablePiece(s: string): Piece | null {
  if (!hasSyllableCase(s)) return null;
  const lower = s.toLowerCase();
  if (parseSyllable(lower) === null) return null;
  const key = toneNormalize(lower);
  const count = getModel().uni.get(key) ?? 0;
  // a piece without any Vietnamese letter ("po", "on") must be common, else foreign words get cut
  if (count < (/[^\x00-\x7f]/.test(s) ? MIN_COUNT : MIN_ASCII_COUNT)) return null;
  return { text: s, key, count };
}

function unigramCost(p: Piece): number {
  return p.key === null ? ACRONYM_COST : -Math.log(p.count / UNIGRAM_TOTAL);
}

function transitionCost(prev: Piece | null, p: Piece): number {
  if (prev === null || prev.key === null || p.key === null) return unigramCost(p);
  const pair = getModel().bi.get(prev.key + ' ' + p.key) ?? 0;
  const pUni = p.count / UNIGRAM_TOTAL;
  const pBi = pair / (prev.count * (BIGRAM_TOTAL / UNIGRAM_TOTAL));
  return -Math.log(LAMBDA * pBi + (1 - LAMBDA) * pUni);
}

/**
 * Cuts one run of letters (no spaces, no digits) into syllables (and acronyms), or returns null when
 * the run should stay as it is: it is already one syllable, it cannot be cut entirely into known
 * syllables, or the cut would be a single piece.
 */
export function splitRun(run: string, afterCode = false): string[] | null {
  const n = run.length;
  if (n < 2 || n > MAX_RUN) return null;
  if (hasSyllableCase(run) && parseSyllable(run.toLowerCase()) !== null) return null;
  if (getModel().whole.has(run.toLowerCase())) return null; // a loanword the corpus writes whole
  // best[j] maps "length of the last piece" → {cost, back pointer}
  type Cell = { cost: number; piece: Piece; prevLen: number };
  const best: Array<Map<number, Cell>> = Array.from({ length: n + 1 }, () => new Map());
  const allCaps = run === run.toUpperCase();
  const asciiOnly = !NON_ASCII_LETTER.test(run) && !ACRONYM_THEN_WORD.test(run);
  const pieceAt = (i: number, j: number): Piece | null => {
    const s = run.slice(i, j);
    // in a plain-ASCII run every piece has two letters or more ("theoquy" yes, "online" no)
    if (asciiOnly && s.length < 2) return null;
    // a lone capital I, V, X... only ends a run ("lụcI" = "lục I"); "Ibình" in a table stays
    if (s.length === 1 && i === 0 && /[IVX]/.test(s)) return null;
    const syl = syllablePiece(s);
    if (syl) return asciiOnly && syl.count < MIN_ASCII_COUNT ? null : syl;
    // acronyms only beside lower-case syllables ("SởGD", "NVcủa"); in "TKTƯ" the cut is a guess
    if (!allCaps && j - i >= 2 && ACRONYM.test(s)) return { text: s, key: null, count: 0 };
    // …except the code part of a number glued to the next heading word: "460/TB-SGDĐTCỘNG HOÀ" (seed 002)
    if (allCaps && afterCode && i === 0 && j - i >= 3 && ACRONYM.test(s)) return { text: s, key: null, count: 0 };
    return null;
  };
  for (let j = 1; j <= n; j++) {
    for (let len = 1; len <= Math.min(8, j); len++) {
      const i = j - len;
      if (i > 0 && best[i].size === 0) continue;
      const p = pieceAt(i, j);
      if (!p) continue;
      if (i === 0) {
        const cost = unigramCost(p);
        const cur = best[j].get(len);
        if (!cur || cost < cur.cost) best[j].set(len, { cost, piece: p, prevLen: 0 });
        continue;
      }
      for (const [plen, cell] of best[i]) {
        if (p.key === null && cell.piece.key === null) continue; // two acronyms side by side: ambiguous
        const cost = cell.cost + transitionCost(cell.piece, p);
        const cur = best[j].get(len);
        if (!cur || cost < cur.cost) best[j].set(len, { cost, piece: p, prevLen: plen });
      }
    }
  }
  if (best[n].size === 0) return null;
  let bestLen = 0;
  let bestCost = Infinity;
  for (const [len, cell] of best[n]) if (cell.cost < bestCost) { bestCost = cell.cost; bestLen = len; }
  const pieces: Piece[] = [];
  let j = n;
  let len = bestLen;
  while (j > 0) {
    const cell = best[j].get(len) as Cell;
    pieces.push(cell.piece);
    j -= len;
    len = cell.prevLen;
  }
  pieces.reverse();
  if (pieces.length < 2) return null;
  // a code glued to a heading word: every word after the code has a Vietnamese letter ("-SGDĐTCỘNG"),
  // so a code such as "-BQLDA" is never cut into "BQLD A"
  if (allCaps && pieces[0].key === null && !pieces.slice(1).every((p) => p.text.length >= 2 && NON_ASCII_LETTER.test(p.text))) return null;
  // a plain-ASCII cut must be made of pairs the corpus has seen ("theo quy" yes; "co ban", "an tim on" no)
  if (asciiOnly) {
    for (let k = 1; k < pieces.length; k++) {
      if (!getModel().bi.has(`${pieces[k - 1].key} ${pieces[k].key}`)) return null;
    }
  }
  if (!pieces.some((p) => p.key !== null)) return null;
  return pieces.map((p) => p.text);
}

/** A letter run next to digits gets a space only when it is a real Vietnamese word piece. */
function isWordSide(piece: string): boolean {
  if (piece.length < 2) return false; // "12a", "điểm a1"
  const p = syllablePiece(piece);
  if (p === null || p.key === null) return false;
  // plain-ASCII words only when lower case, 3+ letters and common ("12trong"; not "5ha", "COVID19")
  return NON_ASCII_LETTER.test(piece) || (/^[a-z]{3,}$/.test(piece) && p.count >= MIN_ASCII_COUNT);
}

const SEGMENT = /([\p{L}\p{M}]+)|(\d+)|([^\p{L}\p{M}\d]+)/gu;
const NON_ASCII_LETTER = /[\u00C0-\u024F\u1E00-\u1EFF]/;
/** An acronym glued to a plain-ASCII word: "THPTcho" (seed 002). */
const ACRONYM_THEN_WORD = /^[A-ZĐ]{2,8}[a-z]{2,7}$/;
const PLAIN_WORD = /^[A-Za-z]*[a-z][A-Za-z]*$/;

/** What the repair would do to one whitespace-free chunk. */
interface ChunkFix {
  text: string;
  /** true when a letter run with a Vietnamese letter was cut: the evidence that the text is glued */
  evidence: boolean;
  /** true when the chunk counts as a Vietnamese word (has a non-ASCII letter) */
  vietnamese: boolean;
}

const UNCHANGED_ASCII: ChunkFix = { text: '', evidence: false, vietnamese: false };

function fixChunk(chunk: string): ChunkFix {
  const vietnamese = NON_ASCII_LETTER.test(chunk);
  if (!vietnamese && !/[A-ZĐ]{2}[a-z]|^[A-Za-z]{4,}$|\d[a-z]{3}/.test(chunk)) return { ...UNCHANGED_ASCII, text: chunk };
  if (chunk.includes('@') || chunk.includes('://') || /^www\./i.test(chunk)) return { text: chunk, evidence: false, vietnamese };
  const segs: Array<{ kind: 'L' | 'D' | 'O'; pieces: string[] }> = [];
  let evidence = false;
  for (const m of chunk.matchAll(SEGMENT)) {
    if (m[1] !== undefined) {
      const run = m[1];
      const viet = NON_ASCII_LETTER.test(run);
      // plain ASCII runs ("theoquy") only as a whole chunk of letters: never inside codes or URLs
      const tryIt = viet || ACRONYM_THEN_WORD.test(run) || (PLAIN_WORD.test(run) && run === chunk);
      const prevSeg = segs[segs.length - 1];
      const afterCode = prevSeg !== undefined && prevSeg.kind === 'O' && /[-/]$/.test(prevSeg.pieces[0]);
      const pieces = tryIt ? splitRun(run, afterCode) : null;
      if (pieces && viet) evidence = true;
      segs.push({ kind: 'L', pieces: pieces ?? [run] });
    } else if (m[2] !== undefined) segs.push({ kind: 'D', pieces: [m[2]] });
    else segs.push({ kind: 'O', pieces: [m[3] as string] });
  }
  let out = '';
  for (let k = 0; k < segs.length; k++) {
    const s = segs[k];
    if (k > 0) {
      const prev = segs[k - 1];
      if (prev.kind === 'L' && s.kind === 'D' && isWordSide(prev.pieces[prev.pieces.length - 1])) {
        // "ngày30" but not a code piece after "-" or "/"
        const before = segs[k - 2];
        if (!(before && before.kind === 'O' && /[-/]$/.test(before.pieces[0]))) out += ' ';
      } else if (prev.kind === 'D' && s.kind === 'L' && isWordSide(s.pieces[0])) {
        out += ' ';
        // a number glued to the lower-case word after it ("30tháng", "11năm", "12trong") is glue;
        // a word glued to the number after it is often a footnote mark ("lương2") and proves nothing
        if (/^\p{Ll}/u.test(s.pieces[0])) evidence = true;
      }
    }
    out += s.pieces.join(' ');
  }
  return { text: out, evidence, vietnamese };
}

const chunkCache = new Map<string, ChunkFix>();

function cachedFix(chunk: string): ChunkFix {
  const hit = chunkCache.get(chunk);
  if (hit !== undefined) return hit;
  const fix = fixChunk(chunk);
  if (chunkCache.size > 100_000) chunkCache.clear();
  chunkCache.set(chunk, fix);
  return fix;
}

/**
 * The evidence gate: a window of text is repaired only when at least this share of its Vietnamese words
 * are glued runs that cut cleanly into known syllables. Correctly spaced text has a few such words
 * (loanwords "đôla", footnote marks "lương2", names "Lênin"); glued text has many (seed 002: ~8 %).
 */
export const MIN_GLUED_SHARE = 0.01;
/** Texts are judged in windows of about this many characters (cut at whitespace), so one glued page counts. */
export const WINDOW_CHARS = 4000;
/** Below this many Vietnamese words a single glued run is evidence enough. */
export const SHORT_TEXT_WORDS = 40;

export interface GlueEvidence {
  /** Vietnamese words (whitespace-free chunks with a non-ASCII letter) */
  words: number;
  /** distinct glued chunks that cut cleanly into known syllables (a loanword repeated 12 times counts once) */
  glued: number;
}

/** Counts the glued-syllable evidence in a text. */
export function glueEvidence(text: string): GlueEvidence {
  let words = 0;
  const glued = new Set<string>();
  for (const m of text.matchAll(/\S{2,}/g)) {
    const f = cachedFix(m[0]);
    if (f.vietnamese) words++;
    if (f.evidence) glued.add(m[0]);
  }
  return { words, glued: glued.size };
}

function repairWindow(text: string): string {
  const ev = glueEvidence(text);
  // a short text (a title, a query, one sentence) may show its glue once; a longer one must show it twice
  const minGlued = ev.words < SHORT_TEXT_WORDS ? 1 : 2;
  if (ev.glued < minGlued || ev.glued < MIN_GLUED_SHARE * ev.words) return text;
  return text.replace(/\S{2,}/g, (chunk) => cachedFix(chunk).text);
}

/**
 * Repairs glued syllables in a text. Only chunks that change are rewritten; whitespace is kept.
 * Idempotent in practice: a repaired chunk has no glued run left to cut.
 */
export function repairGlued(text: string): string {
  if (text.length <= WINDOW_CHARS * 1.5) return repairWindow(text);
  let out = '';
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + WINDOW_CHARS);
    if (end < text.length) {
      const ws = text.slice(end).search(/\s/);
      end = ws < 0 ? text.length : end + ws;
      if (text.length - end < WINDOW_CHARS / 2) end = text.length;
    }
    out += repairWindow(text.slice(start, end));
    start = end;
  }
  return out;
}
