import type { Histogram } from 'prom-client';
import type { EventStore } from '@lifecycle/event-store';

const INSTRUMENTED = Symbol('appends instrumented');

/** Times every append of this event store instance (whichever adapter), without touching its code. */
export function instrumentAppends(events: EventStore, histogram: Histogram): void {
  const target = events as EventStore & { [INSTRUMENTED]?: true };
  if (target[INSTRUMENTED]) return;
  target[INSTRUMENTED] = true;
  const append = events.append.bind(events);
  const appendMany = events.appendMany.bind(events);
  target.append = async (request) => {
    const end = histogram.startTimer();
    try {
      return await append(request);
    } finally {
      end();
    }
  };
  if (events.appendCalls) {
    const appendCalls = events.appendCalls.bind(events);
    target.appendCalls = async (calls, barrier) => {
      const end = histogram.startTimer();
      try {
        return await appendCalls(calls, barrier);
      } finally {
        end();
      }
    };
  }
  target.appendMany = async (requests, options) => {
    const end = histogram.startTimer();
    try {
      return await appendMany(requests, options);
    } finally {
      end();
    }
  };
}
