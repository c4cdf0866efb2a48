import { randomUUID } from 'node:crypto';

/** Route bodies (no type or customerId) for the ingestion API. */
export const purchaseBody = (orderId: string, amountMinor: number, occurredAt = '2026-11-01T10:00:00.000Z', extra: object = {}) => ({
  eventId: randomUUID(),
  occurredAt,
  data: { orderId, total: { amountMinor, currency: 'USD' }, salesChannel: 'ONLINE', ...extra },
});

export const refundBody = (orderId: string | undefined, amountMinor: number, occurredAt = '2026-11-02T10:00:00.000Z') => ({
  eventId: randomUUID(),
  occurredAt,
  data: { refundId: randomUUID(), ...(orderId ? { orderId } : {}), amount: { amountMinor, currency: 'USD' }, reason: 'RETURN' },
});

/** A full envelope of the import format. */
export const envelope = (type: string, customerId: string, body: { eventId: string; occurredAt: string; data: object }) => ({
  type, customerId, ...body,
});
