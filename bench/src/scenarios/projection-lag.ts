import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import type { BenchContext } from '../context.js';
import type { LoadRequest } from '../load/autocannon.js';
import { runPaced } from '../load/paced-load.js';
import { startServer } from '../load/server-process.js';
import { figure, type Figure, type ScenarioResult } from '../report/figures.js';
import { quantile } from '../report/stats.js';
import { tempDir } from '../temp-dir.js';
import { routeRequests } from '../workload/route-requests.js';

interface LagReport {
  lag: { lagsMs: number[]; timedOut: number } | null;
  projectorStats: Record<string, number>;
  status: { checkpoint: string | null; head: string; lag: string };
}

type Topology = 'in-process' | 'separate';

const SETTLE_MS = 30_000;
const PROJECTOR_MAIN = new URL('../../../apps/projector/src/main.js', import.meta.url);

/** The production projector process (apps/projector) on a data directory. */
async function startProjectorProcess(dataDir: string, cpuProfDir: string | null): Promise<ChildProcess> {
  const child = fork(PROJECTOR_MAIN, [], {
    env: { ...process.env, DATA_DIR: dataDir, BASE_CURRENCY: 'USD', CLOCK_SCHEDULER: 'off', PROJECTOR: 'on' },
    execArgv: cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`] : [],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  await new Promise((resolve) => setTimeout(resolve, 1500));
  if (child.exitCode !== null) throw new Error(`the projector process exited with ${child.exitCode}`);
  return child;
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}

async function measure(ctx: BenchContext, topology: Topology, requests: LoadRequest[], warmup: LoadRequest[]) {
  const { lagRate } = ctx.sizes;
  const dir = tempDir(`projection-lag-${topology}`);
  const server = await startServer({
    module: 'app-server.js', cpuProfDir: ctx.cpuProfDir,
    env: { BENCH_DATA_DIR: dir.path, BENCH_PROJECTOR: topology === 'in-process' ? 'on' : 'off', BENCH_LAG_PROBE: '1' },
  });
  let projectorProcess: ChildProcess | null = null;
  try {
    if (topology === 'separate') projectorProcess = await startProjectorProcess(dir.path, ctx.cpuProfDir);
    ctx.progress(`7: ${lagRate} events/s for ${requests.length / lagRate} s, projector ${topology === 'in-process' ? 'in the API process' : 'in its own process'}`);
    await runPaced(server.url, warmup, lagRate);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await server.ask('resetLag');
    const load = await runPaced(server.url, requests, lagRate);
    const accepted = load.statusCodes['201'] ?? 0;
    let report = await server.ask<LagReport>('report');
    const settleBy = performance.now() + SETTLE_MS;
    while (report.lag && report.lag.lagsMs.length + report.lag.timedOut < accepted && performance.now() < settleBy) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      report = await server.ask<LagReport>('report');
    }
    const lags = report.lag?.lagsMs ?? [];
    return {
      topology, sent: load.sent, accepted, seconds: load.seconds, statusCodes: load.statusCodes, errors: load.errors,
      timedOut: report.lag?.timedOut ?? 0, measured: lags.length,
      lagMs: { p50: quantile(lags, 0.5), p90: quantile(lags, 0.9), p99: quantile(lags, 0.99), max: lags.length ? Math.max(...lags) : Number.NaN },
      ingestLatencyMs: { p50: quantile(load.latenciesMs, 0.5), p99: quantile(load.latenciesMs, 0.99) },
      status: report.status,
    };
  } finally {
    if (projectorProcess) await stopProcess(projectorProcess);
    await server.stop();
    dir.remove();
  }
}

/**
 * 7: single events at a steady open-loop rate into the real app, first with the projector in
 * the API process (PROJECTOR=on, the default), then with the API at PROJECTOR=off and the
 * projector in its own process (apps/projector, the production layout). For every 201 the API
 * process times how long after its answer the projection's checkpoint passes the event's
 * position: what a read-your-writes query with minPosition would wait.
 */
export async function projectionLag(ctx: BenchContext): Promise<ScenarioResult> {
  const { lagSeconds, lagRate, warmupSeconds } = ctx.sizes;
  const runs = [];
  for (const [k, topology] of (['in-process', 'separate'] as const).entries()) {
    runs.push(await measure(ctx, topology, routeRequests(lagSeconds * lagRate, 77 + k, `lag${k}`), routeRequests(warmupSeconds * lagRate, 87 + k, `lagw${k}`)));
  }
  const figures: Figure[] = [];
  for (const run of runs) {
    const label = run.topology === 'in-process' ? 'projector in API process' : 'projector in own process';
    const unmeasured = run.accepted - run.measured - run.timedOut;
    const note = [run.timedOut > 0 ? `${run.timedOut} not projected within 30 s` : '', unmeasured > 0 ? `${unmeasured} unmeasured` : '']
      .filter(Boolean).join('; ');
    figures.push(
      figure(`${label}: ingest achieved`, run.accepted / run.seconds, 'events/s', { note: note || undefined }),
      figure(`${label}: lag p50`, run.lagMs.p50, 'ms'),
      figure(`${label}: lag p99`, run.lagMs.p99, 'ms'),
      figure(`${label}: lag max`, run.lagMs.max, 'ms'),
      figure(`${label}: ingest latency p99`, run.ingestLatencyMs.p99, 'ms'),
    );
  }
  return {
    id: 'projection-lag',
    title: `7 projection lag at ${lagRate.toLocaleString('en-US')} events/s`,
    figures,
    details: { rate: lagRate, seconds: lagSeconds, warmupSeconds, runs },
  };
}
