import type { BenchContext } from '../context.js';
import type { LoadRequest } from '../load/autocannon.js';
import { type PacedResult, runPaced } from '../load/paced-load.js';
import { startServer } from '../load/server-process.js';
import { type Baseline, figure, type Figure, type ScenarioResult } from '../report/figures.js';
import { quantile } from '../report/stats.js';
import { Prng } from '../workload/prng.js';

const P99_TARGET_MS = 5;
const PAGE = '/customers?status=ACTIVE&limit=50';

interface PacedSummary {
  sent: number;
  ok: number;
  failed: number;
  achievedPerSecond: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  statusCodes: Record<string, number>;
}

const summarise = (r: PacedResult): PacedSummary => {
  const ok = Object.entries(r.statusCodes).filter(([code]) => code.startsWith('2')).reduce((sum, [, n]) => sum + n, 0);
  return {
    sent: r.sent, ok, failed: r.sent - ok, achievedPerSecond: r.sent / r.seconds,
    p50: quantile(r.latenciesMs, 0.5), p90: quantile(r.latenciesMs, 0.9), p99: quantile(r.latenciesMs, 0.99),
    max: Math.max(...r.latenciesMs), statusCodes: r.statusCodes,
  };
};

/**
 * 6: GET /customers/:id (random known customers) at the target's 2,000 requests/s and the
 * first ACTIVE segment page of 50 at a lower rate (a page holds 50 profiles), each at a fixed
 * open-loop rate after a warm-up, against the read model projected by scenario 4
 * (PROJECTOR=off: read only). The same-run baseline is bare Fastify answering a
 * profile-sized body at 2,000 requests/s through the same load generator.
 */
export async function queries(ctx: BenchContext): Promise<ScenarioResult> {
  const data = ctx.projectedDataDir;
  if (!data) throw new Error('the query scenario needs the read model of projection-rebuild');
  const { querySeconds, queryRate, pageRate, warmupSeconds } = ctx.sizes;
  const rng = new Prng(66);
  const byId = (count: number): LoadRequest[] => Array.from({ length: count }, () => ({ method: 'GET', path: `/customers/${rng.pick(data.customerIds)}` }));
  const byIdRequests = byId(querySeconds * queryRate);
  const warmupRequests = byId(warmupSeconds * queryRate);
  const pageRequests: LoadRequest[] = Array.from({ length: querySeconds * pageRate }, () => ({ method: 'GET', path: PAGE }));
  /** Unrecorded load at the same rate first, then the measured one. */
  const measure = async (url: string, requests: LoadRequest[], rate: number): Promise<PacedSummary> => {
    await runPaced(url, warmupRequests.slice(0, warmupSeconds * rate), rate);
    return summarise(await runPaced(url, requests, rate));
  };
  try {
    const echo = await startServer({ module: 'echo-server.js' });
    let baseline: PacedSummary;
    try {
      ctx.progress(`6: baseline: bare Fastify GET at ${queryRate} req/s for ${querySeconds} s`);
      baseline = await measure(echo.url, byIdRequests, queryRate);
    } finally {
      await echo.stop();
    }
    const server = await startServer({
      module: 'app-server.js', cpuProfDir: ctx.cpuProfDir, env: { BENCH_DATA_DIR: data.path, BENCH_PROJECTOR: 'off' },
    });
    try {
      ctx.progress(`6: GET /customers/:id at ${queryRate} req/s for ${querySeconds} s`);
      const profile = await measure(server.url, byIdRequests, queryRate);
      ctx.progress(`6: GET ${PAGE} at ${pageRate} req/s for ${querySeconds} s`);
      const page = await measure(server.url, pageRequests, pageRate);
      const base = (label: string, value: number): Baseline => ({ label: `bare Fastify GET ${label}`, value, unit: 'ms' });
      const figures = (label: string, s: PacedSummary, target: boolean): Figure[] => [
        figure(`${label} achieved`, s.achievedPerSecond, 'req/s', { note: s.failed > 0 ? `${s.failed} errors/non-2xx` : undefined }),
        figure(`${label} p50`, s.p50, 'ms', { baseline: base('p50', baseline.p50) }),
        figure(`${label} p99`, s.p99, 'ms', {
          baseline: base('p99', baseline.p99), target: target ? { on: 'value', op: '<', value: P99_TARGET_MS } : null,
        }),
      ];
      return {
        id: 'queries',
        title: `6 queries (open loop, fixed rate)`,
        figures: [
          ...figures(`GET /customers/:id at ${queryRate.toLocaleString('en-US')}/s`, profile, true),
          ...figures(`GET ${PAGE} at ${pageRate.toLocaleString('en-US')}/s`, page, false),
        ],
        details: {
          customers: data.customerIds.length, seconds: querySeconds, warmupSeconds, profileRate: queryRate, pageRate,
          baseline, profile, page,
        },
      };
    } finally {
      await server.stop();
    }
  } finally {
    data.remove();
    ctx.projectedDataDir = undefined;
  }
}
