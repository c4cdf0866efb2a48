// Scenario 4's measured part in a fresh process (as `projections rebuild` runs): the bare read of
// the log, then the rebuild into a fresh read model; the peak RSS is then the rebuild's own, not
// the bench's append phase. Forked with the log's and the read model's files; answers over IPC.
import { readLogBatches, rebuildProjection } from '@lifecycle/core';
import { defaultRules } from '@lifecycle/domain';
import { createSqliteEventStore } from '@lifecycle/event-store';
import { createSqliteReadModel } from '@lifecycle/read-model';
import { timed } from '../report/stats.js';
import type { RebuildChildResult } from './rebuild-child-result.js';

const MB = 1024 * 1024;
const [eventsFile, readModelFile, batchArg, memoryArg] = process.argv.slice(2);
const batchSize = Number(batchArg);
const memoryBudgetMb = Number(memoryArg);

const store = createSqliteEventStore({ file: eventsFile! });
const read = await timed(async () => {
  let count = 0;
  for await (const batch of readLogBatches(store, { batchSize })) count += batch.length;
  return count;
});

const readModel = createSqliteReadModel({ file: readModelFile! });
const rssBeforeMb = process.memoryUsage.rss() / MB;
let peakRss = process.memoryUsage.rss();
// The rebuild runs synchronously between batches, so a timer would not fire: sample after each one.
const sample = (): void => { peakRss = Math.max(peakRss, process.memoryUsage.rss()); };
const rebuild = await timed(() => rebuildProjection({
  eventStore: store, target: readModel, rules: defaultRules('USD'), memoryBudgetMb, batchSize, unsafe: true, onProgress: sample,
}));
sample();
const segments = await readModel.segmentCounts();
await store.close();
await readModel.close();

const result: RebuildChildResult = {
  readEvents: read.result, readSeconds: read.seconds, rebuildSeconds: rebuild.seconds,
  mode: rebuild.result.mode, checkpoint: String(rebuild.result.checkpoint),
  projectorStats: rebuild.result.projector, storeStats: rebuild.result.store,
  peakEstimatedMb: rebuild.result.peakEstimatedBytes / MB, rssBeforeRebuildMb: rssBeforeMb, peakRssMb: peakRss / MB,
  processMaxRssMb: process.resourceUsage().maxRSS / 1024, segments,
};
process.send!(result, () => process.exit(0));
