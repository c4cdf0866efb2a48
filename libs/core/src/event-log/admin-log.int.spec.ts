import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultRules } from '@lifecycle/domain';
import { createSqliteEventStore, type EventStore } from '@lifecycle/event-store';
import { createSqliteReadModel, type ReadModelStore } from '@lifecycle/read-model';
import { createIngestion } from '../ingestion/ingestion.js';
import { catchUp } from '../projection/catch-up.js';
import { Projector } from '../projection/projector.js';
import { ADMIN_STREAM, readAdminLog, recordAdminAction } from './admin-log.js';
import { exportLog } from '../audit/export-log.js';
import { verifyChains } from '../audit/verify-chains.js';

describe('the admin stream', () => {
  const dir = mkdtempSync(join(tmpdir(), 'admin-log-'));
  let store: EventStore;
  let readModel: ReadModelStore;
  const now = () => Date.parse('2026-12-01T12:00:00.000Z');

  beforeAll(async () => {
    store = createSqliteEventStore({ file: join(dir, 'events.sqlite') });
    readModel = createSqliteReadModel({ file: join(dir, 'read-model.sqlite') });
    await recordAdminAction(store, { actor: 'admin-1', action: 'keys.create', outcome: 'ok', details: { id: 'ingest-1' } }, now);
    const [result] = await createIngestion(store, 'USD', now).submit([{
      ok: true,
      event: {
        eventId: randomUUID(), type: 'PurchaseCompleted', customerId: 'alice', occurredAt: '1997-01-01T10:00:00.000Z',
        data: { orderId: 'o-1', total: { amountMinor: 100, currency: 'USD' }, salesChannel: 'ONLINE' },
      },
    }]);
    expect(result.status).toBe('accepted');
    await recordAdminAction(store, { actor: 'admin-1', action: 'clock.advance', outcome: 'ok', details: { until: '1997-02-01' } }, now);
  });

  afterAll(async () => {
    await store.close();
    await readModel.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is hash-chained like every stream, and paged oldest first', async () => {
    const chains = await verifyChains(store);
    expect(chains.broken).toEqual([]);
    expect(chains.streams).toBe(2);
    const [first, second] = await store.readStream(ADMIN_STREAM);
    expect(second.metadata.hash).not.toBe(first.metadata.hash);
    const page = await readAdminLog(store, 0n, 1);
    expect(page.items).toEqual([expect.objectContaining({ actor: 'admin-1', action: 'keys.create', outcome: 'ok', at: '2026-12-01T12:00:00.000Z', revision: '0' })]);
    expect(page.nextFromRevision).toBe('1');
    expect((await readAdminLog(store, 1n, 10)).nextFromRevision).toBeNull();
  });

  it('is skipped by the projector, whose checkpoint still passes it, and by the log export', async () => {
    const projector = new Projector(readModel, defaultRules('USD'));
    await projector.init();
    await catchUp(store, projector);
    expect(projector.checkpoint).toBe(await store.headPosition());
    expect((await readModel.segmentCounts()).customers).toBe(1);
    const exported = [];
    for await (const batch of exportLog(store)) exported.push(...batch);
    expect(exported.map((e) => e.type)).toEqual(['PurchaseCompleted']);
  });
});
