/**
 * /openapi.json: the public API for integrators, generated from the same zod schemas that validate
 * requests (zod 4's native z.toJSONSchema, input side, so query strings are described as sent).
 *
 * Every route registered on the express app must be described here (tests/api/openapi.test.ts checks
 * both directions). A module that adds routes describes them with documentRoute({...}) next to them:
 *
 *   documentRoute({ method: 'get', path: '/api/refs/{refId}', summary: '…', params: RefParams, responses: { 200: '…' } });
 */
import { FACETS } from '../kinds/facets.js';
import { z } from 'zod';
import type { Config } from '../config.js';
import { SearchQuery, DocumentParams, CitingQuery } from './schemas.js';
import { AdminDocument, UploadQuery } from './admin.js';

type Method = 'get' | 'post' | 'delete' | 'put' | 'patch';

export interface OpenApiRoute {
  method: Method;
  /** OpenAPI style path: "/api/documents/{id}". */
  path: string;
  summary: string;
  description?: string;
  tags?: string[];
  query?: z.ZodObject;
  params?: z.ZodObject;
  /** JSON request body. */
  body?: z.ZodType;
  /** Other request media types (e.g. multipart upload). */
  bodyMedia?: Record<string, { schema: object }>;
  /** status → description, or description + JSON schema (zod) of the body, or a media type. */
  responses: Record<number, string | { description: string; json?: z.ZodType; media?: string }>;
  /** 'portal' = public or portal key; 'admin' = bearer token; 'none' = open. */
  auth?: 'portal' | 'admin' | 'none';
}

const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
}).meta({ id: 'Error' });

const DocumentSummary = z.object({
  id: z.string(), kind: z.string(), number: z.string().optional(), refId: z.string().optional(), title: z.string(),
  issuer: z.string().optional(), issuedAt: z.string().optional(), url: z.string().optional(),
  link: z.string().describe('Page of the document (absolute when PUBLIC_BASE_URL is set)').optional(),
}).meta({ id: 'DocumentSummary' });

const SearchResponse = z.object({
  query: z.object({ q: z.string(), limit: z.number(), offset: z.number(), sort: z.string() }),
  total: z.number().describe('Matching documents'),
  totalPassages: z.number().describe('Matching passages'),
  totalIsEstimate: z.boolean().optional().describe('true when total, totalPassages and facet counts are estimates (queries made only of very common words)'),
  budget: z.array(z.enum(['prefix', 'terms', 'passages'])).optional().describe('What the per-request cost budget reduced: a one-letter prefix word, words beyond the first 12, passages per document beyond 100 per page'),
  facets: z.object(Object.fromEntries(FACETS.map((f) => [f.key, z.array(z.object({ value: z.string(), count: z.number() }))]))),
  hits: z.array(z.object({
    document: DocumentSummary,
    score: z.number(),
    passages: z.array(z.object({
      id: z.string(), anchor: z.string(), headingPath: z.string(), ordinal: z.number(),
      snippet: z.string().describe('HTML: everything escaped except <mark>…</mark>'),
      link: z.string().describe('Permalink of the passage: /d/{docId}#{anchor}'),
      refs: z.array(z.object({ raw: z.string(), canonical: z.string(), link: z.string() }).passthrough()),
    })),
  })),
}).meta({ id: 'SearchResponse' });

