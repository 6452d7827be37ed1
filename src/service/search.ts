/**
 * Search with query understanding, over any SearchEngine (engine-agnostic; the only I/O is the engine).
 *
 * 1. A query with evidence of a reference ("nd 71/2020", "71/2020/NĐ-CP", "cv 3414 gdtrh", "Luật Giáo dục
 *    2019"; src/query/detect.ts) is resolved first: the document itself on top, then the documents whose
 *    passages cite it (or, with topic words beside the reference, the text hits of those words), then
 *    the ordinary text hits. "tuyển sinh lớp 10" carries no such evidence: a text search.
 * 2. A query that finds little as typed and reads as Telex/VNI typing ("nghij ddinhj") is decoded and
 *    searched again; the answer says so.
 * Filters (including a portal key's scope) apply to every part of the answer.
 */
import type { Reference } from '../docs/model.js';
import type { PartialReference } from '../refs/index.js';
import type { CitingPassage, DocumentHit, DocumentSummary, SearchEngine, SearchFilters, SearchRequest, SearchResult } from '../engine/types.js';
import { clamp, clauseLabel, requestQuery } from '../engine/common.js';
import { parseQuery, tokenize } from '../query/query.js';
import { escapeHtml } from '../text/escape.js';
import { fold } from '../text/fold.js';
import { detectReference, type DetectedReference } from '../query/detect.js';
import { decodeTypedVietnamese } from '../query/typing.js';
import { kindGroup } from '../kinds/kinds.js';

export interface ReferenceAnswer {
  /** What the reference part of the query was understood as. */
  parsed: PartialReference;
  /** The part of the query read as a reference ("nghị định 71/2020" in "nghị định 71/2020 nâng chuẩn giáo viên"). */
  text: string;
  /** The other words, searched as text ('' when the query is only the reference). */
  rest: string;
  /** 200: one document; 300: several candidates; 404: none in the corpus. */
  status: 200 | 300 | 404;
  documents: DocumentSummary[];
  /** Passages citing the document(s) (within the filters). */
  citingTotal: number;
}

export interface SearchAnswer extends SearchResult {
  reference?: ReferenceAnswer;
  /** Set when the query was read as Telex/VNI typing and searched decoded. */
  decoded?: { from: string; to: string };
  /** What the cost budget reduced in this request (src/service/cost.ts): 'prefix', 'terms', 'passages'. */
  budget?: import('./cost.js').BudgetNote[];
  /** Did-you-mean, when some words matched nothing: the query with those words replaced ("giáo dục stem"). */
  suggestion?: { q: string; words: Record<string, string> };
}

/** Strip a trailing separator so "3414-" and "71-2020-nd" work as refId prefixes. */
function prefixOf(p: PartialReference): string | undefined {
  const s = p.canonicalPrefix?.replace(/-+$/, '');
  return s || undefined;
}

/** Documents a partial/complete reference names, narrowed by issuer codes when the query gives them. */
export async function resolveReferenceDocuments(engine: SearchEngine, p: PartialReference): Promise<DocumentSummary[]> {
  let docs: DocumentSummary[] = [];
  if (p.canonical) docs = await engine.findByRefId(p.canonical);
  if (!docs.length) {
    const prefix = prefixOf(p) ?? p.canonical;
    if (prefix) docs = await engine.findByRefPrefix(prefix);
  }
  const segment = (code: string) => fold(code).replace(/[^a-z0-9]/g, '');
  const hasSegment = (d: DocumentSummary, seg: string) => (d.refId ?? '').split('-').includes(seg);
  const codes = (p.issuerCodes ?? []).map(segment);
  if (codes.length) docs = docs.filter((d) => codes.every((c) => hasSegment(d, c)));
  // "thông tư 29": a Thông tư numbered 29, not Quyết định 29/2025/QĐ-TTg (a document whose kind was not
  // read still qualifies by the type code in its number)
  const kind = p.canonical ? undefined : p.kind;
  if (kind) {
    const type = p.typeCode ? segment(p.typeCode) : undefined;
    docs = docs.filter((d) => kindMatches(d.kind, kind) || (!!type && hasSegment(d, type)));
  }
  if (p.year && !p.canonical) docs = docs.filter((d) => !d.issuedAt || d.issuedAt.startsWith(String(p.year)) || (d.refId ?? '').includes(String(p.year)));
  return docs;
}

