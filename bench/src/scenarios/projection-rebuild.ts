import { fork } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createSqliteEventStore } from '@lifecycle/event-store';
import type { BenchContext } from '../context.js';
import { figure, type ScenarioResult } from '../report/figures.js';
import { timed } from '../report/stats.js';
import { tempDir } from '../temp-dir.js';
import type { RebuildChildResult } from './rebuild-child-result.js';
import { appendLog } from '../workload/append-log.js';
import { DEFAULT_WINDOW, GeneratedLog } from '../workload/generate-log.js';

/** The projector's default batch (PROJECTOR_BATCH_SIZE). */
const BATCH = 5000;
/** REBUILD_MEMORY_MB's default. */
const MEMORY_MB = 1024;

/** Runs the bare read and the rebuild in a fresh process (rebuild-child.ts) and returns its report. */
async function rebuildInChild(eventsFile: string, readModelFile: string): Promise<RebuildChildResult> {
  const child = fork(new URL('./rebuild-child.js', import.meta.url), [eventsFile, readModelFile, String(BATCH), String(MEMORY_MB)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = once(child, 'exit');
  const [message] = (await Promise.race([once(child, 'message'), exited.then(([code]) => {
    throw new Error(`the rebuild's process exited with ${String(code)} before it reported`);
  })])) as [RebuildChildResult];
  await exited;
  return message;
}

/**
 * 4: a generated log (with its DayEnded ticks) written straight through appendMany, then the
 * rebuild path (rebuildProjection: folded in memory, bulk-loaded into a fresh read model, as a new
 * projection version is built). The same-run baseline is a bare read of the same log through the
 * event store. Both run in a fresh process, as `projections rebuild` does, so that the peak RSS
 * (sampled after every batch) is the rebuild's own. The directory is kept for the query scenario,
 * laid out as the app's DATA_DIR.
 */
export async function projectionRebuild(ctx: BenchContext): Promise<ScenarioResult> {
  const { rebuildEvents, rebuildCustomers } = ctx.sizes;
  const dir = tempDir('projection-rebuild');
  let kept = false;
  try {
    const store = createSqliteEventStore({ file: join(dir.path, 'events.sqlite') });
    ctx.progress(`4: generating and appending ${rebuildEvents.toLocaleString('en-US')} events over ${rebuildCustomers.toLocaleString('en-US')} customers`);
    const log = new GeneratedLog({ seed: 44, customers: rebuildCustomers, prefix: 'c', ...DEFAULT_WINDOW });
    const customers = new Set<string>();
    const types: Record<string, number> = {};
    const append = await timed(() => appendLog(store, log.withTicks(rebuildEvents), (event) => {
      types[event.type] = (types[event.type] ?? 0) + 1;
      if (event.type !== 'DayEnded') customers.add(event.customerId);
    }));

    await store.close();

    ctx.progress('4: in a fresh process: the baseline (reading the whole log), then the rebuild from position 0 into a fresh read model');
    const child = await rebuildInChild(join(dir.path, 'events.sqlite'), join(dir.path, 'read-model.sqlite'));
    const readPerSecond = child.readEvents / child.readSeconds;
    ctx.projectedDataDir = { path: dir.path, customerIds: [...customers].sort(), remove: dir.remove };
    kept = true;

    const eventsPerSecond = append.result / child.rebuildSeconds;
    return {
      id: 'projection-rebuild',
      title: `4 projection rebuild (${append.result.toLocaleString('en-US')} events, ${customers.size.toLocaleString('en-US')} customers)`,
      figures: [
        figure('events/s', eventsPerSecond, 'events/s', {
          baseline: { label: 'bare readAll of the log', value: readPerSecond, unit: 'events/s' },
          target: { on: 'ratio', op: '>=', value: 50 },
        }),
        figure('peak RSS', child.peakRssMb, 'MiB', { target: { on: 'value', op: '<', value: 1536 } }),
        figure('rebuild time', child.rebuildSeconds, 's'),
      ],
      details: {
        events: append.result, types, customers: customers.size, batchSize: BATCH,
        appendManySeconds: append.seconds, appendManyEventsPerSecond: append.result / append.seconds,
        readAllSeconds: child.readSeconds, readAllEventsPerSecond: readPerSecond, memoryBudgetMb: MEMORY_MB,
        rebuildProcess: child,
      },
    };
  } finally {
    if (!kept) dir.remove();
  }
}
