import type { RulesConfig } from '@lifecycle/domain';
import type { EventStore, RecordedEvent } from '@lifecycle/event-store';
import type { ReadModelStore } from '@lifecycle/read-model';
import { catchUp } from '../catch-up.js';
import { Projector } from '../projector.js';

export interface BuildFreshVersionOptions {
  events: EventStore;
  /** The new version's store, empty. */
  store: ReadModelStore;
  rules: RulesConfig;
  batchSize: number;
  /** After each batch (progress); throwing abandons the build. */
  onBatch: (events: RecordedEvent[]) => void;
}

/**
 * A rebuild's catch-up: projects the log from position 0 into a fresh version's store, up to the
 * head as it is now, and leaves everything committed with its checkpoint. The one place a rebuild
 * folds the log; the switch then catches up the tail with a live projector on the same store.
 */
export async function buildFreshVersion(options: BuildFreshVersionOptions): Promise<void> {
  const projector = new Projector(options.store, options.rules);
  await projector.init();
  await catchUp(options.events, projector, options.batchSize, options.onBatch);
}
