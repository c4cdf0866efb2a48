import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteEventStore, type EventStore } from '@lifecycle/event-store';
import { purchase, refund, registered } from '../../../domain/src/testing/event-builders.js';
import { verifyChains } from '../audit/verify-chains.js';
import type { Candidate } from './ingestion-result.js';
import { IngestionService } from './ingestion.service.js';

const NOW = Date.parse('2026-01-01T00:00:00Z');
const ok = (event: Extract<Candidate, { ok: true }>['event']): Candidate => ({ ok: true, event });

describe('IngestionService against another writer on the same log', () => {
  let dir: string;
  let mine: EventStore;
  let theirs: EventStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ingestion-concurrency-'));
    mine = createSqliteEventStore({ file: join(dir, 'events.db') });
    theirs = createSqliteEventStore({ file: join(dir, 'events.db') });
  });

  afterEach(async () => {
    await mine.close();
    await theirs.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('re-decides a whole stream after losing a race: a refund never lands on the other writer\'s head without its order', async () => {
    const a = new IngestionService(mine, 'USD', () => NOW);
    const b = new IngestionService(theirs, 'USD', () => NOW);
    expect((await a.submit([ok(registered('c', '2025-01-01T00:00:00Z'))]))[0]!.status).toBe('accepted');
    // b appends behind a's cached state.
    expect((await b.submit([ok(purchase('c', '2025-01-02T00:00:00Z', 1_000, { orderId: 'theirs' }))]))[0]!.status).toBe('accepted');

    const results = await a.submit([
      ok(purchase('c', '2025-01-03T00:00:00Z', 2_000, { orderId: 'mine' })),
      ok(refund('c', '2025-01-04T00:00:00Z', 500, { orderId: 'mine' })),
    ]);

    expect(results.map((r) => [r.status, 'revision' in r ? r.revision : null])).toEqual([['accepted', '2'], ['accepted', '3']]);
    const stream = await mine.readStream('customer-c');
    expect(stream.map((e) => [e.revision, e.type, (e.data.data as { orderId?: string }).orderId])).toEqual([
      [0n, 'CustomerRegistered', undefined],
      [1n, 'PurchaseCompleted', 'theirs'],
      [2n, 'PurchaseCompleted', 'mine'],
      [3n, 'PurchaseRefunded', 'mine'],
    ]);
    expect((await verifyChains(mine)).broken).toEqual([]);
  });

  it('answers an event the other writer stored meanwhile as a duplicate and chains the next one on the stored head', async () => {
    const a = new IngestionService(mine, 'USD', () => NOW);
    const b = new IngestionService(theirs, 'USD', () => NOW);
    await a.submit([ok(registered('d', '2025-01-01T00:00:00Z'))]);
    const shared = purchase('d', '2025-01-02T00:00:00Z', 1_000, { orderId: 'o1' });
    await b.submit([ok(shared)]);

    const results = await a.submit([ok(shared), ok(refund('d', '2025-01-03T00:00:00Z', 100, { orderId: 'o1' }))]);

    expect(results.map((r) => r.status)).toEqual(['duplicate', 'accepted']);
    expect((await mine.readStream('customer-d')).map((e) => e.revision)).toEqual([0n, 1n, 2n]);
    expect((await verifyChains(mine)).broken).toEqual([]);
  });
});
