import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLOCK_STREAM, createSqliteEventStore, type EventStore } from '@lifecycle/event-store';
import { recordAdminAction } from '../event-log/admin-log.js';
import { FutureClockError } from '../ingestion/clock-errors.js';
import { createIngestion, type Ingestion } from '../ingestion/ingestion.js';
import { importHistory } from './history-importer.js';
import { ImportRefusedError } from './import-guard.js';

const purchase = (customerId: string, day: string) => JSON.stringify({
  eventId: randomUUID(), type: 'PurchaseCompleted', customerId, occurredAt: `${day}T12:00:00.000Z`,
  data: { orderId: randomUUID(), total: { amountMinor: 1000, currency: 'USD' }, salesChannel: 'ONLINE' },
});

describe('import against the store clock (spec section 9)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'import-guard-'));
  const history = join(dir, 'history.ndjson');
  const later = join(dir, 'later.ndjson');
  let store: EventStore;
  let ingestion: Ingestion;
  const now = () => Date.parse('2026-12-01T12:00:00.000Z');

  beforeAll(() => {
    writeFileSync(history, `${[purchase('a', '1997-01-01'), purchase('b', '1997-01-03'), purchase('a', '1997-02-10')].join('\n')}\n`);
    writeFileSync(later, `${purchase('c', '1997-02-01')}\n`);
  });

  beforeEach(() => {
    store = createSqliteEventStore({ file: join(dir, `${randomUUID()}.sqlite`) });
    ingestion = createIngestion(store, 'USD', now);
  });

  afterEach(() => store.close());
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses an import with --clock into a store whose clock is past the history, naming both dates, appending nothing', async () => {
    await recordAdminAction(store, { actor: 'test', action: 'clock.advance', outcome: 'ok' }, now);
    await importHistory(history, ingestion, { clock: true, until: '1997-03-01', baseCurrency: 'USD', now });
    const head = await store.headPosition();
    const refused = importHistory(later, ingestion, { clock: true, baseCurrency: 'USD', now });
    await expect(refused).rejects.toThrow(ImportRefusedError);
    await expect(importHistory(later, ingestion, { clock: true, baseCurrency: 'USD', now })).rejects.toThrow(/clock is already at 1997-02-28, on or after 1997-02-01/);
    await expect(importHistory(later, ingestion, { until: '1997-02-15', baseCurrency: 'USD', now })).rejects.toThrow(/1997-02-28, after 1997-02-14/);
    expect(await store.headPosition()).toBe(head);
    // Without the clock, the import is the remedy.
    expect((await importHistory(later, ingestion, { baseCurrency: 'USD', now })).appended).toBe(1);
  });

  it('lets a re-run of a finished import succeed, appending nothing', async () => {
    const first = await importHistory(history, ingestion, { clock: true, until: '1997-03-01', baseCurrency: 'USD', now });
    expect(first.appended).toBe(3);
    const head = await store.headPosition();
    const again = await importHistory(history, ingestion, { clock: true, until: '1997-03-01', baseCurrency: 'USD', now });
    expect({ appended: again.appended, duplicates: again.duplicates, ticks: again.dayEnded.ticks }).toEqual({ appended: 0, duplicates: 3, ticks: 0 });
    expect(await store.headPosition()).toBe(head);
  });

  it('refuses --until in the future before appending anything, and starts the clock at the history, not an admin entry', async () => {
    await expect(importHistory(history, ingestion, { clock: true, until: '2026-12-03', baseCurrency: 'USD', now })).rejects.toThrow(FutureClockError);
    expect(await store.headPosition()).toBe(-1n);
    await recordAdminAction(store, { actor: 'test', action: 'keys.create', outcome: 'ok' }, now);
    await importHistory(history, ingestion, { baseCurrency: 'USD', now });
    await ingestion.tickUntil('1997-01-02');
    const ticks = await store.readStream(CLOCK_STREAM);
    expect(ticks.map((e) => (e.data.data as { date: string }).date)).toEqual(['1997-01-01', '1997-01-02']);
  });

  it('rejects a DayEnded line whose day is not over as FUTURE_EVENT', async () => {
    const file = join(dir, 'ticks.ndjson');
    const tick = (date: string) => JSON.stringify({ eventId: randomUUID(), type: 'DayEnded', occurredAt: '2026-12-01T00:00:00.000Z', data: { date } });
    writeFileSync(file, `${[tick('2026-11-30'), tick('2026-12-01')].join('\n')}\n`);
    const summary = await importHistory(file, ingestion, { baseCurrency: 'USD', now });
    expect(summary.appended).toBe(1);
    expect(summary.rejected.FUTURE_EVENT).toBe(1);
    expect(await store.streamRevision(CLOCK_STREAM)).toBe(0n);
  });
});
