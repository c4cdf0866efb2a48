import { dayEndAsOf } from '@lifecycle/domain';
import { CLOCK_STREAM, type EventStore, type RecordedEvent } from '@lifecycle/event-store';
import { dayEndedDate } from './event-codec.js';

export interface ClockTick {
  position: bigint;
  date: string;
  asOf: number;
}

/** The clock stream's DayEnded records forwards from a revision (inclusive). */
export const readClockEvents = (store: EventStore, fromRevision = 0n, maxCount?: number): Promise<RecordedEvent[]> =>
  store.readStream(CLOCK_STREAM, fromRevision, maxCount);

/** The last DayEnded of the clock stream with its revision, or null before the first tick. */
export async function readLastClockEvent(store: EventStore): Promise<{ revision: bigint; date: string; recorded: RecordedEvent } | null> {
  const revision = await store.streamRevision(CLOCK_STREAM);
  if (revision === 'no_stream') return null;
  const [last] = await readClockEvents(store, revision, 1);
  return { revision, date: dayEndedDate(last), recorded: last };
}

/**
 * The clock's DayEnded ticks, read once: the clock stream is only ever appended to, so each
 * call reads just what was appended since the last one.
 */
export class ClockTicks {
  private readonly ticks: ClockTick[] = [];
  private nextRevision = 0n;
  private reading: Promise<void> | undefined;

  constructor(private readonly events: EventStore) {}

  /** The ticks with asOf ≤ at, in log order. */
  async upTo(at: number): Promise<ClockTick[]> {
    await (this.reading ??= this.readNew().finally(() => {
      this.reading = undefined;
    }));
    return this.ticks.filter((tick) => tick.asOf <= at);
  }

  private async readNew(): Promise<void> {
    for (const recorded of await readClockEvents(this.events, this.nextRevision)) {
      const date = dayEndedDate(recorded);
      this.ticks.push({ position: recorded.position, date, asOf: dayEndAsOf(date) });
      this.nextRevision = recorded.revision + 1n;
    }
  }
}
