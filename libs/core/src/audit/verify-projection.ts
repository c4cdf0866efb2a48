import type { RulesConfig } from '@lifecycle/domain';
import type { EventStore } from '@lifecycle/event-store';
import type { ReadModelStore } from '@lifecycle/read-model';
import { readLogBatches } from '../event-log/read-log-batches.js';
import { Projector } from '../projection/projector.js';
import { compareReadModels, type Mismatch } from './compare-read-models.js';
import { type BrokenLink, verifyChains } from './verify-chains.js';

export interface VerifyReport {
  checkpoint: string | null;
  events: number;
  streams: number;
  mismatches: Mismatch[];
  brokenLinks: BrokenLink[];
  ok: boolean;
}

/**
 * Replays the log up to the live checkpoint into a scratch projection, compares it field by
 * field with the live read model, and checks every stream's hash chain.
 */
export async function verifyProjection(
  events: EventStore, live: ReadModelStore, scratch: ReadModelStore, rules: RulesConfig,
  onProgress?: (position: bigint) => void,
): Promise<VerifyReport> {
  const { checkpoint } = await live.loadMeta();
  const projector = new Projector(scratch, rules);
  await projector.init();
  // No checkpoint: the live model has projected nothing yet, so neither does the scratch one.
  if (checkpoint !== null) {
    for await (const batch of readLogBatches(events, { until: checkpoint })) {
      await projector.handle(batch);
      onProgress?.(batch[batch.length - 1].position);
    }
  }
  const mismatches = await compareReadModels(live, scratch);
  const chains = await verifyChains(events);
  return {
    checkpoint: checkpoint === null ? null : checkpoint.toString(),
    events: chains.events,
    streams: chains.streams,
    mismatches,
    brokenLinks: chains.broken,
    ok: mismatches.length === 0 && chains.broken.length === 0,
  };
}
