import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultRules } from '@lifecycle/domain';
import { createSqliteEventStore, type EventStore } from '@lifecycle/event-store';
import { createSqliteReadModel, type ReadModelStore } from '@lifecycle/read-model';
import { compareReadModels } from '../../libs/core/src/audit/compare-read-models.js';
import { importHistory } from '../../libs/core/src/import/history-importer.js';
import { createIngestion } from '../../libs/core/src/ingestion/ingestion.js';
import { catchUp } from '../../libs/core/src/projection/catch-up.js';
import { Projector } from '../../libs/core/src/projection/projector.js';
import { writeCdnowSubset } from '../support/cdnow.js';

const rules = defaultRules('USD');
describe('a projector stopped mid-way and restarted', () => {
  const dir = mkdtempSync(join(tmpdir(), 'restart-'));
  let events: EventStore;
  let clean: ReadModelStore;

  beforeAll(async () => {
    const file = join(dir, 'head.ndjson');
    await writeCdnowSubset(file, (line) => line <= 30_000);
    events = createSqliteEventStore({ file: join(dir, 'events.sqlite') });
    await importHistory(file, createIngestion(events, 'USD', () => Date.now()), { clock: true, until: '1997-06-01', baseCurrency: 'USD' });
    clean = createSqliteReadModel({ file: join(dir, 'clean.sqlite') });
    const projector = new Projector(clean, rules);
    await projector.init();
    await catchUp(events, projector);
  }, 60_000);

  afterAll(async () => {
    await events.close();
    await clean.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('ends equal to a clean rebuild from position 0', async () => {
    const file = join(dir, 'restarted.sqlite');
    const first = createSqliteReadModel({ file });
    const projector = new Projector(first, rules);
    await projector.init();
    const head = await events.headPosition();
    let after: bigint | undefined;
    while (after === undefined || after < head / 2n) {
      const batch = await events.readAll({ after, maxCount: 777 });
      await projector.handle(batch);
      after = batch[batch.length - 1].position;
    }
    await first.close();

    const reopened = createSqliteReadModel({ file });
    const restarted = new Projector(reopened, rules);
    expect((await restarted.init()).checkpoint).toBe(after);
    await catchUp(events, restarted, 1234);
    expect(await compareReadModels(clean, reopened)).toEqual([]);
    await reopened.close();
  }, 60_000);

  it('rolls a batch that crashes half-way back to its checkpoint, and then ends equal to the clean rebuild', async () => {
    const file = join(dir, 'crashed.sqlite');
    const store = createSqliteReadModel({ file });
    let commits = 0;
    const crashing: ReadModelStore = {
      ...store,
      commit: async (write) => {
        if (++commits === 40) throw new Error('simulated crash');
        return store.commit(write);
      },
    };
    const projector = new Projector(crashing, rules);
    await projector.init();
    await expect(catchUp(events, projector, 5000)).rejects.toThrow('simulated crash');
    const checkpoint = (await store.loadMeta()).checkpoint;
    await store.close();

    const reopened = createSqliteReadModel({ file });
    const restarted = new Projector(reopened, rules);
    expect((await restarted.init()).checkpoint).toBe(checkpoint);
    await catchUp(events, restarted);
    expect(await compareReadModels(clean, reopened)).toEqual([]);
    await reopened.close();
  }, 60_000);

  it('is detected as different when a stored profile is altered', async () => {
    const copy = createSqliteReadModel({ file: join(dir, 'altered.sqlite') });
    const projector = new Projector(copy, rules);
    await projector.init();
    await catchUp(events, projector);
    const [record] = (await copy.getCustomers(['100'])).values();
    record.state.status = 'CHURNED';
    await copy.commit({ customers: [record], transitions: [] });
    const mismatches = await compareReadModels(copy, clean);
    const replayed = expect.any(String);
    // The profile, the indexed column and the stored state each name the altered field.
    expect(mismatches).toEqual([
      { customerId: '100', field: 'status', live: 'CHURNED', replayed },
      { customerId: '100', field: 'stored.status', live: 'CHURNED', replayed },
      { customerId: '100', field: 'stored.state.status', live: 'CHURNED', replayed },
    ]);
    await copy.close();
  }, 60_000);
});
