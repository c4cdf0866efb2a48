import { addDays, dayEndAsOf, formatInstant, type LifecycleEvent } from '@lifecycle/domain';
import { CLOCK_STREAM, customerStream, type EventStore, type RecordedEvent } from '@lifecycle/event-store';
import { toNewEvent } from '../../libs/core/src/event-log/event-codec.js';

/** Lifecycle events as the log records them, at positions 1, 2, … on the streams the service writes them to. */
export const recordedLog = (log: LifecycleEvent[]): RecordedEvent[] =>
  log.map((event, i) => {
    const e = toNewEvent(event, {});
    const streamId = event.type === 'DayEnded' ? CLOCK_STREAM : customerStream(event.customerId);
    return { ...e, streamId, revision: 0n, position: BigInt(i + 1), recordedAt: '2024-01-01T00:00:00.000Z' };
  });

/** The read side of an event store over recorded events (what catch-up and a rebuild use). */
export function arrayEventStore(events: RecordedEvent[]): EventStore {
  const store: Pick<EventStore, 'readAll' | 'headPosition' | 'close'> = {
    readAll: async ({ after, maxCount }) => events.filter((e) => after === undefined || e.position > after).slice(0, maxCount),
    headPosition: async () => (events.length === 0 ? -1n : events[events.length - 1].position),
    close: async () => undefined,
  };
  return store as EventStore;
}

/** A small deterministic PRNG (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A deterministic log of `customers` customers over `days` days with a DayEnded after each day:
 * registrations, purchases (some refunded), interactions, feedback, referrals and churn, so that
 * every status, level and tier occurs and net12 ties happen (amounts from a small set).
 */
export function generatedLifecycleLog(options: { seed: number; customers: number; days: number; eventsPerDay: number }): LifecycleEvent[] {
  const random = prng(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const ids = Array.from({ length: options.customers }, (_, i) => `c${(i * 7919) % (options.customers * 10)}`);
  const orders = new Map<string, Array<{ id: string; left: number }>>();
  const log: LifecycleEvent[] = [];
  let n = 0;
  const start = '2024-01-01';
  for (let day = 0; day < options.days; day++) {
    const date = addDays(start, day);
    const midnight = dayEndAsOf(date) - 86_400_000;
    const times = Array.from({ length: options.eventsPerDay }, () => Math.floor(random() * 86_400_000)).sort((a, b) => a - b);
    for (const ms of times) {
      const customerId = pick(ids);
      const occurredAt = formatInstant(midnight + ms);
      const eventId = `e-${++n}`;
      const own = orders.get(customerId) ?? [];
      const kind = pick(['register', 'purchase', 'purchase', 'purchase', 'refund', 'interaction', 'nps', 'csat', 'referral', 'churn'] as const);
      if (kind === 'register') {
        log.push({ eventId, type: 'CustomerRegistered', customerId, occurredAt, data: { kind: pick(['CONSUMER', 'BUSINESS'] as const), relation: 'END_CUSTOMER' } });
      } else if (kind === 'purchase' || (kind === 'refund' && own.length === 0)) {
        const id = `o${n}`;
        const amount = pick([1000, 2500, 5000, 12_000, 40_000]);
        own.push({ id, left: amount });
        orders.set(customerId, own);
        log.push({ eventId, type: 'PurchaseCompleted', customerId, occurredAt, data: { orderId: id, total: { amountMinor: amount, currency: 'USD' }, salesChannel: 'ONLINE' } });
      } else if (kind === 'refund') {
        const order = pick(own);
        const amount = order.left <= 0 ? 1 : random() < 0.5 ? order.left : Math.max(1, Math.floor(order.left / 2));
        order.left -= amount;
        log.push({ eventId, type: 'PurchaseRefunded', customerId, occurredAt, data: { refundId: `r${n}`, orderId: order.id, amount: { amountMinor: amount, currency: 'USD' }, reason: 'RETURN' } });
      } else if (kind === 'interaction') {
        log.push({ eventId, type: 'InteractionRecorded', customerId, occurredAt, data: { interactionId: `i${n}`, channel: 'EMAIL', direction: 'INBOUND', intent: pick(['QUOTE_REQUEST', 'DEMO', 'SUPPORT'] as const) } });
      } else if (kind === 'nps' || kind === 'csat') {
        const score = kind === 'nps' ? Math.floor(random() * 11) : 1 + Math.floor(random() * 5);
        log.push({ eventId, type: 'FeedbackSubmitted', customerId, occurredAt, data: { feedbackId: `f${n}`, kind: kind === 'nps' ? 'NPS' : 'CSAT', score } });
      } else if (kind === 'referral') {
        log.push({ eventId, type: 'ReferralRecorded', customerId, occurredAt, data: { referredCustomerId: pick(ids) } });
      } else {
        log.push({ eventId, type: 'CustomerChurnDeclared', customerId, occurredAt, data: { reason: 'MANUAL' } });
      }
    }
    log.push({ eventId: `d-${date}`, type: 'DayEnded', occurredAt: formatInstant(dayEndAsOf(date)), data: { date } });
  }
  return log;
}
