/**
 * Configuration: environment → typed, validated config. Invalid settings stop the start with a
 * message naming the variable (see loadConfig).
 */
import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');
const csv = z.string().transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));

export const PortalKey = z.object({
  key: z.string().min(16, 'portal keys must be at least 16 characters'),
  name: z.string().default('portal'),
  /** Origins allowed to call the API from a browser with this key (exact match, e.g. "https://sgddt.sonla.gov.vn"). */
  origins: z.array(z.string()).default([]),
  /** Filters applied to every search made with this key. */
  scope: z.object({
    kind: z.array(z.string()).optional(),
    issuer: z.array(z.string()).optional(),
    docIdPrefix: z.array(z.string()).optional(),
  }).optional(),
  /** Requests per minute for this key. */
  ratePerMinute: z.number().int().positive().default(600),
  /** Search cost units per minute for this key (src/service/cost.ts searchCost; src/api/cost-limit.ts). */
  costPerMinute: z.number().int().positive().default(2400),
});
export type PortalKey = z.infer<typeof PortalKey>;

/**
 * Bounds on every ingest input (files, DOCX/ZIP parts, JSONL lines, extracted documents). A file or
 * record past a bound fails alone with code 'limit_exceeded' naming the bound; the run goes on.
 * Set by the INGEST_MAX_* variables or the `ingest` command's --max-* options (README, "Ingest limits").
 */
export interface IngestLimits {
  /** Largest file read (bytes; JSONL files are streamed and bounded per line instead). */
  maxFileBytes: number;
  /** Most bytes inflated from one DOCX (its XML parts together), counted while inflating; mammoth needs ~80× that in memory. */
  maxInflatedBytes: number;
  /** Most characters of extracted text per document. */
  maxChars: number;
  /** Most passages per document. */
  maxPassages: number;
  /** Longest JSONL line (bytes); a longer line is skipped without being held in memory. */
  maxLineBytes: number;
}

const MB = 1024 * 1024;
export const DEFAULT_INGEST_LIMITS: Readonly<IngestLimits> = Object.freeze({
  maxFileBytes: 32 * MB,
  maxInflatedBytes: 8 * MB,
  maxChars: 3_000_000,
  maxPassages: 20_000,
  maxLineBytes: 16 * MB,
});