function citingHit(doc: DocumentSummary, items: CitingPassage[]): DocumentHit {
  return {
    document: doc,
    score: 0,
    passages: items.slice(0, 3).map((c) => ({
      id: c.passageId, anchor: c.anchor, headingPath: c.headingPath, ordinal: 0, score: 0,
      snippet: markReference(c.context, c.reference),
      refs: [c.reference],
    })),
  };
}

/** The context with the cited reference marked (escaped text; only <mark>). */
function markReference(context: string, ref: Reference): string {
  const i = context.indexOf(ref.raw);
  if (i < 0) return escapeHtml(context);
  return `${escapeHtml(context.slice(0, i))}<mark>${escapeHtml(ref.raw)}</mark>${escapeHtml(context.slice(i + ref.raw.length))}`;
}

/** Which of these document ids pass the filters (one cheap engine call restricted to them). */
async function allowedIds(engine: SearchEngine, ids: string[], filters: SearchFilters | undefined): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const hasFilter = filters && Object.values(filters).some((v) => (Array.isArray(v) ? v.length : v !== undefined));
  if (!hasFilter) return new Set(ids);
  const r = await engine.search({ q: '', filters: { ...filters, docIds: filters?.docIds ? ids.filter((i) => filters.docIds!.includes(i)) : ids }, limit: 100, passagesPerDoc: 1, facets: false });
  return new Set(r.hits.map((h) => h.document.id));
}

const PINNED_MAX = 30;

/**
 * Engines that do not report the words found nowhere (`unmatched` absent) are asked word by word, when
 * the answer is relaxed or empty (the only answers where a word can have been dropped): one search per
 * word of the query (at most 8), none when the engine reported them itself.
 */
async function withUnmatched(engine: SearchEngine, req: SearchRequest, result: SearchResult): Promise<SearchResult> {
  if (result.unmatched !== undefined || !req.q.trim() || !(result.relaxed || result.total === 0)) return result;
  const words = (req.ranking === 'plain' ? parseQuery(req.q, { prefix: req.prefix }) : requestQuery(req)).clauses.filter((c) => !c.prefix).slice(0, 8).map(clauseLabel);
  const found = await Promise.all(words.map((w) => engine.search({ q: w, limit: 1, passagesPerDoc: 1, facets: false }).then((r) => r.total > 0)));
  return { ...result, unmatched: words.filter((_, i) => !found[i]) };
}

/**
 * 1. A query with evidence of a reference (src/query/detect.ts: a document-number shape, a kind word before
 *    a number, a law name) is resolved first: the named document(s) on top. Without other words, the
 *    documents citing it follow, then the text hits of the whole query. With other words ("nghị định
 *    71/2020 nâng chuẩn giáo viên"), the text hits of those words follow, the ones citing it first.
 * 2. Other queries are text searches; one that finds little as typed and reads as Telex/VNI typing is
 *    decoded and searched again.
 */
export async function searchWithUnderstanding(engine: SearchEngine, req: SearchRequest): Promise<SearchAnswer> {
  const limit = clamp(req.limit, 10, 1, 100);
  const offset = clamp(req.offset, 0, 0, Number.MAX_SAFE_INTEGER);
  let det: DetectedReference | null = req.q.trim() ? detectReference(req.q) : null;
  let decodedRef: { from: string; to: string } | undefined;
  if (det && !det.parsed.kind) {
    // "nghij ddinhj 71/2020": the number reads alone; decoded, the kind word comes back too.
    const d = decodeTypedVietnamese(req.q);
    const again = d ? detectReference(d) : null;
    if (d && again?.parsed.kind) { det = again; decodedRef = { from: req.q, to: d }; req = { ...req, q: d }; }
  }
  const isRef = !!det && !!(det.parsed.canonical || prefixOf(det.parsed));

  if (!isRef) {
    const answer = await textSearch(engine, req);
    return answer.unmatched?.length ? { ...answer, ...(await suggestion(engine, req.q, answer.unmatched)) } : answer;
  }
  return referenceSearch(engine, req, det!, decodedRef, limit, offset);
}

