import { type DayEndedEvent, dayEndAsOf } from '@lifecycle/domain';
import { CLOCK_STREAM, type EventStore } from '@lifecycle/event-store';
import { toLifecycleEvent } from '../projection/to-lifecycle-event.js';

export interface ClockTick {
  position: bigint;
  date: string;
  asOf: number;
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
    for (const recorded of await this.events.readStream(CLOCK_STREAM, this.nextRevision)) {
      const { date } = (toLifecycleEvent(recorded) as DayEndedEvent).data;
      this.ticks.push({ position: recorded.position, date, asOf: dayEndAsOf(date) });
      this.nextRevision = recorded.revision + 1n;
    }
  }
}
