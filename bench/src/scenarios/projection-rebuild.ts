import { join } from 'node:path';
import { rebuildProjection } from '@lifecycle/core';
import { defaultRules } from '@lifecycle/domain';
import { createSqliteEventStore, type EventStore } from '@lifecycle/event-store';
import { createSqliteReadModel } from '@lifecycle/read-model';
import type { BenchContext } from '../context.js';
import { figure, type ScenarioResult } from '../report/figures.js';
import { timed } from '../report/stats.js';
import { tempDir } from '../temp-dir.js';
import { appendLog } from '../workload/append-log.js';
import { DEFAULT_WINDOW, GeneratedLog } from '../workload/generate-log.js';

/** The projector's default batch (PROJECTOR_BATCH_SIZE). */
const BATCH = 5000;
/** REBUILD_MEMORY_MB's default. */
const MEMORY_MB = 1024;
const MB = 1024 * 1024;

/** The resident set after each batch of the rebuild (it runs synchronously, so a timer would not fire), and the process's peak. */
function rssSampler(): { sample: () => void; peakBytes: () => number } {
  let peak = process.memoryUsage.rss();
  return {
    sample: () => { peak = Math.max(peak, process.memoryUsage.rss()); },
    peakBytes: () => Math.max(peak, process.memoryUsage.rss()),
  };
}

/** Reads the whole log in projector-sized batches (rows fetched and JSON parsed): the floor of a rebuild. */
async function readWholeLog(store: EventStore): Promise<number> {
  let after: bigint | undefined;
  let count = 0;
  for (;;) {
    const events = await store.readAll({ after, maxCount: BATCH });
    if (events.length === 0) return count;
    count += events.length;
    after = events[events.length - 1].position;
  }
}

/**
 * 4: a generated log (with its DayEnded ticks) written straight through appendMany, then the
 * rebuild path (rebuildProjection: folded in memory, bulk-loaded into a fresh read model, as a new
 * projection version is built). The same-run baseline is a bare read of the same log through the
 * event store; the peak RSS is sampled after every batch of the rebuild (the process's maxRSS before and after is in details). The directory is kept for the query scenario,
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

    ctx.progress('4: baseline: reading the whole log');
    const read = await timed(() => readWholeLog(store));
    const readPerSecond = read.result / read.seconds;

    ctx.progress('4: projecting from position 0 into a fresh read model');
    const readModel = createSqliteReadModel({ file: join(dir.path, 'read-model.sqlite') });
    const rssBeforeMb = process.memoryUsage.rss() / MB;
    const maxRssBeforeMb = process.resourceUsage().maxRSS / 1024;
    const rss = rssSampler();
    const rebuild = await timed(() => rebuildProjection({
      eventStore: store, target: readModel, rules: defaultRules('USD'), memoryBudgetMb: MEMORY_MB, batchSize: BATCH, unsafe: true, onProgress: rss.sample,
    }));
    const outcome = rebuild.result;
    const peakRssBytes = rss.peakBytes();
    const segments = await readModel.segmentCounts();
    await store.close();
    await readModel.close();
    ctx.projectedDataDir = { path: dir.path, customerIds: [...customers].sort(), remove: dir.remove };
    kept = true;

    const eventsPerSecond = append.result / rebuild.seconds;
    return {
      id: 'projection-rebuild',
      title: `4 projection rebuild (${append.result.toLocaleString('en-US')} events, ${customers.size.toLocaleString('en-US')} customers)`,
      figures: [
        figure('events/s', eventsPerSecond, 'events/s', {
          baseline: { label: 'bare readAll of the log', value: readPerSecond, unit: 'events/s' },
          target: { on: 'ratio', op: '>=', value: 50 },
        }),
        figure('peak RSS', peakRssBytes / MB, 'MiB', { target: { on: 'value', op: '<', value: 1536 } }),
        figure('rebuild time', rebuild.seconds, 's'),
      ],
      details: {
        events: append.result, types, customers: customers.size, batchSize: BATCH,
        appendManySeconds: append.seconds, appendManyEventsPerSecond: append.result / append.seconds,
        readAllSeconds: read.seconds, readAllEventsPerSecond: readPerSecond,
        rebuildSeconds: rebuild.seconds, memoryBudgetMb: MEMORY_MB, mode: outcome.mode, projectorStats: outcome.projector,
        storeStats: outcome.store, peakEstimatedMb: outcome.peakEstimatedBytes / MB, peakRssMb: peakRssBytes / MB,
        rssBeforeRebuildMb: rssBeforeMb, processMaxRssBeforeRebuildMb: maxRssBeforeMb, processMaxRssMb: process.resourceUsage().maxRSS / 1024, checkpoint: String(outcome.checkpoint), segments,
      },
    };
  } finally {
    if (!kept) dir.remove();
  }
}
