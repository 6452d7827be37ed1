/**
 * /openapi.json documents exactly the routes registered on the express app (both directions),
 * and its request parameters come from the zod schemas that validate requests.
 */
import { FACETS } from '../../src/kinds/facets.js';
import { describe, it, expect, afterAll } from 'vitest';
import request from 'supertest';
import { createApp } from '../../src/server.js';
import { loadConfig } from '../../src/config.js';
import { SqliteEngine } from '../../src/engine/sqlite/index.js';

const engine = new SqliteEngine({ file: ':memory:' });
const app = createApp(loadConfig({ LOG_LEVEL: 'silent' }), engine);
afterAll(() => engine.close());

interface Layer { route?: { path: string | string[]; methods: Record<string, boolean> }; handle?: { stack?: Layer[] }; rawPath?: string | string[]; name?: string; slash?: boolean }

/** Every (method, path) the app answers, walking mounted routers (express 5 keeps a layer's rawPath). */
function expressRoutes(stack: Layer[], prefix = ''): string[] {
  const out: string[] = [];
  for (const layer of stack) {
    if (layer.route) {
      const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
      for (const p of paths) {
        for (const [m, on] of Object.entries(layer.route.methods)) {
          if (on && m !== '_all' && m !== 'options' && m !== 'head') out.push(`${m.toUpperCase()} ${(prefix + p).replace(/\/$/, '') || '/'}`);
        }
      }
    } else if (layer.handle?.stack) {
      const raw = layer.rawPath;
      if (typeof raw !== 'string') throw new Error(`cannot tell where router "${layer.name}" is mounted (rawPath ${JSON.stringify(raw)})`);
      out.push(...expressRoutes(layer.handle.stack, layer.slash ? prefix : prefix + raw.replace(/\/$/, '')));
    }
  }
  return out;
}

const toOpenApiPath = (p: string) => p.replace(/:(\w+)/g, '{$1}');

describe('/openapi.json', () => {
  it('is an OpenAPI 3.1 document with security schemes for portal keys and the admin token', async () => {
    const res = await request(app).get('/openapi.json').expect(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.components.securitySchemes).sort()).toEqual(['adminToken', 'apiKeyHeader', 'apiKeyQuery']);
  });

  it('lists every route registered in the app, and nothing else', async () => {
    const doc = (await request(app).get('/openapi.json').expect(200)).body;
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>)
      .flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`)).sort();
    const registered = [...new Set(expressRoutes((app as unknown as { router: { stack: Layer[] } }).router.stack).map((r) => { const [m, p] = r.split(' '); return `${m} ${toOpenApiPath(p)}`; }))].sort();
    expect(registered.length).toBeGreaterThan(8);
    expect(registered.filter((r) => !documented.includes(r)), 'registered in express but not in /openapi.json').toEqual([]);
    expect(documented.filter((r) => !registered.includes(r)), 'in /openapi.json but not registered').toEqual([]);
  });

  it('describes /api/search parameters from the request schema (defaults, bounds, enums)', async () => {
    const doc = (await request(app).get('/openapi.json').expect(200)).body;
    const params = doc.paths['/api/search'].get.parameters as { name: string; in: string; schema: Record<string, unknown> }[];
    const by = Object.fromEntries(params.map((p) => [p.name, p]));
    // one parameter per facet of the registry (src/kinds/facets.ts), and the rest
    expect(Object.keys(by).sort()).toEqual([...FACETS.map((f) => f.key), 'from', 'limit', 'offset', 'passages', 'prefix', 'q', 'sort', 'to'].sort());
    expect(Object.keys(by)).toEqual(expect.arrayContaining(['kind', 'issuer', 'year']));
    expect(by.limit.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 50, default: 10 });
    expect(by.sort.schema.enum).toEqual(['relevance', 'date']);
    expect(by.kind.schema).toMatchObject({ type: 'array' });
    const docParams = doc.paths['/api/documents/{id}'].get.parameters;
    expect(docParams).toEqual([expect.objectContaining({ name: 'id', in: 'path', required: true })]);
  });

  it('every path parameter in a path template is declared', async () => {
    const doc = (await request(app).get('/openapi.json').expect(200)).body;
    for (const [p, ops] of Object.entries(doc.paths as Record<string, Record<string, { parameters: { name: string; in: string }[] }>>)) {
      const names = [...p.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      for (const [m, op] of Object.entries(ops)) {
        expect(op.parameters.filter((x) => x.in === 'path').map((x) => x.name).sort(), `${m} ${p}`).toEqual(names);
      }
    }
  });
});
