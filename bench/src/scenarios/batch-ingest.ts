import type { BenchContext } from '../context.js';
import { startServer } from '../load/server-process.js';
import { baselineOf, figure, type ScenarioResult } from '../report/figures.js';
import { tempDir } from '../temp-dir.js';
import { DEFAULT_WINDOW, GeneratedLog } from '../workload/generate-log.js';

const BATCH = 1000;

interface BatchAnswer {
  accepted: number;
  duplicates: number;
  rejected: number;
  results: Array<{ status: string; code?: string }>;
}

/**
 * 3a: POST /events, 1,000 envelopes per request, one request at a time (the log is in time
 * order, so a refund's order is always in an earlier or the same batch), PROJECTOR=off.
 */
export async function batchIngest(ctx: BenchContext): Promise<ScenarioResult> {
  const total = ctx.sizes.batchRequests * BATCH;
  const log = new GeneratedLog({ seed: 33, customers: Math.ceil(total / 9), prefix: 'rows', ...DEFAULT_WINDOW });
  const events = [...log.businessEvents(total)];
  const bodies: string[] = [];
  for (let i = 0; i < events.length; i += BATCH) bodies.push(JSON.stringify({ events: events.slice(i, i + BATCH) }));
  const dir = tempDir('batch-ingest');
  const server = await startServer({
    module: 'app-server.js', cpuProfDir: ctx.cpuProfDir, env: { BENCH_DATA_DIR: dir.path, BENCH_PROJECTOR: 'off' },
  });
  try {
    ctx.progress(`3a: POST /events, ${bodies.length} requests of ${BATCH} events`);
    const counts = { accepted: 0, duplicates: 0, rejected: 0 };
    const rejections: Record<string, number> = {};
    const started = performance.now();
    for (const body of bodies) {
      const response = await fetch(`${server.url}/events`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
      if (response.status !== 200) throw new Error(`POST /events answered ${response.status}: ${await response.text()}`);
      const answer = (await response.json()) as BatchAnswer;
      counts.accepted += answer.accepted;
      counts.duplicates += answer.duplicates;
      counts.rejected += answer.rejected;
      for (const r of answer.results) if (r.status === 'rejected') rejections[r.code ?? '?'] = (rejections[r.code ?? '?'] ?? 0) + 1;
    }
    const seconds = (performance.now() - started) / 1000;
    const eventsPerSecond = events.length / seconds;
    return {
      id: 'batch-ingest',
      title: '3a batch ingest, POST /events x1,000 (PROJECTOR=off)',
      figures: [
        figure('events/s', eventsPerSecond, 'events/s', {
          baseline: baselineOf('1b batched rows/s', ctx.baselines.sqliteBatchedRowsPerSecond, 'rows/s'),
          target: { on: 'ratio', op: '>=', value: 50 },
          note: counts.rejected > 0 ? `${counts.rejected} rejected` : undefined,
        }),
      ],
      details: { requests: bodies.length, eventsPerRequest: BATCH, seconds, ...counts, rejections, projector: 'off' },
    };
  } finally {
    await server.stop();
    dir.remove();
  }
}
