import type { EventStore } from '@lifecycle/event-store';
import { chainHash } from '../event-log/hash-chain.js';
import { DEFAULT_LOG_BATCH_SIZE, readLogBatches } from '../event-log/read-log-batches.js';

export interface BrokenLink {
  streamId: string;
  revision: string;
  position: string;
  eventId: string;
  reason: string;
}

/** Recomputes every stream's hash chain over the whole log; reports the first broken link per stream. */
export async function verifyChains(store: EventStore, batchSize = DEFAULT_LOG_BATCH_SIZE): Promise<{ events: number; streams: number; broken: BrokenLink[] }> {
  const heads = new Map<string, string | null>();
  const brokenStreams = new Set<string>();
  const broken: BrokenLink[] = [];
  let events = 0;
  for await (const batch of readLogBatches(store, { batchSize })) {
    for (const recorded of batch) {
      events += 1;
      if (brokenStreams.has(recorded.streamId)) continue;
      const previous = heads.get(recorded.streamId) ?? null;
      const stored = recorded.metadata.hash;
      const expected = chainHash(previous, recorded);
      if (stored === expected) {
        heads.set(recorded.streamId, stored);
        continue;
      }
      brokenStreams.add(recorded.streamId);
      broken.push({
        streamId: recorded.streamId,
        revision: recorded.revision.toString(),
        position: recorded.position.toString(),
        eventId: recorded.eventId,
        reason: stored === undefined ? 'no hash in metadata' : 'hash does not match the event and the previous link',
      });
    }
  }
  return { events, streams: heads.size + brokenStreams.size, broken };
}