/**
 * Did-you-mean for the words that matched nothing: the word read as Telex/VNI typing when that is found
 * in the index ("giaso" → "giáo"), else the engine's nearest index word (SearchEngine.suggest).
 */
async function suggestion(engine: SearchEngine, q: string, unmatched: string[]): Promise<{ suggestion?: SearchAnswer['suggestion'] }> {
  const words: Record<string, string> = {};
  for (const w of unmatched.slice(0, 5)) {
    const typed = decodeTypedVietnamese(w);
    if (typed && typed !== w && (await engine.search({ q: typed, limit: 1, passagesPerDoc: 1, facets: false })).total > 0) { words[w] = typed.toLowerCase(); continue; }
    const near = engine.suggest ? await engine.suggest(w) : await nearByDeletion(engine, w);
    if (near) words[w] = near;
  }
  if (!Object.keys(words).length) return {};
  const fixed = tokenize(q).map((t) => words[t] ?? t).join(' ');
  return { suggestion: { q: fixed, words } };
}

/**
 * For engines without a vocabulary (no SearchEngine.suggest): the word with one letter left out that the
 * engine finds in most documents ("stemm" → "stem", "thongg" → "thong"); at most 12 searches, null when none.
 */
async function nearByDeletion(engine: SearchEngine, word: string): Promise<string | null> {
  const w = word.toLowerCase();
  if (w.length < 3 || w.length > 12 || /\d/.test(w)) return null;
  const cands = [...new Set([...w].map((_, i) => w.slice(0, i) + w.slice(i + 1)))];
  let best: { word: string; n: number } | null = null;
  for (const c of cands) {
    const n = (await engine.search({ q: c, limit: 1, passagesPerDoc: 1, facets: false })).total;
    if (n > 0 && (!best || n > best.n)) best = { word: c, n };
  }
  return best?.word ?? null;
}

/** The request with its query parsed once (SearchRequest.parsed): the engine and withUnmatched read that parse. */
function parsedOnce(req: SearchRequest): SearchRequest {
  return req.parsed ? req : { ...req, parsed: requestQuery(req) };
}

/** A text search; a query that finds little as typed and reads as Telex/VNI typing is decoded and searched again. */
async function textSearch(engine: SearchEngine, request: SearchRequest): Promise<SearchAnswer> {
  const req = parsedOnce(request);
  const result = await withUnmatched(engine, req, await engine.search(req));
  // "Finds little": few documents, only by relaxing the query to some of its words, or words found nowhere.
  const lost = (r: SearchResult) => r.unmatched?.length ?? 0;
  if ((result.total >= 3 && !result.relaxed && !lost(result)) || req.prefix) return result;
  const decoded = decodeTypedVietnamese(req.q);
  if (!decoded) return result;
  const again = parsedOnce({ ...req, q: decoded, parsed: undefined });
  const retry = await withUnmatched(engine, again, await engine.search(again));
  const better = retry.total > 0 && (lost(retry) < lost(result) || (lost(retry) === lost(result) && ((result.relaxed && !retry.relaxed) || retry.total > result.total)));
  return better ? { ...retry, decoded: { from: req.q, to: decoded } } : result;
}

