import { purchase, refund, registered } from '../../../domain/src/testing/event-builders.js';
import { verifyChains } from '../audit/verify-chains.js';
import type { Candidate } from './ingestion-result.js';
import { createIngestion } from './ingestion.js';
import { twoSqliteWritersOnOneFile } from '../../../event-store/src/testing/two-sqlite-writers.js';

const NOW = Date.parse('2026-01-01T00:00:00Z');
const ok = (event: Extract<Candidate, { ok: true }>['event']): Candidate => ({ ok: true, event });

describe('Ingestion with the store\'s index of streams', () => {
  const writers = twoSqliteWritersOnOneFile('known-streams');
  let streamReads: string[];

  beforeEach(() => {
    streamReads = [];
    const readStream = writers.mine.readStream.bind(writers.mine);
    writers.mine.readStream = (streamId, from, max) => {
      streamReads.push(streamId);
      return readStream(streamId, from, max);
    };
  });

  it('reads no stream for new customers, and reads a customer another writer created', async () => {
    const b = createIngestion(writers.theirs, 'USD', () => NOW);
    await b.submit([ok(registered('old', '2025-01-01T00:00:00Z')), ok(purchase('old', '2025-01-02T00:00:00Z', 1_000, { orderId: 'o1' }))]);
    const a = createIngestion(writers.mine, 'USD', () => NOW);

    const results = await a.submit([
      ok(registered('n1', '2025-02-01T00:00:00Z')),
      ok(registered('n2', '2025-02-01T00:00:00Z')),
      ok(refund('old', '2025-02-02T00:00:00Z', 100, { orderId: 'o1' })),
    ]);

    expect(results.map((r) => [r.status, 'revision' in r ? r.revision : null])).toEqual([['accepted', '0'], ['accepted', '0'], ['accepted', '2']]);
    expect(streamReads.filter((s) => s.startsWith('customer-'))).toEqual(['customer-old']);
    // Cached from now on: the next events of these customers read nothing either.
    await a.submit([ok(purchase('n1', '2025-02-03T00:00:00Z', 500))]);
    expect(streamReads.filter((s) => s.startsWith('customer-'))).toEqual(['customer-old']);
  });

  it('still re-reads and retries when the stream was created between the index\'s answer and the append', async () => {
    // The index answers "no such stream" although another writer just created it.
    writers.mine.existingStreams = async () => new Set<string>();
    const b = createIngestion(writers.theirs, 'USD', () => NOW);
    await b.submit([ok(registered('q', '2025-01-01T00:00:00Z')), ok(purchase('q', '2025-01-02T00:00:00Z', 1_000, { orderId: 'theirs' }))]);
    const a = createIngestion(writers.mine, 'USD', () => NOW);

    const results = await a.submit([
      ok(purchase('q', '2025-01-03T00:00:00Z', 2_000, { orderId: 'theirs' })),
      ok(refund('q', '2025-01-04T00:00:00Z', 100, { orderId: 'theirs' })),
    ]);

    // Planned on an empty state, the purchase conflicted; re-read, it is a duplicate order, and the refund finds its order.
    expect(results[0]).toMatchObject({ status: 'rejected', code: 'DUPLICATE_ORDER' });
    expect(results[1]).toMatchObject({ status: 'accepted', revision: '2' });
    expect(streamReads).toContain('customer-q');
    expect((await writers.mine.readStream('customer-q')).map((e) => e.type)).toEqual(['CustomerRegistered', 'PurchaseCompleted', 'PurchaseRefunded']);
    expect((await verifyChains(writers.mine)).broken).toEqual([]);
  });
});