const routes: OpenApiRoute[] = [
  { method: 'get', path: '/api/search', tags: ['search'], auth: 'portal', summary: 'Search passages, grouped by document',
    description: 'Diacritic-insensitive full-text search. A portal key\'s scope is applied to every search made with it.',
    query: SearchQuery, responses: { 200: { description: 'Hits grouped by document, with facets', json: SearchResponse }, 400: 'Invalid parameters', 401: 'Unknown key, or a key is required', 403: 'Origin not allowed', 429: 'Rate limited (Retry-After)', 503: 'Engine unavailable (Retry-After)' } },
  { method: 'get', path: '/api/documents/{id}', tags: ['documents'], auth: 'portal', summary: 'One document with its passages, references and the passages citing it',
    params: DocumentParams, responses: { 200: 'The document', 404: 'No such document (or outside the key\'s scope)', 429: 'Rate limited' } },
  { method: 'get', path: '/api/documents/{id}/cited-by', tags: ['documents'], auth: 'portal', summary: 'Passages citing this document',
    params: DocumentParams, query: CitingQuery, responses: { 200: 'Citing passages', 404: 'No such document' } },
  { method: 'get', path: '/api/documents/{id}/relations', tags: ['documents'], auth: 'portal', summary: 'Typed relations in both directions ("Lược đồ"), with evidence passages and the derived status',
    description: 'groups: [{key, relation (can-cu | quy-dinh-chi-tiet | huong-dan | sua-doi | thay-the | bai-bo | hop-nhat | mention), direction (out: this document does it; in: others do it to this one), label, items: [{document|null, canonical, number, status 200|300|404, evidence {docId, anchor, headingPath, text, link}}]}]; status: {status: amended | replaced | repealed, by: [documents, newest first]} or null.',
    params: DocumentParams, responses: { 200: 'The relations', 404: 'No such document' } },
  { method: 'get', path: '/api/health', tags: ['operations'], auth: 'none', summary: 'Engine health', responses: { 200: 'ok', 503: 'degraded (Retry-After)' } },
  { method: 'post', path: '/api/admin/documents', tags: ['admin'], auth: 'admin', summary: 'Add or replace a document (JSON) or ingest an uploaded file',
    description: 'JSON body: a document; multipart/form-data with a "file" field, or a raw body named by ?name= / X-Filename: a file to ingest. Bodies over MAX_UPLOAD_MB → 413. Disabled (404) without ADMIN_TOKEN.',
    query: UploadQuery, body: AdminDocument,
    bodyMedia: { 'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] } }, 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
    responses: { 201: 'Ingested: {documents, passages?, notes}', 400: 'Invalid document', 401: 'Missing or wrong bearer token', 404: 'Admin API disabled', 413: 'Body too large', 415: 'Upload not available', 422: 'No text could be extracted' } },
  { method: 'delete', path: '/api/admin/documents/{id}', tags: ['admin'], auth: 'admin', summary: 'Delete a document', params: DocumentParams,
    responses: { 204: 'Deleted', 401: 'Missing or wrong bearer token', 404: 'No such document, or admin API disabled' } },
  { method: 'get', path: '/openapi.json', tags: ['operations'], auth: 'none', summary: 'This document', responses: { 200: 'OpenAPI 3.1' } },
  { method: 'get', path: '/metrics', tags: ['operations'], auth: 'none', summary: 'Prometheus metrics', responses: { 200: { description: 'Prometheus text format', media: 'text/plain' } } },
  { method: 'get', path: '/widget.js', tags: ['widget'], auth: 'none', summary: 'The embeddable search widget (script)', responses: { 200: { description: 'JavaScript', media: 'application/javascript' } } },
  { method: 'get', path: '/widget.css', tags: ['widget'], auth: 'none', summary: 'Widget stylesheet (fallback for browsers without constructable stylesheets)', responses: { 200: { description: 'CSS', media: 'text/css' } } },
  { method: 'get', path: '/', tags: ['pages'], auth: 'none', summary: 'Search page (HTML)', query: SearchQuery, responses: { 200: { description: 'HTML', media: 'text/html' }, 400: 'Invalid parameters (HTML)' } },
  { method: 'get', path: '/d/{id}', tags: ['pages'], auth: 'none', summary: 'Document page (HTML) with table of contents, references and citing documents', params: DocumentParams,
    query: z.object({ q: z.string().max(500).optional().describe('Words to highlight') }), responses: { 200: { description: 'HTML', media: 'text/html' }, 404: 'No such document (HTML)' } },
  { method: 'get', path: '/r/{canonical}', tags: ['pages'], auth: 'none', summary: 'Follow a canonical reference id to its document',
    params: z.object({ canonical: z.string().describe('Canonical reference id, e.g. 71-2020-nd-cp') }), query: z.object({ at: z.string().regex(/^[a-z0-9-]{1,80}$/).optional().describe('Anchor in the target document') }),
    responses: { 302: 'Redirect to the document', 300: 'Several candidates (HTML)', 404: 'Not in the corpus (HTML)' } },
  { method: 'get', path: '/widget-demo', tags: ['pages'], auth: 'none', summary: 'Widget demo: the embed snippet and a live widget', responses: { 200: { description: 'HTML', media: 'text/html' } } },
];

/** Describe a route added by another module (idempotent per method + path). */
export function documentRoute(r: OpenApiRoute): void {
  const i = routes.findIndex((x) => x.method === r.method && x.path === r.path);
  if (i >= 0) routes[i] = r; else routes.push(r);
}

const jsonSchema = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;

function parameters(schema: z.ZodObject | undefined, where: 'query' | 'path') {
  if (!schema) return [];
  const js = jsonSchema(schema) as { properties?: Record<string, Record<string, unknown>>; required?: string[] };
  return Object.entries(js.properties ?? {}).map(([name, s]) => {
    const { description, ...rest } = s;
    const list = Array.isArray(rest.anyOf) && (rest.anyOf as { type?: string }[]).some((x) => x.type === 'array');
    return {
      name, in: where, required: where === 'path' || (js.required ?? []).includes(name) && rest.default === undefined,
      ...(description ? { description } : {}),
      // Lists are sent as repeated parameters or comma-separated values.
      schema: list ? { type: 'array', items: { type: 'string' } } : rest,
      ...(list ? { style: 'form', explode: true } : {}),
    };
  });
}

/** Build the OpenAPI 3.1 document. */
export function buildOpenApi(config: Pick<Config, 'publicBaseUrl' | 'publicSearch'>): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const responses: Record<string, unknown> = {};
    for (const [status, v] of Object.entries(r.responses)) {
      const d = typeof v === 'string' ? { description: v } : v;
      const content = d.json ? { 'application/json': { schema: jsonSchema(d.json) } }
        : d.media ? { [d.media]: {} }
        : Number(status) >= 400 && !r.tags?.includes('pages') ? { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } : undefined;
      responses[status] = { description: d.description, ...(content ? { content } : {}) };
    }
    const body = r.body || r.bodyMedia ? {
      requestBody: { required: true, content: { ...(r.body ? { 'application/json': { schema: jsonSchema(r.body) } } : {}), ...(r.bodyMedia ?? {}) } },
    } : {};
    const security = r.auth === 'admin' ? [{ adminToken: [] }]
      : r.auth === 'portal' ? [{ apiKeyHeader: [] }, { apiKeyQuery: [] }, ...(config.publicSearch ? [{}] : [])]
      : undefined;
    (paths[r.path] ??= {})[r.method] = {
      summary: r.summary, ...(r.description ? { description: r.description } : {}), ...(r.tags ? { tags: r.tags } : {}),
      parameters: [...parameters(r.params, 'path'), ...parameters(r.query, 'query')],
      ...body, responses, ...(security ? { security } : {}),
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'policy-search', version: '0.1.0',
      description: 'Full-text search and citation lookup over Vietnamese policy documents. Errors are JSON {error: {code, message, details}}. '
        + 'Portal keys: send X-Api-Key (server side) or ?key= (the widget); browsers may call the API only from the key\'s allowed origins.',
    },
    ...(config.publicBaseUrl ? { servers: [{ url: config.publicBaseUrl }] } : {}),
    paths,
    components: {
      schemas: { Error: jsonSchema(ErrorBody) },
      securitySchemes: {
        apiKeyHeader: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
        apiKeyQuery: { type: 'apiKey', in: 'query', name: 'key' },
        adminToken: { type: 'http', scheme: 'bearer', description: 'ADMIN_TOKEN' },
      },
    },
  };
}
