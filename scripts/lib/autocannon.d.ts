/** The part of autocannon 8's API that bench-http.ts uses (the package ships no types). */
declare module 'autocannon' {
  namespace autocannon {
    interface Request { method?: string; path?: string; headers?: Record<string, string>; body?: string }
    interface Options {
      url: string; connections?: number; duration?: number; timeout?: number;
      requests?: (Request & { setupRequest?: (req: Request) => Request })[];
      setupClient?: (client: Client) => void;
    }
    /** One connection. `pipelinedRequests` is an internal of autocannon 8.0.0 (lib/pipelinedRequestsQueue.js). */
    interface Client {
      setRequests(requests: Request[]): void;
      pipelinedRequests?: { addBody?: (chunk: Buffer) => void };
    }
    interface Stat { average: number; total: number; p50: number; p99: number; max: number }
    interface Result { requests: Stat; latency: Stat; non2xx: number; errors: number; timeouts: number }
    interface Instance { on(event: 'response', fn: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void): void }
  }
  function autocannon(opts: autocannon.Options, cb: (err: Error | null, res: autocannon.Result) => void): autocannon.Instance;
  export default autocannon;
}