const Env = z.object({
  ENGINE: z.enum(['sqlite', 'meilisearch']).default('sqlite'),
  DATA_DIR: z.string().default('./data'),
  CORPUS_DIR: z.string().default('./corpus'),
  MEILI_HOST: z.string().url().optional(),
  MEILI_API_KEY: z.string().optional(),
  MEILI_INDEX_PREFIX: z.string().regex(/^[A-Za-z0-9_-]*$/).default('policy_'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_BASE_URL: z.string().url().optional(),
  ADMIN_TOKEN: z.string().min(16, 'ADMIN_TOKEN must be at least 16 characters').optional(),
  CORS_ORIGINS: csv.default([]),
  PORTAL_KEYS: z.string().optional(),
  PUBLIC_SEARCH: bool.default(true),
  RATE_PER_MINUTE_IP: z.coerce.number().int().positive().default(300),
  SEARCH_COST_PER_MINUTE_IP: z.coerce.number().int().positive().default(1200),
  RESPONSE_CACHE_MB: z.coerce.number().min(0).default(64),
  MAX_UPLOAD_MB: z.coerce.number().positive().default(25),
  LOG_LEVEL: z.enum(['silent', 'fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
  METRICS_TOKEN: z.string().min(16, 'METRICS_TOKEN must be at least 16 characters').optional(),
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  INGEST_MAX_FILE_MB: z.coerce.number().positive().default(DEFAULT_INGEST_LIMITS.maxFileBytes / MB),
  INGEST_MAX_INFLATED_MB: z.coerce.number().positive().default(DEFAULT_INGEST_LIMITS.maxInflatedBytes / MB),
  INGEST_MAX_CHARS: z.coerce.number().int().positive().default(DEFAULT_INGEST_LIMITS.maxChars),
  INGEST_MAX_PASSAGES: z.coerce.number().int().positive().default(DEFAULT_INGEST_LIMITS.maxPassages),
  INGEST_MAX_LINE_MB: z.coerce.number().positive().default(DEFAULT_INGEST_LIMITS.maxLineBytes / MB),
  SEARCH_WORKERS: z.coerce.number().int().min(0).max(64).optional(),
  SEARCH_QUEUE: z.coerce.number().int().positive().optional(),
});

export interface Config {
  engine: 'sqlite' | 'meilisearch';
  dataDir: string;
  corpusDir: string;
  meili?: { host: string; apiKey?: string; indexPrefix: string };
  port: number;
  host: string;
  publicBaseUrl?: string;
  adminToken?: string;
  corsOrigins: string[];
  portalKeys: PortalKey[];
  publicSearch: boolean;
  ratePerMinuteIp: number;
  /** Search cost units per minute per IP address without a key (src/api/cost-limit.ts). */
  searchCostPerMinuteIp: number;
  /** Bytes of serialized answers the response cache holds (src/api/cache.ts); 0 = no cache. */
  responseCacheBytes: number;
  maxUploadBytes: number;
  /** pino's level for the service log (the request log is at info, 4xx at warn, 5xx at error). */
  logLevel: 'silent' | 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
  /** When set, GET /metrics needs `Authorization: Bearer <token>`. */
  metricsToken?: string;
  /** When set, /metrics is served on this port only (not on the main port). */
  metricsPort?: number;
  ingestLimits: IngestLimits;
  /** sqlite serve: worker threads for reads (default: the cores; 0 = in the server's own thread) and the bounded queue (default 32 per worker). */
  searchWorkers?: number;
  searchQueue?: number;
}

export class ConfigError extends Error {
  constructor(message: string) { super(message); this.name = 'ConfigError'; }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const clean = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = Env.safeParse(clean);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.ENGINE === 'meilisearch' && !e.MEILI_HOST) {
    throw new ConfigError('Invalid configuration:\n  MEILI_HOST: required when ENGINE=meilisearch (e.g. http://127.0.0.1:7700)');
  }
  let portalKeys: PortalKey[] = [];
  if (e.PORTAL_KEYS) {
    let raw: unknown;
    try { raw = JSON.parse(e.PORTAL_KEYS); } catch (err) {
      throw new ConfigError(`Invalid configuration:\n  PORTAL_KEYS: not valid JSON (${(err as Error).message})`);
    }
    const keys = z.array(PortalKey).safeParse(raw);
    if (!keys.success) {
      throw new ConfigError(`Invalid configuration:\n${keys.error.issues.map((i) => `  PORTAL_KEYS[${i.path.join('.')}]: ${i.message}`).join('\n')}`);
    }
    portalKeys = keys.data;
  }
  return {
    engine: e.ENGINE,
    dataDir: e.DATA_DIR,
    corpusDir: e.CORPUS_DIR,
    meili: e.MEILI_HOST ? { host: e.MEILI_HOST, apiKey: e.MEILI_API_KEY, indexPrefix: e.MEILI_INDEX_PREFIX } : undefined,
    port: e.PORT,
    host: e.HOST,
    publicBaseUrl: e.PUBLIC_BASE_URL?.replace(/\/+$/, ''),
    adminToken: e.ADMIN_TOKEN,
    corsOrigins: e.CORS_ORIGINS,
    portalKeys,
    publicSearch: e.PUBLIC_SEARCH,
    ratePerMinuteIp: e.RATE_PER_MINUTE_IP,
    searchCostPerMinuteIp: e.SEARCH_COST_PER_MINUTE_IP,
    responseCacheBytes: Math.round(e.RESPONSE_CACHE_MB * MB),
    maxUploadBytes: Math.round(e.MAX_UPLOAD_MB * 1024 * 1024),
    logLevel: e.LOG_LEVEL,
    metricsToken: e.METRICS_TOKEN,
    metricsPort: e.METRICS_PORT,
    ingestLimits: {
      maxFileBytes: Math.round(e.INGEST_MAX_FILE_MB * MB),
      maxInflatedBytes: Math.round(e.INGEST_MAX_INFLATED_MB * MB),
      maxChars: e.INGEST_MAX_CHARS,
      maxPassages: e.INGEST_MAX_PASSAGES,
      maxLineBytes: Math.round(e.INGEST_MAX_LINE_MB * MB),
    },
    searchWorkers: e.SEARCH_WORKERS,
    searchQueue: e.SEARCH_QUEUE,
  };
}
