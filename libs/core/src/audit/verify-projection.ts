import type { RulesConfig } from '@lifecycle/domain';
import type { EventStore } from '@lifecycle/event-store';
import type { ReadModelStore } from '@lifecycle/read-model';
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
  let after: bigint | undefined;
  while (checkpoint !== null) {
    const batch = (await events.readAll({ after, maxCount: 5000 })).filter((e) => e.position <= checkpoint);
    if (batch.length === 0) break;
    await projector.handle(batch);
    after = batch[batch.length - 1].position;
    onProgress?.(after);
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
