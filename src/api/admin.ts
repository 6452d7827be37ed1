/**
 * Admin endpoints (Authorization: Bearer ADMIN_TOKEN, compared in constant time):
 *   POST   /api/admin/documents       JSON AdminDocument → deps.ingestRecord (201)
 *                                     multipart/form-data (field "file") or a raw body (any other type,
 *                                     file name from ?name= or X-Filename) → deps.ingestFile (201)
 *                                     bodies over Config.maxUploadBytes → 413
 *   DELETE /api/admin/documents/:id   204, or 404 when there is no such document
 * Without ADMIN_TOKEN the routes exist but answer 404 "admin API disabled", so nobody can probe a default token.
 */
import express, { type Express, type Request, type RequestHandler } from 'express';
import { z } from 'zod';
import type { Config } from '../config.js';
import type { SearchEngine } from '../engine/types.js';
import { AppError } from '../errors.js';
import { safeEqual } from './security.js';
import { rateLimit } from 'express-rate-limit';
import { DocumentParams } from './schemas.js';

/** A document posted as JSON. Only `text` is required; the parser fills what is missing from the text itself. */
export const AdminDocument = z.object({
  id: z.string().min(1).max(200).regex(/^[A-Za-z0-9._~-]+$/, 'id may use letters, digits and . _ ~ -').optional(),
  text: z.string().min(1, 'text must not be empty'),
  title: z.string().max(2000).optional(),
  number: z.string().max(200).optional(),
  kind: z.string().max(100).optional(),
  issuer: z.string().max(500).optional(),
  issuedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'issuedAt must be YYYY-MM-DD').optional(),
  url: z.url().optional(),
  status: z.string().max(500).optional(),
}).strict();
export type AdminDocument = z.infer<typeof AdminDocument>;

export const UploadQuery = z.object({
  name: z.string().min(1).max(255).optional(),
}).strict();

/** What an ingest reports for one upload. */
export interface AdminIngestResult { documents: string[]; passages?: number; notes: string[] }

/** Ingestion arrives from the caller (the CLI wires ingest/upload.ts): api/ never parses documents itself. */
export interface AdminDeps {
  /** Ingest one uploaded file; absent when the deployment offers no file upload. */
  ingestFile?: (name: string, bytes: Buffer) => Promise<AdminIngestResult>;
  /** Ingest one JSON document (text + metadata hints); absent when the deployment offers no JSON upload. */
  ingestRecord?: (rec: { id?: string; text: string; url?: string; meta: Omit<AdminDocument, 'id' | 'text' | 'url'> }) => Promise<AdminIngestResult>;
}

function requireAdmin(config: Config): RequestHandler {
  return (req, res, next) => {
    if (!config.adminToken) return next(new AppError('not_found', 'The admin API is disabled: set ADMIN_TOKEN to enable it.'));
    const m = /^Bearer\s+(.+)$/i.exec(req.get('authorization') ?? '');
    if (!m || !safeEqual(m[1].trim(), config.adminToken)) {
      res.set('WWW-Authenticate', 'Bearer realm="policy-search admin"');
      return next(new AppError('unauthorized', 'Admin endpoints need "Authorization: Bearer <ADMIN_TOKEN>".'));
    }
    next();
  };
}

function fileNameOf(req: Request): string | undefined {
  const q = UploadQuery.parse(req.query);
  const cd = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(req.get('content-disposition') ?? '');
  return q.name ?? req.get('x-filename') ?? (cd ? decodeURIComponent(cd[1]) : undefined);
}

/** Admin requests per minute per token. */
export const ADMIN_PER_MINUTE = 600;

/** Bodies of these types are JSON documents; any other body is a file to ingest. */
const JSON_TYPE = /^application\/(.+\+)?json\b/i;

/** Registers the admin routes directly on the app (full paths, so the OpenAPI route check sees them). */
export function mountAdmin(app: Express, config: Config, engine: SearchEngine, deps: AdminDeps): void {
  // Authenticated admin calls are limited per token (not per IP): ADMIN_PER_MINUTE.
  const perToken = rateLimit({
    windowMs: 60_000, limit: ADMIN_PER_MINUTE, standardHeaders: 'draft-7', legacyHeaders: false,
    keyGenerator: () => 'admin-token',
    handler: (_req, _res, next, options) => next(new AppError('rate_limited', 'Too many admin requests for this token; retry in 60 s.', { retryAfter: Math.ceil(options.windowMs / 1000) })),
  });
  const auth: RequestHandler[] = [requireAdmin(config), perToken];
  const limit = config.maxUploadBytes;
  const json = express.json({ limit, type: ['application/json', 'application/*+json'] });
  const raw = express.raw({ limit, type: (req) => !JSON_TYPE.test(String(req.headers['content-type'] ?? '')) });

  app.post('/api/admin/documents', ...auth, json, raw, async (req, res) => {
    const type = String(req.get('content-type') ?? '');
    if (JSON_TYPE.test(type)) {
      const { id, text, url, ...meta } = AdminDocument.parse(req.body);
      if (!deps.ingestRecord) throw new AppError('unsupported_format', 'JSON documents are not accepted by this deployment.');
      res.status(201).json(await deps.ingestRecord({ id, text, url, meta }));
      return;
    }
    if (!deps.ingestFile) throw new AppError('unsupported_format', 'File upload is not available in this deployment; POST a JSON document {text, …} instead.');
    const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    let name = fileNameOf(req);
    let content = bytes;
    if (/^multipart\/form-data\b/i.test(type)) {
      // Node's own WHATWG Request parses multipart bodies; the size was already bounded by express.raw.
      const form = await new Request('http://upload.local/', { method: 'POST', headers: { 'content-type': type }, body: new Uint8Array(bytes) }).formData()
        .catch((e: unknown) => { throw new AppError('bad_request', `Invalid multipart body: ${(e as Error).message}`); });
      const file = form.get('file');
      if (!file || typeof file === 'string') throw new AppError('bad_request', 'The multipart body needs a file field named "file".');
      name = file.name || name;
      content = Buffer.from(await file.arrayBuffer());
    }
    if (!content.length) throw new AppError('empty_file', 'The uploaded file is empty.');
    if (!name) throw new AppError('bad_request', 'Name the uploaded file: ?name=…, X-Filename, or a multipart file field.');
    const result = await deps.ingestFile(name, content);
    if (!result.documents.length) {
      throw new AppError('extract_failed', `No document could be read from "${name}".`, { details: result.notes });
    }
    res.status(201).json({ documents: result.documents, notes: result.notes });
  });

  app.delete('/api/admin/documents/:id', ...auth, async (req, res) => {
    const { id } = DocumentParams.parse(req.params);
    if (!(await engine.delete(id))) throw new AppError('not_found', `No document with id "${id}".`);
    res.status(204).end();
  });
}
