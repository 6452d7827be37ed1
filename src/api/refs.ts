/**
 * Reference routes, like CourtListener's citation lookup:
 *   POST /api/citations {text}  → every reference in the text, with spans, canonical ids, status and links
 *   GET  /api/refs/:canonical   → 200 document + citing passages | 300 candidates | 404 parsed reference
 *   GET  /api/refs?q=<written>  → the same for any written form ("nd 71/2020", "Công văn 3414/BGDĐT-GDTrH")
 */
import express, { type Router } from 'express';
import { z } from 'zod';
import type { Reference } from '../refs/model.js';
import { findReferences, isoDate, parsePartialReference, parseReference, type PartialReference } from '../refs/index.js';
import type { DocumentSummary, Service } from '../service/index.js';
import { AppError } from '../errors.js';
import { docLink, refLink } from '../service/links.js';
import { derivedStatus, statusHint } from '../service/relations.js';
import { portalOf } from './security.js';
import { documentRoute } from './openapi.js';

export const MAX_CITATION_TEXT = 64_000;
export const MAX_CITATIONS = 250;

export const CitationsBody = z.object({
  text: z.string({ error: 'text is required and must be a string' }),
  /** the citing document's date: a law cited by name without its own date means the version in force then */
  date: z.string().refine((d) => isoDate(d) !== undefined, 'date must be YYYY-MM-DD (or dd/mm/yyyy)').optional(),
}).strict();

export const RefsQuery = z.object({
  q: z.string().min(1, 'q is required').max(300),
  limit: z.coerce.number().int().min(1).max(200).default(20),
}).strict();

export const RefParams = z.object({ canonical: z.string().min(1).max(120).regex(/^[a-z0-9-]+$/, 'a canonical id is lower-case ASCII letters, digits and hyphens') });
export const RefLimit = z.object({ limit: z.coerce.number().int().min(1).max(200).default(20) }).strict();

documentRoute({ method: 'post', path: '/api/citations', tags: ['references'], auth: 'portal', summary: 'Find every reference in a text',
  description: `Body {text, date?}: date is the citing document's date (a law cited by name without its own date or year resolves to the version in force then; with no date anywhere it is 300 with candidates). Returns [{raw, start, end, canonical, kind, number, pinpoint, relation, status: 200|300|404, candidates?, documents: [{id, title, url}]}]. Offsets are UTF-16 indices into text. At most ${MAX_CITATION_TEXT} characters (413) and ${MAX_CITATIONS} references (422) per request.`,
  body: CitationsBody, responses: { 200: 'The references found, in order', 400: 'Invalid body', 413: 'Text too long', 422: 'Too many references' } });
documentRoute({ method: 'get', path: '/api/refs/{canonical}', tags: ['references'], auth: 'portal', summary: 'Resolve a canonical reference id',
  params: RefParams, query: RefLimit, responses: { 200: 'The document and the passages citing it (document null when only citations of it are in the corpus, with derivedStatus: who amends, replaces or repeals it)', 300: 'Several candidates (an administrative number without a year)', 404: 'Neither it nor any citation of it is in the corpus' } });
documentRoute({ method: 'get', path: '/api/refs', tags: ['references'], auth: 'portal', summary: 'Resolve any written form of a reference ("nd 71/2020", "Công văn 3414/BGDĐT-GDTrH")',
  query: RefsQuery, responses: { 200: 'The document and the passages citing it', 300: 'Several candidates', 400: 'Not a reference', 404: 'Not in the corpus; the parsed reference is in error.details' } });

export interface RefRouteOptions {
  absolute: (path: string) => string;
}

function docOut(d: DocumentSummary, absolute: (p: string) => string) {
  return { id: d.id, title: d.title, number: d.number, kind: d.kind, issuedAt: d.issuedAt, url: absolute(docLink(d.id)), sourceUrl: d.url };
}

