import { purchase, refund, registered } from '../../../domain/src/testing/event-builders.js';
import { verifyChains } from '../audit/verify-chains.js';
import { dayEndedEvent } from './day-ended-event.js';
import type { Candidate } from './ingestion-result.js';
import { createIngestion } from './ingestion.js';
import { twoSqliteWritersOnOneFile } from '../../../event-store/src/testing/two-sqlite-writers.js';

const NOW = Date.parse('2026-01-01T00:00:00Z');
const ok = (event: Extract<Candidate, { ok: true }>['event']): Candidate => ({ ok: true, event });

describe('Ingestion against another writer on the same log', () => {
  const writers = twoSqliteWritersOnOneFile('ingestion-concurrency');

  it('re-decides a whole stream after losing a race: a refund never lands on the other writer\'s head without its order', async () => {
    const a = createIngestion(writers.mine, 'USD', () => NOW);
    const b = createIngestion(writers.theirs, 'USD', () => NOW);
    expect((await a.submit([ok(registered('c', '2025-01-01T00:00:00Z'))]))[0]!.status).toBe('accepted');
    // b appends behind a's cached state.
    expect((await b.submit([ok(purchase('c', '2025-01-02T00:00:00Z', 1_000, { orderId: 'theirs' }))]))[0]!.status).toBe('accepted');

    const results = await a.submit([
      ok(purchase('c', '2025-01-03T00:00:00Z', 2_000, { orderId: 'mine' })),
      ok(refund('c', '2025-01-04T00:00:00Z', 500, { orderId: 'mine' })),
    ]);

    expect(results.map((r) => [r.status, 'revision' in r ? r.revision : null])).toEqual([['accepted', '2'], ['accepted', '3']]);
    const stream = await writers.mine.readStream('customer-c');
    expect(stream.map((e) => [e.revision, e.type, (e.data.data as { orderId?: string }).orderId])).toEqual([
      [0n, 'CustomerRegistered', undefined],
      [1n, 'PurchaseCompleted', 'theirs'],
      [2n, 'PurchaseCompleted', 'mine'],
      [3n, 'PurchaseRefunded', 'mine'],
    ]);
    expect((await verifyChains(writers.mine)).broken).toEqual([]);
  });

  it('never chains a later request of a stream onto events another writer stored first with other metadata', async () => {
    const a = createIngestion(writers.mine, 'USD', () => NOW);
    const b = createIngestion(writers.theirs, 'USD', () => NOW);
    await a.submit([ok(registered('e', '2025-01-01T00:00:00Z'))]);
    await b.submit([ok(registered('f', '2025-01-01T00:00:00Z'))]);
    const sharedPurchase = purchase('e', '2025-01-02T00:00:00Z', 1_000, { orderId: 'o1' });
    const sharedRefund = refund('e', '2025-01-03T00:00:00Z', 100, { orderId: 'o1' });
    // b stores the pair first, sent to it by another request (another correlation id, so other hashes).
    await b.submit([ok({ ...sharedPurchase, metadata: { correlationId: 'to-b' } }), ok({ ...sharedRefund, metadata: { correlationId: 'to-b' } })]);
    // a's group: the same pair (stale cache), another customer's event, then a new event of the first customer.
    const results = await Promise.all([
      a.submit([ok({ ...sharedPurchase, metadata: { correlationId: 'to-a' } }), ok({ ...sharedRefund, metadata: { correlationId: 'to-a' } })]),
      a.submit([ok(purchase('f', '2025-01-02T00:00:00Z', 700, { orderId: 'f1' }))]),
      a.submit([ok(purchase('e', '2025-01-04T00:00:00Z', 2_000, { orderId: 'o2' }))]),
    ]);
    expect(results.flat().map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'accepted', 'accepted']);
    const stream = await writers.mine.readStream('customer-e');
    expect(stream.map((e) => [e.revision, e.metadata.correlationId ?? null])).toEqual([[0n, null], [1n, 'to-b'], [2n, 'to-b'], [3n, null]]);
    expect((await verifyChains(writers.mine)).broken).toEqual([]);
  });

  it('answers an event the other writer stored meanwhile as a duplicate and chains the next one on the stored head', async () => {
    const a = createIngestion(writers.mine, 'USD', () => NOW);
    const b = createIngestion(writers.theirs, 'USD', () => NOW);
    await a.submit([ok(registered('d', '2025-01-01T00:00:00Z'))]);
    const shared = purchase('d', '2025-01-02T00:00:00Z', 1_000, { orderId: 'o1' });
    await b.submit([ok(shared)]);

    const results = await a.submit([ok(shared), ok(refund('d', '2025-01-03T00:00:00Z', 100, { orderId: 'o1' }))]);

    expect(results.map((r) => r.status)).toEqual(['duplicate', 'accepted']);
    expect((await writers.mine.readStream('customer-d')).map((e) => e.revision)).toEqual([0n, 1n, 2n]);
    expect((await verifyChains(writers.mine)).broken).toEqual([]);
  });

  it('does not reject on a stale state: a refund of an order the other writer stored, a tick after the other writer\'s tick', async () => {
    const a = createIngestion(writers.mine, 'USD', () => NOW);
    const b = createIngestion(writers.theirs, 'USD', () => NOW);
    await a.submit([ok(registered('e', '2025-01-01T00:00:00Z'))]);
    await a.tickUntil('2025-01-01', { clock: { firstDate: '2025-01-01' } });
    await b.submit([ok(purchase('e', '2025-01-02T00:00:00Z', 1_000, { orderId: 'by-b' }))]);
    await b.tickUntil('2025-01-02');

    const [refunded] = await a.submit([ok(refund('e', '2025-01-03T00:00:00Z', 100, { orderId: 'by-b' }))]);
    const [ticked] = await a.submit([ok(dayEndedEvent('2025-01-03'))]);

    expect(refunded).toMatchObject({ status: 'accepted', revision: '2' });
    expect(ticked).toMatchObject({ status: 'accepted', streamId: 'lifecycle-clock', revision: '2' });
    // A real rejection still stands.
    const [unknown] = await a.submit([ok(refund('e', '2025-01-03T00:00:00Z', 100, { orderId: 'nobody' }))]);
    expect(unknown).toMatchObject({ status: 'rejected', code: 'UNKNOWN_ORDER' });
  });

  it('retries a stream\'s later request in the same group commit after its first one lost the race', async () => {
    const a = createIngestion(writers.mine, 'USD', () => NOW);
    const b = createIngestion(writers.theirs, 'USD', () => NOW);
    await a.submit([ok(registered('f', '2025-01-01T00:00:00Z')), ok(registered('g', '2025-01-01T00:00:00Z'))]);
    await b.submit([ok(purchase('f', '2025-01-02T00:00:00Z', 1_000, { orderId: 'by-b' }))]);

    // One group commit, planned as requests f, g, f: the second f rests on the first.
    const [bought, other, refunded] = await Promise.all([
      a.submit([ok(purchase('f', '2025-01-03T00:00:00Z', 2_000, { orderId: 'by-a' }))]),
      a.submit([ok(purchase('g', '2025-01-03T00:00:00Z', 2_000, { orderId: 'g-1' }))]),
      a.submit([ok(refund('f', '2025-01-04T00:00:00Z', 100, { orderId: 'by-a' }))]),
    ]);

    expect([bought[0], other[0], refunded[0]].map((r) => r!.status)).toEqual(['accepted', 'accepted', 'accepted']);
    const stream = await writers.mine.readStream('customer-f');
    expect(stream.map((e) => [e.revision, (e.data.data as { orderId?: string }).orderId])).toEqual([
      [0n, undefined], [1n, 'by-b'], [2n, 'by-a'], [3n, 'by-a'],
    ]);
    expect(stream[3]!.type).toBe('PurchaseRefunded');
    expect((await verifyChains(writers.mine)).broken).toEqual([]);
  });

  it('retries, and does not call duplicate, the customer events planned after a tick that lost the race (import with the clock on)', async () => {
    const a = createIngestion(writers.mine, 'USD', () => NOW);
    const b = createIngestion(writers.theirs, 'USD', () => NOW);
    const clock = { firstDate: '2025-01-01' };
    await a.submit([ok(registered('h', '2025-01-01T10:00:00Z'))], { mode: 'serial', clock });
    await a.tickUntil('2025-01-01', { clock });
    expect((await a.decisions.clockState()).lastDate).toBe('2025-01-01');
    await b.tickUntil('2025-01-02');

    // a's cached clock still ends at 01-01: its tick of 01-02 conflicts, the purchase after it must wait.
    const [bought] = await a.submit([ok(purchase('h', '2025-01-03T10:00:00Z', 1_000, { orderId: 'h-1' }))], { mode: 'serial', clock });

    expect(bought).toMatchObject({ status: 'accepted', streamId: 'customer-h', revision: '1' });
    expect((await writers.mine.readStream('customer-h')).map((e) => e.type)).toEqual(['CustomerRegistered', 'PurchaseCompleted']);
    expect((await writers.mine.readStream('lifecycle-clock')).map((e) => (e.data.data as { date: string }).date)).toEqual(['2025-01-01', '2025-01-02']);
    expect((await verifyChains(writers.mine)).broken).toEqual([]);
  });
});