/** A query with evidence of a reference: the named documents, then citing documents or the text hits of the other words. */
async function referenceSearch(engine: SearchEngine, req: SearchRequest, det: DetectedReference, decodedRef: { from: string; to: string } | undefined, limit: number, offset: number): Promise<SearchAnswer> {
  const parsed = det.parsed;
  let named = await resolveReferenceDocuments(engine, parsed);
  // Mixed ("thông tư 29 dạy thêm học thêm"): the other words are searched first; when the reference leaves
  // several candidates, those holding the other words are the ones meant. If none does, the candidates
  // stay in the reference card but are not put above the text hits.
  let restText: SearchResult | undefined;
  let candidates = named;
  if (det.rest) {
    const window = Math.min(100, offset + limit + named.length);
    restText = await engine.search(parsedOnce({ ...req, q: det.rest, parsed: undefined, offset: 0, limit: window }));
    if (named.length > 1) {
      const found = new Set(restText.hits.map((h) => h.document.id));
      named = named.filter((d) => found.has(d.id));
      if (named.length) candidates = named;
    }
  }
  // Not in the corpus: the passages citing any document the (partial) reference can name ("nd 71/2020" → 71-2020-nd-cp).
  const unnamed = parsed.canonical ?? prefixOf(parsed);
  const refIds = candidates.length ? [...new Set(candidates.map((d) => d.refId).filter((x): x is string => !!x))] : unnamed ? [unnamed] : [];
  const citing: CitingPassage[] = [];
  let citingTotal = 0;
  for (const id of refIds.slice(0, 5)) {
    const c = await engine.citing(id, { limit: 100, prefix: !candidates.length });
    citingTotal += c.total;
    citing.push(...c.items);
  }
  const byDoc = new Map<string, CitingPassage[]>();
  for (const c of citing) byDoc.set(c.docId, [...(byDoc.get(c.docId) ?? []), c]);
  const namedIds = new Set(named.map((d) => d.id));
  for (const d of candidates) byDoc.delete(d.id);

  const allowed = await allowedIds(engine, [...new Set([...candidates.map((d) => d.id), ...byDoc.keys()])], req.filters);
  const namedHits: DocumentHit[] = named.filter((d) => allowed.has(d.id)).map((d) => ({ document: d, score: Number.MAX_SAFE_INTEGER, passages: [] }));
  // The named documents' own best passages: their opening (header) passages, in one engine call (a search
  // without words lists a document's passages in order; loading each whole document cost Meilisearch a
  // fetch of every passage).
  if (namedHits.length) {
    const lead = await engine.search({ q: '', filters: { docIds: namedHits.map((h) => h.document.id) }, limit: namedHits.length, passagesPerDoc: 1, facets: false });
    const opening = new Map(lead.hits.map((h) => [h.document.id, h.passages.slice(0, 1)]));
    for (const hit of namedHits) hit.passages = (opening.get(hit.document.id) ?? []).map((p) => ({ ...p, score: 0 }));
  }
  const reference: ReferenceAnswer = {
    parsed, text: det.text, rest: det.rest,
    status: candidates.length === 1 ? 200 : candidates.length > 1 ? 300 : 404,
    documents: candidates.filter((d) => allowed.has(d.id)),
    citingTotal,
  };
  const extra = { ...(decodedRef ? { decoded: decodedRef } : {}), reference };

  if (restText) {
    // Mixed: the named documents, then the text hits of the other words, those citing the reference first.
    const text = restText;
    const rest = text.hits.filter((h) => !namedIds.has(h.document.id));
    // citing first, and among them those that act on it (amend, replace, repeal, detail, guide: weight ≥ 3)
    const acting = (h: DocumentHit) => citingWeight(byDoc.get(h.document.id) ?? []) >= 3;
    const citingHits = rest.filter((h) => byDoc.has(h.document.id));
    const ordered = [...namedHits, ...citingHits.filter(acting), ...citingHits.filter((h) => !acting(h)), ...rest.filter((h) => !byDoc.has(h.document.id))];
    const shownNamed = namedHits.filter((h) => !text.hits.some((t) => t.document.id === h.document.id));
    return {
      ...text,
      total: text.total + namedHits.length - (text.hits.length - rest.length),
      // the named documents' own passages count with the text hits' (a card never shows "0 đoạn khớp")
      totalPassages: text.totalPassages + shownNamed.reduce((n, h) => n + h.passages.length, 0),
      hits: ordered.slice(offset, offset + limit),
      ...extra,
    };
  }

  // Only the reference: the document(s), then documents citing them, then the text hits.
  // A law by name ("hien phap", "luật giáo dục"): its text hits are those of the name as a phrase, and the
  // documents titled by the name (the law itself or its consolidated text, even without a number in the
  // corpus) come right after the named ones; the citing documents are ordered by how they cite it.
  const name = det.evidence === 'law-name' ? lawNameWords(det.text) : null;
  const textReq = parsedOnce(name ? { ...req, q: `"${name.join(' ')}"`, parsed: undefined } : det.split ? { ...req, q: det.split, parsed: undefined } : req);
  const titled: DocumentHit[] = [];
  if (name) {
    const probe = await engine.search({ ...textReq, offset: 0, limit: PINNED_MAX });
    for (const h of probe.hits) if (!namedIds.has(h.document.id) && titleNames(h.document.title, name, parsed.year) === 2) titled.push(h);
  }
  const titledIds = new Set(titled.map((h) => h.document.id));
  const citingDocs = [...byDoc].filter(([docId]) => allowed.has(docId) && !titledIds.has(docId));
  if (name) {
    const weight = (items: CitingPassage[]) => citingWeight(items) + (titleNames(items[0].document.title, name, parsed.year) ? 3 : 0);
    const w = new Map(citingDocs.map(([docId, items]) => [docId, weight(items)]));
    citingDocs.sort((a, b) => w.get(b[0])! - w.get(a[0])!); // stable: equal weights keep the newest first
  }
  const pinned: DocumentHit[] = [...namedHits, ...titled];
  for (const [, items] of citingDocs) if (pinned.length < PINNED_MAX) pinned.push(citingHit(items[0].document, items));
  const pinnedIds = new Set(pinned.map((h) => h.document.id));
  const textOffset = Math.max(0, offset - pinned.length);
  const text = await engine.search({ ...textReq, offset: textOffset, limit: limit + pinned.length });
  const rest = text.hits.filter((h) => !pinnedIds.has(h.document.id));
  const merged = [...pinned.slice(offset), ...rest].slice(0, limit);
  const overlap = text.hits.length - rest.length;
  const textIds = new Set(text.hits.map((h) => h.document.id));
  // the pinned documents' passages (citing passages, the named document's opening) count as matching passages
  const pinnedPassages = pinned.filter((h) => !textIds.has(h.document.id)).reduce((n, h) => n + h.passages.length, 0);
  return { ...text, total: text.total + pinned.length - overlap, totalPassages: text.totalPassages + pinnedPassages, hits: merged, ...extra };
}

