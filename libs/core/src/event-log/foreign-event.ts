import { BUSINESS_EVENT_TYPES } from '@lifecycle/domain';
import { CLOCK_STREAM, type RecordedEvent } from '@lifecycle/event-store';

const CUSTOMER_PREFIX = 'customer-';
const BUSINESS_TYPES: ReadonlySet<string> = new Set(BUSINESS_EVENT_TYPES);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Why the projector does not own this event, or null when it does. The log is shared: other
 * writers (contract suites, the admin audit stream `lifecycle-admin`, other tools) put events in
 * streams or of types the fold knows nothing about; the projector owns only DayEnded in the clock
 * stream and business events in `customer-<id>` whose body names that same customer.
 */
export function foreignEventReason(event: RecordedEvent): string | null {
  const data = event.data as Record<string, unknown>;
  if (event.streamId === CLOCK_STREAM) {
    if (event.type !== 'DayEnded') return `type ${event.type} in the clock stream`;
    return isObject(data.data) && typeof data.data.date === 'string' && DATE.test(data.data.date) ? null : 'DayEnded without a date';
  }
  if (!event.streamId.startsWith(CUSTOMER_PREFIX)) return `stream ${event.streamId} is not a customer or clock stream`;
  if (!BUSINESS_TYPES.has(event.type)) return `type ${event.type} is not a business event`;
  if (data.customerId !== event.streamId.slice(CUSTOMER_PREFIX.length)) return 'customerId does not match the stream';
  if (typeof data.occurredAt !== 'string' || !isObject(data.data)) return 'body is not a business event envelope';
  return null;
}
