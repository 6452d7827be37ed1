/** Minimal Prometheus metrics: request counts by route and status, search latency histogram. */
import type { RequestHandler } from 'express';

const BUCKETS = [1, 2, 5, 10, 20, 50, 100, 250, 500, 1000, 2500];

export class Metrics {
  private requests = new Map<string, number>();
  private searchBuckets = new Array(BUCKETS.length).fill(0);
  private searchCount = 0;
  private searchSum = 0;

  middleware(): RequestHandler {
    return (req, res, next) => {
      res.on('finish', () => {
        const routePath = req.route?.path ? `${req.baseUrl}${req.route.path}` : req.path.startsWith('/assets') ? '/assets' : 'other';
        const key = `${req.method} ${routePath} ${res.statusCode}`;
        this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
      });
      next();
    };
  }

  observeSearch(ms: number): void {
    this.searchCount++;
    this.searchSum += ms;
    BUCKETS.forEach((b, i) => { if (ms <= b) this.searchBuckets[i]++; });
  }

  render(): string {
    const lines = ['# HELP http_requests_total HTTP requests by method, route and status.', '# TYPE http_requests_total counter'];
    for (const [key, n] of this.requests) {
      const [method, route, status] = key.split(' ');
      lines.push(`http_requests_total{method="${method}",route="${route.replace(/"/g, '')}",status="${status}"} ${n}`);
    }
    lines.push('# HELP search_duration_ms Engine search time in milliseconds.', '# TYPE search_duration_ms histogram');
    BUCKETS.forEach((b, i) => lines.push(`search_duration_ms_bucket{le="${b}"} ${this.searchBuckets[i]}`));
    lines.push(`search_duration_ms_bucket{le="+Inf"} ${this.searchCount}`, `search_duration_ms_sum ${this.searchSum.toFixed(3)}`, `search_duration_ms_count ${this.searchCount}`);
    return lines.join('\n') + '\n';
  }
}
