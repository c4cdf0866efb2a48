import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultRules } from '@lifecycle/domain';
import { CLOCK_STREAM, createSqliteEventStore, customerStream, type EventStore, type NewEvent } from '@lifecycle/event-store';
import { createSqliteProjectionCatalog, type ProjectionCatalog, type ReadModelStore } from '@lifecycle/read-model';
import { catchUp } from '../../libs/core/src/projection/catch-up.js';
import { Projector } from '../../libs/core/src/projection/projector.js';
import { envelope, purchaseBody } from '../support/envelopes.js';

const raw = (type: string, data: Record<string, unknown>): NewEvent => ({ eventId: randomUUID(), type, data, metadata: {} });
const business = (customerId: string, occurredAt: string): NewEvent => {
  const { type, eventId, ...body } = envelope('PurchaseCompleted', customerId, purchaseBody(`o-${randomUUID()}`, 1500, occurredAt));
  return { eventId, type, data: body, metadata: {} };
};

describe('Projector on a shared log: events it does not own', () => {
  const dir = mkdtempSync(join(tmpdir(), 'foreign-'));
  // The embedded adapters: the skipping is the projector's, whatever the store.
  let events: EventStore;
  let catalog: ProjectionCatalog;
  let readModel: ReadModelStore;
  beforeAll(async () => {
    events = createSqliteEventStore({ file: join(dir, 'events.sqlite') });
    catalog = await createSqliteProjectionCatalog({ dir });
    readModel = await catalog.open(await catalog.activeVersion());
  });
  afterAll(async () => {
    await events.close();
    await readModel.close();
    await catalog.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('skips and counts them instead of failing, projects the rest and moves its checkpoint past them', async () => {
    await events.append({ streamId: customerStream('c1'), expectedRevision: 'no_stream', events: [business('c1', '1997-01-01T10:00:00.000Z')] });
    // What other writers of the same log put there: a contract suite, the admin audit stream, stray types and bodies.
    await events.append({ streamId: `contract-roundtrip-${randomUUID().slice(0, 8)}`, expectedRevision: 'any', events: [raw('CustomerRegistered', { name: 'Ada', tags: ['a'] })] });
    await events.append({ streamId: 'lifecycle-admin', expectedRevision: 'any', events: [raw('ApiKeyCreated', { keyId: 'k1' })] });
    await events.append({ streamId: customerStream('c2'), expectedRevision: 'any', events: [raw('PurchaseCompleted', { amount: 42 }), raw('Renamed', { customerId: 'c2' })] });
    await events.append({ streamId: CLOCK_STREAM, expectedRevision: 'any', events: [raw('ClockReset', {})] });
    await events.append({ streamId: customerStream('c1'), expectedRevision: 0n, events: [business('c1', '1997-01-02T10:00:00.000Z')] });
    await events.append({ streamId: 'contract-tail', expectedRevision: 'any', events: [raw('TestHappened', {})] });

    const projector = new Projector(readModel, defaultRules('USD'));
    await projector.init();
    await catchUp(events, projector);

    expect(projector.stats.foreignEvents).toBe(6);
    expect(projector.stats.lastForeignEvent).toMatchObject({ streamId: 'contract-tail', type: 'TestHappened' });
    expect(projector.checkpoint).toBe(await events.headPosition());
    const profile = await readModel.getProfile('c1');
    expect(profile).toMatchObject({ customerId: 'c1' });
    expect(await readModel.getProfile('c2')).toBeNull();
    expect((await readModel.segmentCounts()).customers).toBe(1);
  });
});
