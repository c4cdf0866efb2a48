import { createRequire } from 'node:module';

/** The slice of autocannon's API the bench uses (the package ships no types). */
export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  headers?: Record<string, string>;
}

export interface LoadOptions {
  url: string;
  connections: number;
  duration: number;
  /** Requests per second over all connections (autocannon's overallRate). */
  overallRate?: number;
  /** Called for every request sent; returns what to send. */
  next: () => LoadRequest;
}

export interface LoadResult {
  requests: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  durationSeconds: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  statusCodes: Record<string, number>;
}

interface RawHistogram { p50: number; p90: number; p99: number; max: number; average: number }
interface RawResult {
  latency: RawHistogram;
  requests: { total: number };
  '2xx': number;
  non2xx: number;
  errors: number;
  timeouts: number;
  duration: number;
  statusCodeStats: Record<string, { count: number }>;
}
type Autocannon = (options: Record<string, unknown>) => Promise<RawResult>;

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

/** Runs one autocannon load; each request is built by `next()` (distinct bodies, paths). */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const raw = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.duration,
    ...(options.overallRate ? { overallRate: options.overallRate } : {}),
    headers: { 'content-type': 'application/json' },
    requests: [{
      setupRequest: (request: Record<string, unknown>) => {
        const next = options.next();
        return { ...request, method: next.method, path: next.path, body: next.body ?? '', headers: { ...(request.headers as object), ...next.headers } };
      },
    }],
  });
  const ok = raw['2xx'];
  return {
    requests: raw.requests.total,
    ok,
    non2xx: raw.non2xx,
    errors: raw.errors,
    timeouts: raw.timeouts,
    durationSeconds: raw.duration,
    requestsPerSecond: ok / raw.duration,
    latencyMs: { p50: raw.latency.p50, p90: raw.latency.p90, p99: raw.latency.p99, max: raw.latency.max, mean: raw.latency.average },
    statusCodes: Object.fromEntries(Object.entries(raw.statusCodeStats).map(([code, s]) => [code, s.count])),
  };
}