/** The words of a law's name as typed, folded, without its year or number ("Luật Giáo dục 2019" → luat giao duc). */
function lawNameWords(text: string): string[] | null {
  const words = tokenize(fold(text)).filter((w) => !/\d/.test(w) && w !== 'nam' && w !== 'so');
  return words.length ? words : null;
}

/**
 * How a document's title names a law: 2 = it is the law (or its consolidated text): the title starts with
 * the name ("Bộ luật Lao động", "Luật Luật Thuế thu nhập cá nhân" of a VBHN, "Hiến pháp nước …"), 1 = it
 * names it elsewhere ("Luật sửa đổi … của Luật Giáo dục số 43/2019/QH14"), 0 = not. The name must end
 * there ("Luật Giáo dục" is not "Luật Giáo dục nghề nghiệp"), unless it is a Hiến pháp's; a year in the
 * title other than the one asked for is another version (1).
 */
function titleNames(title: string, name: string[], year: number | undefined): 0 | 1 | 2 {
  const t = tokenize(fold(title));
  const open = name[0] === 'hien' && name[1] === 'phap';
  for (let i = 0; i + name.length <= t.length; i++) {
    if (!name.every((w, k) => t[i + k] === w)) continue;
    const next = t[i + name.length];
    if (!open && next !== undefined && next !== 'so' && next !== 'nam' && next !== 'ngay' && !/^\d/.test(next)) continue;
    const lead = i === 0 || (i === 1 && t[0] === name[0]);
    const years = t.filter((w) => /^(19|20)\d\d$/.test(w)).map(Number);
    return lead && !(year && years.length && !years.includes(year)) ? 2 : 1;
  }
  return 0;
}

