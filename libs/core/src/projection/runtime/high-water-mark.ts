import type { EventStore } from '@lifecycle/event-store';
import type { ProjectionMeta, ProjectionStore } from '@lifecycle/read-model';

/** The log's head and the stored projection meta; null where a store cannot be read right now. */
export interface HighWaterMark {
  head: bigint | null;
  meta: ProjectionMeta | null;
}

/** Health must answer while a store fails: what cannot be read is reported as null, not thrown. */
export async function readHighWaterMark(events: Pick<EventStore, 'headPosition'>, readModel: Pick<ProjectionStore, 'loadMeta'>): Promise<HighWaterMark> {
  const head = await events.headPosition().catch(() => null);
  const meta = await readModel.loadMeta().catch(() => null);
  return { head, meta };
}

/** Positions still to project: all of the log (head + 1) before the first checkpoint; null when the head is unknown. */
export const lagOf = (head: bigint | null, checkpoint: bigint | null): bigint | null =>
  head === null ? null : checkpoint === null ? head + 1n : head - checkpoint;
