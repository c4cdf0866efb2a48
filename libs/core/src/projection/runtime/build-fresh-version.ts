import type { RulesConfig } from '@lifecycle/domain';
import type { EventStore, RecordedEvent } from '@lifecycle/event-store';
import type { ReadModelStore } from '@lifecycle/read-model';
import { rebuildProjection } from '../rebuild/rebuild-projection.js';

export interface BuildFreshVersionOptions {
  events: EventStore;
  /** The new version's store, empty. */
  store: ReadModelStore;
  rules: RulesConfig;
  batchSize: number;
  /** REBUILD_MEMORY_MB: the in-memory fold flushes past it. */
  memoryBudgetMb: number;
  /** After each batch (progress); throwing abandons the build. */
  onBatch: (events: RecordedEvent[]) => void;
}

/**
 * A rebuild's catch-up: folds the log from position 0 in memory into a fresh version's store (fast
 * unsafe settings: a crash discards the version), up to the head as it is now, and leaves
 * everything durably committed with its checkpoint. The switch then catches up the tail with a
 * live projector on the same store.
 */
export async function buildFreshVersion(options: BuildFreshVersionOptions): Promise<void> {
  await rebuildProjection({
    eventStore: options.events, target: options.store, rules: options.rules, memoryBudgetMb: options.memoryBudgetMb,
    batchSize: options.batchSize, unsafe: true, onProgress: options.onBatch,
  });
}