export function refsRouter(service: Service, opts: RefRouteOptions): Router {
  const router = express.Router();
  async function answer(res: express.Response, parsed: PartialReference & { raw?: string }, reference: Reference | null, limit: number) {
    const docs = await service.resolve(parsed, portalOf(res).scope); // a key's scope hides documents outside it
    const body = { reference: reference ?? parsed, canonical: parsed.canonical ?? null };
    if (docs.length > 1) {
      res.status(300).json({ ...body, status: 300, candidates: docs.map((d) => docOut(d, opts.absolute)) });
      return;
    }
    if (!docs.length) {
      // Not in the corpus but cited: who cites it, and who amends, replaces or repeals it (200, document null)
      const id = parsed.canonical ?? parsed.canonicalPrefix?.replace(/-+$/, '');
      const citing = id ? await service.citing(id, portalOf(res).scope, { limit }) : { total: 0, items: [] };
      if (citing.total > 0) {
        const st = derivedStatus(citing.items);
        res.json({
          ...body, status: 200, document: null,
          citedBy: { total: citing.total, items: citing.items.map((c) => ({ ...c, link: opts.absolute(docLink(c.docId, c.anchor)) })) },
          derivedStatus: st ? { status: st.status, by: st.by.map((d) => docOut(d, opts.absolute)) } : null,
          statusHint: statusHint(citing.items) ?? null,
        });
        return;
      }
      throw new AppError('reference_not_found', `No document in the corpus matches "${parsed.canonical ?? parsed.canonicalPrefix ?? parsed.number}".`, { details: body });
    }
    const d = docs[0];
    const citing = await service.citing(d.refId, portalOf(res).scope, { limit });
    res.json({
      ...body, status: 200, document: docOut(d, opts.absolute),
      citedBy: {
        total: citing.total,
        items: citing.items.map((c) => ({ ...c, link: opts.absolute(docLink(c.docId, c.anchor)) })),
      },
    });
  }

  router.get('/refs/:canonical', async (req, res) => {
    const { canonical } = RefParams.parse(req.params);
    const { limit } = RefLimit.parse(req.query);
    await answer(res, { canonical, canonicalPrefix: canonical, number: canonical }, null, limit);
  });

  router.get('/refs', async (req, res) => {
    const { q, limit } = RefsQuery.parse(req.query);
    const full = parseReference(q);
    const parsed: PartialReference | null = full
      ? { kind: full.kind, number: full.number, year: full.year, typeCode: full.typeCode, issuerCodes: full.issuerCodes, canonical: full.canonical, canonicalPrefix: full.canonical }
      : parsePartialReference(q);
    if (!parsed || !(parsed.canonical || parsed.canonicalPrefix)) {
      throw new AppError('bad_request', `"${q}" does not look like a document reference (e.g. "71/2020/NĐ-CP", "nd 71/2020", "Công văn 3414/BGDĐT-GDTrH").`, { details: { field: 'q' } });
    }
    await answer(res, parsed, full, limit);
  });

  router.post('/citations', express.json({ limit: '512kb' }), async (req, res) => {
    const { text, date } = CitationsBody.parse(req.body ?? {});
    if (text.length > MAX_CITATION_TEXT) {
      throw new AppError('payload_too_large', `text has ${text.length} characters; at most ${MAX_CITATION_TEXT} are accepted per request.`, { details: { field: 'text', max: MAX_CITATION_TEXT } });
    }
    const refs = findReferences(text, { date: isoDate(date) }).filter((r) => !r.self);
    if (refs.length > MAX_CITATIONS) {
      throw new AppError('too_many_references', `The text holds ${refs.length} references; at most ${MAX_CITATIONS} are looked up per request. Split the text.`, { details: { found: refs.length, max: MAX_CITATIONS } });
    }
    // Each canonical id is looked up once (resolveAll dedupes), narrowed to the key's scope.
    const resolved = await service.resolveAll(refs, portalOf(res).scope, MAX_CITATIONS);
    const lookups = new Map(resolved.map((o) => [o.reference.canonical, o.documents]));
    res.json(refs.map((r) => {
      const docs = lookups.get(r.canonical) ?? [];
      return {
        raw: r.raw, start: r.start, end: r.end, canonical: r.canonical, kind: r.kind, number: r.number, family: r.family,
        year: r.year, date: r.date, pinpoint: r.pinpoint, relation: r.relation,
        // a reference the text leaves open (a law by name with no date anywhere) is 300 with its candidates
        status: r.candidates?.length ? 300 : docs.length === 1 ? 200 : docs.length > 1 ? 300 : 404,
        ...(r.candidates?.length ? { candidates: r.candidates } : {}),
        link: opts.absolute(refLink(r)),
        documents: docs.map((d) => docOut(d, opts.absolute)),
      };
    }));
  });

  return router;
}
