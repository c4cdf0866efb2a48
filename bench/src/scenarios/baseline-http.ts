import type { BenchContext } from '../context.js';
import { runLoad } from '../load/autocannon.js';
import { startServer } from '../load/server-process.js';
import { figure, type ScenarioResult } from '../report/figures.js';
import { cycle, routeRequests } from '../workload/route-requests.js';

/** 1a: bare Fastify echoing the same bodies on the same routes, same connections and duration as scenario 2. */
export async function baselineHttp(ctx: BenchContext): Promise<ScenarioResult> {
  const { httpSeconds, httpConnections, warmupSeconds } = ctx.sizes;
  const feed = cycle(routeRequests(50_000, 11, 'echo'));
  const server = await startServer({ module: 'echo-server.js', cpuProfDir: ctx.cpuProfDir });
  try {
    ctx.progress(`1a: echo server, ${httpConnections} connections, ${httpSeconds} s`);
    await runLoad({ url: server.url, connections: httpConnections, duration: warmupSeconds, next: feed.next });
    const load = await runLoad({ url: server.url, connections: httpConnections, duration: httpSeconds, next: feed.next });
    ctx.baselines.httpRequestsPerSecond = load.requestsPerSecond;
    ctx.baselines.httpLatencyP50Ms = load.latencyMs.p50;
    ctx.baselines.httpLatencyP99Ms = load.latencyMs.p99;
    return {
      id: 'baseline-http',
      title: '1a bare Fastify echo',
      figures: [
        figure('requests/s', load.requestsPerSecond, 'req/s'),
        figure('latency p50', load.latencyMs.p50, 'ms'),
        figure('latency p99', load.latencyMs.p99, 'ms'),
      ],
      details: { connections: httpConnections, seconds: httpSeconds, warmupSeconds, load },
    };
  } finally {
    await server.stop();
  }
}
