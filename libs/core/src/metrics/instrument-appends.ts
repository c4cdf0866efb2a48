import type { Histogram } from 'prom-client';
import type { EventStore } from '@lifecycle/event-store';

const INSTRUMENTED = Symbol('appends instrumented');

/** Times every append of this event store instance (whichever adapter), without touching its code. */
export function instrumentAppends(events: EventStore, histogram: Histogram): void {
  const target = events as EventStore & { [INSTRUMENTED]?: true };
  if (target[INSTRUMENTED]) return;
  target[INSTRUMENTED] = true;
  const timed = <A extends unknown[], R>(write: (...args: A) => Promise<R>) => async (...args: A): Promise<R> => {
    const end = histogram.startTimer();
    try {
      return await write(...args);
    } finally {
      end();
    }
  };
  target.append = timed(events.append.bind(events));
  target.appendMany = timed(events.appendMany.bind(events));
  if (events.appendCalls) target.appendCalls = timed(events.appendCalls.bind(events));
}
