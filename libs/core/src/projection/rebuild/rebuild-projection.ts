import type { RulesConfig } from '@lifecycle/domain';
import type { EventStore, RecordedEvent } from '@lifecycle/event-store';
import {
  commitRebuildSink, createMemoryProjectionStore, isBulkLoadable, type MemoryProjectionStore, type ReadModelStore,
} from '@lifecycle/read-model';
import { catchUp } from '../catch-up.js';
import { Projector, type ProjectorStats } from '../projector.js';

export interface RebuildProjectionOptions {
  eventStore: EventStore;
  /** The read model to fill; a rebuild in memory needs it empty (checkpoint null, no customer). */
  target: ReadModelStore;
  rules: RulesConfig;
  /** REBUILD_MEMORY_MB: past this estimate the rebuild flushes and evicts, then continues. */
  memoryBudgetMb: number;
  batchSize: number;
  /** A fresh projection version, which a crash throws away: the sink may use unsafe fast settings. */
  unsafe?: boolean;
  /** After each batch; throwing abandons the rebuild. */
  onProgress?: (events: RecordedEvent[]) => void;
}

export interface RebuildProjectionResult {
  /** 'memory': folded in memory and bulk-loaded; 'live': the target was not empty, so it caught up commit by commit. */
  mode: 'memory' | 'live';
  checkpoint: bigint | null;
  projector: ProjectorStats;
  store: MemoryProjectionStore['stats'] | null;
  /** The highest memory estimate seen between batches, in bytes. */
  peakEstimatedBytes: number;
}

/**
 * Projects the whole log from position 0 into an empty read model, folding in memory: customer
 * states, the due set and the ranking live in a MemoryProjectionStore, which writes each customer
 * once per flush, transitions in large batches, and the indexes and meta at the end. A target
 * that already holds customers catches up through the ordinary projector instead.
 */
export async function rebuildProjection(options: RebuildProjectionOptions): Promise<RebuildProjectionResult> {
  const { eventStore, target, rules, batchSize, onProgress } = options;
  const meta = await target.loadMeta();
  const sink = isBulkLoadable(target) ? target.rebuildSink({ unsafe: options.unsafe ?? false }) : commitRebuildSink(target);
  if (meta.checkpoint !== null || !(await sink.begin())) {
    const projector = new Projector(target, rules);
    await projector.init();
    await catchUp(eventStore, projector, batchSize, onProgress);
    return { mode: 'live', checkpoint: projector.checkpoint, projector: { ...projector.stats }, store: null, peakEstimatedBytes: 0 };
  }
  const store = createMemoryProjectionStore({ sink, meta, budgetBytes: options.memoryBudgetMb * 1024 * 1024 });
  const projector = new Projector(store, rules);
  await projector.init();
  let peak = 0;
  const read = (after: bigint | undefined) => eventStore.readAll({ after, maxCount: batchSize });
  // The next batch is read while this one folds (a network store answers meanwhile; SQLite reads synchronously anyway).
  let pending = read(projector.checkpoint ?? undefined);
  pending.catch(() => undefined);
  for (;;) {
    const events = await pending;
    if (events.length === 0) break;
    pending = read(events[events.length - 1].position);
    pending.catch(() => undefined);
    await projector.handle(events);
    peak = Math.max(peak, store.estimatedBytes);
    await store.flushIfDue();
    onProgress?.(events);
  }
  const final = await store.finish();
  return { mode: 'memory', checkpoint: final.checkpoint, projector: { ...projector.stats }, store: { ...store.stats }, peakEstimatedBytes: peak };
}
