import { v5 as uuidv5 } from 'uuid';
import { type DayEndedEvent, dayEndAsOf, formatInstant } from '@lifecycle/domain';

/** UUIDv5 namespace of the clock's DayEnded ids. */
const CLOCK_NAMESPACE = '6f2d7c1e-3b7a-5c8e-9d41-0a6b2e4f8c13';

/** A DayEnded with a deterministic id per date, occurring at the day's end. */
export const dayEndedEvent = (date: string): DayEndedEvent => ({
  eventId: uuidv5(`DayEnded:${date}`, CLOCK_NAMESPACE),
  type: 'DayEnded',
  occurredAt: formatInstant(dayEndAsOf(date)),
  data: { date },
});
