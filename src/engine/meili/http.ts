/**
 * The HTTP client the Meilisearch adapter gives meilisearch-js (its `httpClient` option) instead of
 * the global fetch.
 *
 * Why: with Node's fetch (undici) on a kept-alive connection, most requests to Meilisearch waited
 * ~40 ms more than Meilisearch took to answer (measured: a search Meilisearch processed in 4 ms took
 * 50 ms through fetch, 7–10 ms through node:http, 6–15 ms with curl); a delayed-ACK stall between the
 * separate writes of the request's head and body. node:http sends head and body in one write (`end(body)`)
 * on a keep-alive agent, so a search costs what Meilisearch takes plus the loopback.
 *
 * Contract with meilisearch-js (dist/index.js, HttpRequests): called with (URL, RequestInit) where the
 * body is a string and `signal` aborts with the client's timeout symbol; returns the parsed JSON (or
 * undefined for an empty body). Anything thrown is wrapped by meilisearch-js in MeilisearchRequestError
 * (the timeout symbol becomes MeilisearchRequestTimeOutError), so an API error is thrown as
 * MeilisearchApiError and unwrapped again by meiliCause() (errors.ts maps it). meilisearch-js 0.62 marks
 * `httpClient` deprecated (meilisearch-js issue 1824); tests/engine/meili-contract.test.ts (error mapping on a
 * fake server) and every Meilisearch test run through this client, so a client upgrade that drops it fails loudly.
 */
import http from 'node:http';
import https from 'node:https';
import { MeilisearchApiError, MeilisearchRequestError } from 'meilisearch';

export type HttpClient = (input: RequestInfo | URL, init?: RequestInit) => Promise<unknown>;

/** A Meilisearch API error wrapped by meilisearch-js around what the httpClient threw: the API error itself. */
export function meiliCause(e: unknown): unknown {
  return e instanceof MeilisearchRequestError && e.cause instanceof MeilisearchApiError ? e.cause : e;
}

/** The Meilisearch error code of an API error (index_not_found, document_not_found…), wrapped or not. */
export function meiliCode(e: unknown): string | undefined {
  const x = meiliCause(e);
  return x instanceof MeilisearchApiError ? x.cause?.code : undefined;
}

export function nodeHttpClient(opts: { maxSockets?: number } = {}): HttpClient {
  const agents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets: opts.maxSockets ?? 64 }),
    'https:': new https.Agent({ keepAlive: true, maxSockets: opts.maxSockets ?? 64 }),
  };
  return (input, init = {}) => new Promise((resolve, reject) => {
    const url = input instanceof URL ? input : new URL(typeof input === 'string' ? input : input.url);
    const lib = url.protocol === 'https:' ? https : http;
    const agent = url.protocol === 'https:' ? agents['https:'] : agents['http:'];
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((v, k) => { headers[k] = v; });
    const body = typeof init.body === 'string' ? init.body : init.body == null ? undefined : String(init.body);
    if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
    const signal = init.signal;
    if (signal?.aborted) { reject(signal.reason); return; }
    const req = lib.request(url, { method: init.method ?? 'GET', headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', fail);
      res.on('end', () => {
        signal?.removeEventListener('abort', onAbort);
        const text = Buffer.concat(chunks).toString('utf8');
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 300) {
          try { resolve(text === '' ? undefined : JSON.parse(text)); } catch (e) { reject(e); }
          return;
        }
        let parsed: unknown;
        try { parsed = text === '' ? undefined : JSON.parse(text); } catch { parsed = undefined; }
        const h = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) h.set(k, Array.isArray(v) ? v.join(', ') : v);
        const response = new Response(text === '' || status === 204 || status === 304 ? null : text, { status: status >= 200 && status <= 599 ? status : 500, statusText: res.statusMessage, headers: h });
        reject(new MeilisearchApiError(response, parsed as ConstructorParameters<typeof MeilisearchApiError>[1]));
      });
    });
    function fail(e: unknown) { signal?.removeEventListener('abort', onAbort); reject(e); }
    function onAbort() { req.destroy(); reject(signal!.reason); }
    signal?.addEventListener('abort', onAbort, { once: true });
    req.on('error', fail);
    req.end(body);
  });
}
