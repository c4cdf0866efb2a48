import { type AppendRequest, CLOCK_STREAM, customerStream } from '@lifecycle/event-store';
import { toNewEvent } from '../../../libs/core/src/event-log/event-codec.js';
import type { LogEvent } from './generate-log.js';

/** The append request the ingestion service would make for an accepted envelope (no expected-revision check). */
export const toAppendRequest = (event: LogEvent): AppendRequest => ({
  streamId: event.type === 'DayEnded' ? CLOCK_STREAM : customerStream(event.customerId),
  expectedRevision: 'any',
  events: [toNewEvent(event, {})],
});