/** How strongly a document's passages cite a document: amending, replacing or detailing it above a basis line above a mention. */
const RELATION_WEIGHT: Record<string, number> = { 'sua-doi': 4, 'thay-the': 4, 'bai-bo': 3, 'quy-dinh-chi-tiet': 3, 'huong-dan': 3, 'can-cu': 1, mention: 0.5 };
function citingWeight(items: CitingPassage[]): number {
  const seen = new Set<string>();
  let w = 0;
  for (const c of items) if (!seen.has(c.reference.relation)) { seen.add(c.reference.relation); w += RELATION_WEIGHT[c.reference.relation] ?? 0.5; }
  return w;
}

export interface ResolvedReference {
  reference: Reference;
  /** 200: one document in the corpus; 300: candidates; 404: not in the corpus. */
  status: 200 | 300 | 404;
  documents: DocumentSummary[];
  /** References to the same canonical id in the corpus, besides the citing document's own (when asked for). */
  citedElsewhere?: number;
}

/**
 * A short form the text left open ("Thông tư 22", "Nghị quyết 30a", "Thông tư 24/2015"): documents of that kind
 * whose number starts with it (and of that year when given). Several → the caller answers 300 with them.
 */
async function resolvePartial(engine: SearchEngine, r: Reference): Promise<DocumentSummary[]> {
  const lead = fold(r.number ?? '').split('/')[0];
  if (!lead) return [];
  const year = /\/(\d{4})$/.exec(r.number ?? '')?.[1];
  const docs = await engine.findByRefPrefix(year ? `${lead}-${year}` : lead);
  return docs.filter((d) => !r.kind || kindMatches(d.kind, r.kind));
}

/** A document of this kind answers a reference naming that kind: a Thông tư and a Thông tư liên tịch answer each other (kinds registry). */
const kindMatches = (docKind: string, refKind: string): boolean => kindGroup(docKind) === kindGroup(refKind);

/**
 * A document's outgoing references (or a text's), deduplicated by canonical id, each resolved against
 * the corpus as resolveReferenceDocuments resolves it (the documents with that refId; else those whose
 * refId extends it by whole segments), in one batch engine call whatever their number; short forms left
 * partial ("Thông tư 22") by kind, number and year (resolvePartial).
 */
export async function resolveOutgoing(engine: SearchEngine, refs: Reference[], max = 300): Promise<ResolvedReference[]> {
  const seen = new Set<string>();
  const unique = refs.filter((r) => !r.self && !seen.has(r.canonical) && seen.add(r.canonical)).slice(0, max);
  if (!unique.length) return [];
  const full = unique.filter((r) => !r.partial);
  const found = full.length ? await engine.findByRefIds(full.map((r) => r.canonical), { prefix: true }) : new Map<string, DocumentSummary[]>();
  const partial = new Map(await Promise.all(unique.filter((r) => r.partial).map(async (r) => [r.canonical, await resolvePartial(engine, r)] as const)));
  return unique.map((r) => {
    let documents: DocumentSummary[];
    if (r.partial) documents = partial.get(r.canonical) ?? [];
    else {
      const list = found.get(r.canonical) ?? [];
      const exact = list.filter((d) => d.refId === r.canonical);
      documents = exact.length ? exact : list;
    }
    return { reference: r, status: (documents.length === 1 ? 200 : documents.length > 1 ? 300 : 404) as 200 | 300 | 404, documents };
  });
}

/**
 * For the references not in the corpus (404), how many other references to the same id the corpus
 * holds (one batch engine call): "cited in N other places" on the document page.
 */
export async function countCitedElsewhere(engine: SearchEngine, resolved: ResolvedReference[], own: Reference[]): Promise<void> {
  const missing = resolved.filter((o) => o.status === 404);
  if (!missing.length) return;
  const counts = await engine.citingCounts(missing.map((o) => o.reference.canonical));
  const ownCount = new Map<string, number>();
  for (const r of own) if (!r.self) ownCount.set(r.canonical, (ownCount.get(r.canonical) ?? 0) + 1);
  for (const o of missing) o.citedElsewhere = Math.max(0, (counts.get(o.reference.canonical) ?? 0) - (ownCount.get(o.reference.canonical) ?? 0));
}
