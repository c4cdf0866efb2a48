import { verifyChains } from '@lifecycle/core';
import { CLOCK_STREAM, type EventStore, type RecordedEvent } from '@lifecycle/event-store';
import type { AcceptedAnswer } from './writer-load.js';

export interface LogCheck {
  events: number;
  streams: number;
  /** One line per broken rule, naming the stream, revision and event. */
  violations: string[];
}

const orderOf = (event: RecordedEvent): string | undefined => (event.data.data as { orderId?: string } | undefined)?.orderId;

/**
 * The log's invariants after concurrent writers: revisions gapless from 0 in every stream, every
 * refund after its order and within its total, orderId unique per customer, clock dates
 * consecutive, every chain verifying, and every accepted answer found where it said.
 */
export async function checkLog(store: EventStore, accepted: AcceptedAnswer[]): Promise<LogCheck> {
  const violations: string[] = [];
  const byPosition = new Map<string, RecordedEvent>();
  const next = new Map<string, bigint>();
  const orders = new Map<string, { total: number; refunded: number }>();
  let lastDate: string | null = null;
  let events = 0;
  for (let after: bigint | undefined; ;) {
    const batch = await store.readAll({ after, maxCount: 5000 });
    if (batch.length === 0) break;
    for (const event of batch) {
      events += 1;
      after = event.position;
      byPosition.set(event.position.toString(), event);
      const expected = next.get(event.streamId) ?? 0n;
      if (event.revision !== expected) violations.push(`${event.streamId}@${event.revision}: revision gap, expected ${expected}`);
      next.set(event.streamId, event.revision + 1n);
      const where = `${event.streamId}@${event.revision} (${event.type} ${event.eventId})`;
      if (event.streamId === CLOCK_STREAM) {
        const date = String((event.data.data as { date?: string }).date);
        if (lastDate !== null && Date.parse(date) - Date.parse(lastDate) !== 86_400_000) violations.push(`${where}: clock date ${date} after ${lastDate}`);
        lastDate = date;
        continue;
      }
      const orderId = orderOf(event);
      const key = `${event.streamId}/${orderId}`;
      if (event.type === 'PurchaseCompleted') {
        if (orders.has(key)) violations.push(`${where}: orderId ${orderId} stored twice`);
        orders.set(key, { total: amount(event, 'total'), refunded: 0 });
      } else if (event.type === 'PurchaseRefunded' && orderId !== undefined) {
        const order = orders.get(key);
        if (!order) violations.push(`${where}: refund of order ${orderId} before (or without) its order`);
        else {
          order.refunded += amount(event, 'amount');
          if (order.refunded > order.total) violations.push(`${where}: refunds exceed order ${orderId}`);
        }
      }
    }
  }
  const chains = await verifyChains(store);
  for (const link of chains.broken) violations.push(`${link.streamId}@${link.revision}: chain broken (${link.reason})`);
  for (const answer of accepted) {
    const stored = byPosition.get(answer.position);
    if (!stored || stored.eventId !== answer.eventId.toLowerCase() || stored.streamId !== answer.streamId || stored.revision.toString() !== answer.revision) {
      violations.push(`accepted ${answer.eventId} (${answer.streamId}@${answer.revision}, position ${answer.position}) is not in the log there`);
    }
  }
  return { events, streams: next.size, violations };
}

function amount(event: RecordedEvent, field: 'total' | 'amount'): number {
  const money = (event.data.data as Record<string, { amountMinor: number; baseAmountMinor?: number }>)[field];
  return money?.baseAmountMinor ?? money?.amountMinor ?? 0;
}
