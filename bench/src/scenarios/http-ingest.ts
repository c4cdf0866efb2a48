import type { BenchContext } from '../context.js';
import { runLoad } from '../load/autocannon.js';
import { startServer } from '../load/server-process.js';
import { baselineOf, figure, percentOf, type ScenarioResult } from '../report/figures.js';
import { tempDir } from '../temp-dir.js';
import { cycle, routeRequests } from '../workload/route-requests.js';

/**
 * 2: one event per request on the per-type routes of the real app, distinct customers and
 * event ids, PROJECTOR=off (the production topology: the projector is its own process).
 */
export async function httpIngest(ctx: BenchContext): Promise<ScenarioResult> {
  const { httpSeconds, httpConnections, warmupSeconds } = ctx.sizes;
  const feed = cycle(routeRequests((httpSeconds + warmupSeconds) * 15_000, 22, 'http'));
  const dir = tempDir('http-ingest');
  const server = await startServer({
    module: 'app-server.js', cpuProfDir: ctx.cpuProfDir, env: { BENCH_DATA_DIR: dir.path, BENCH_PROJECTOR: 'off' },
  });
  try {
    ctx.progress(`2: real app (PROJECTOR=off), ${httpConnections} connections, ${httpSeconds} s`);
    await runLoad({ url: server.url, connections: httpConnections, duration: warmupSeconds, next: feed.next });
    const load = await runLoad({ url: server.url, connections: httpConnections, duration: httpSeconds, next: feed.next });
    const appended = load.statusCodes['201'] ?? 0;
    const eventsPerSecond = appended / load.durationSeconds;
    const notes = [
      appended !== load.ok ? `${load.ok - appended} non-201 2xx answers` : '',
      load.non2xx > 0 ? `${load.non2xx} non-2xx answers` : '',
      feed.wrapped ? 'request list wrapped (duplicates)' : '',
    ].filter(Boolean).join('; ');
    return {
      id: 'http-ingest',
      title: '2 HTTP ingest, 1 event/request (PROJECTOR=off)',
      figures: [
        figure('events/s', eventsPerSecond, 'events/s', {
          baseline: baselineOf('1a req/s', ctx.baselines.httpRequestsPerSecond, 'req/s'),
          target: { on: 'ratio', op: '>=', value: 40 },
          note: notes || undefined,
        }),
        figure('latency p50', load.latencyMs.p50, 'ms', { baseline: baselineOf('1a p50', ctx.baselines.httpLatencyP50Ms, 'ms') }),
        figure('latency p99', load.latencyMs.p99, 'ms', { baseline: baselineOf('1a p99', ctx.baselines.httpLatencyP99Ms, 'ms') }),
      ],
      details: {
        connections: httpConnections, seconds: httpSeconds, warmupSeconds, projector: 'off', appended, load,
        ratioToSqliteOneRowPerTransactionPercent: percentOf(eventsPerSecond, ctx.baselines.sqliteSingleRowsPerSecond ?? Number.NaN),
      },
    };
  } finally {
    await server.stop();
    dir.remove();
  }
}
