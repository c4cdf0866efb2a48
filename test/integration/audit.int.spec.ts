import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { defaultRules } from '@lifecycle/domain';
import { createSqliteEventStore, type EventStore } from '@lifecycle/event-store';
import { createSqliteReadModel, type ReadModelStore } from '@lifecycle/read-model';
import { compareReadModels } from '../../libs/core/src/audit/compare-read-models.js';
import { exportLog } from '../../libs/core/src/audit/export-log.js';
import { verifyChains } from '../../libs/core/src/audit/verify-chains.js';
import { verifyProjection } from '../../libs/core/src/audit/verify-projection.js';
import { importHistory } from '../../libs/core/src/import/history-importer.js';
import { createIngestion } from '../../libs/core/src/ingestion/ingestion.js';
import { catchUp } from '../../libs/core/src/projection/catch-up.js';
import { Projector } from '../../libs/core/src/projection/projector.js';
import { writeCdnowSubset } from '../support/cdnow.js';

const rules = defaultRules('USD');

async function importAndProject(dir: string, name: string, file: string, clock: boolean, until?: string) {
  const events = createSqliteEventStore({ file: join(dir, `${name}-events.sqlite`) });
  const summary = await importHistory(file, createIngestion(events, 'USD', () => Date.now()), { clock, until, baseCurrency: 'USD' });
  const readModel = createSqliteReadModel({ file: join(dir, `${name}-read-model.sqlite`) });
  const projector = new Projector(readModel, rules);
  await projector.init();
  await catchUp(events, projector);
  return { events, readModel, summary };
}

describe('audit on a CDNOW slice', () => {
  const dir = mkdtempSync(join(tmpdir(), 'audit-'));
  let original: { events: EventStore; readModel: ReadModelStore };

  beforeAll(async () => {
    const file = join(dir, 'slice.ndjson');
    await writeCdnowSubset(file, (line) => line <= 20_000);
    original = await importAndProject(dir, 'original', file, true, '1997-04-01');
  }, 60_000);

  afterAll(async () => {
    await original.events.close();
    await original.readModel.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('exports a log that re-imports, without --clock, into an identical read model', async () => {
    const file = join(dir, 'export.ndjson');
    const lines: string[] = [];
    for await (const batch of exportLog(original.events)) lines.push(...batch.map((e) => JSON.stringify(e)));
    writeFileSync(file, `${lines.join('\n')}\n`);
    expect(lines.filter((l) => l.includes('"type":"DayEnded"')).length).toBeGreaterThan(80);
    const copy = await importAndProject(dir, 'copy', file, false);
    expect(copy.summary).toMatchObject({ read: lines.length, appended: lines.length, duplicates: 0, rejectedTotal: 0 });
    expect(await compareReadModels(original.readModel, copy.readModel)).toEqual([]);
    await copy.events.close();
    await copy.readModel.close();
  }, 60_000);

  it('verifies a faithful projection and names the altered field of a tampered one', async () => {
    const scratch = () => createSqliteReadModel({ file: ':memory:' });
    const clean = await verifyProjection(original.events, original.readModel, scratch(), rules);
    expect(clean).toMatchObject({ ok: true, mismatches: [], brokenLinks: [] });

    const [record] = (await original.readModel.getCustomers(['1001'])).values();
    const honest = structuredClone(record);
    record.state.loyaltyLevel = 'ADVOCATE';
    await original.readModel.commit({ customers: [record], transitions: [] });
    const report = await verifyProjection(original.events, original.readModel, scratch(), rules);
    expect(report.ok).toBe(false);
    expect(report.mismatches).toEqual(['loyaltyLevel', 'stored.loyalty_level', 'stored.state.loyaltyLevel'].map((field) => (
      { customerId: '1001', field, live: 'ADVOCATE', replayed: honest.state.loyaltyLevel }
    )));
    await original.readModel.commit({ customers: [honest], transitions: [] });
  }, 60_000);

  it('reports the first broken link of a stream whose stored event was altered', async () => {
    expect((await verifyChains(original.events)).broken).toEqual([]);
    const db = new Database(join(dir, 'original-events.sqlite'));
    const row = db.prepare("SELECT position, data FROM events WHERE stream_id = 'customer-1001' ORDER BY revision LIMIT 1 OFFSET 1").get() as { position: number; data: string };
    db.prepare('UPDATE events SET data = ? WHERE position = ?').run(row.data.replace(/"amountMinor":\d+/, '"amountMinor":1'), row.position);
    db.close();
    const { broken } = await verifyChains(original.events);
    expect(broken).toEqual([expect.objectContaining({ streamId: 'customer-1001', revision: '1', position: String(row.position) })]);
  });
});
