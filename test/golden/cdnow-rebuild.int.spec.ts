import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { defaultRules } from '@lifecycle/domain';
import { createSqliteEventStore, type EventStore } from '@lifecycle/event-store';
import { createSqliteReadModel, type ReadModelStore } from '@lifecycle/read-model';
import { createIngestion } from '../../libs/core/src/ingestion/ingestion.js';
import { importHistory } from '../../libs/core/src/import/history-importer.js';
import { rebuildProjection, type RebuildProjectionResult } from '../../libs/core/src/projection/rebuild/rebuild-projection.js';

const DATA = join(process.cwd(), '../shared/data/cdnow');
const readNdjsonGz = (file: string) =>
  gunzipSync(readFileSync(file)).toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);

/** The CDNOW golden data through the rebuild path: folded in memory, flushed past a small budget, bulk-loaded. */
describe('CDNOW golden data, rebuilt in memory (sqlite)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'golden-rebuild-'));
  const expectedSummary = JSON.parse(readFileSync(join(DATA, 'expected/summary.json'), 'utf8'));
  let events: EventStore;
  let readModel: ReadModelStore;
  let result: RebuildProjectionResult;

  beforeAll(async () => {
    events = createSqliteEventStore({ file: join(dir, 'events.sqlite') });
    const ingestion = createIngestion(events, 'USD', () => Date.now());
    await importHistory(join(DATA, 'events.ndjson.gz'), ingestion, { clock: true, until: '1998-07-01', baseCurrency: 'USD' });
    readModel = createSqliteReadModel({ file: join(dir, 'read-model.sqlite') });
    // 8 MB: several flushes and evictions over the 23,570 customers.
    result = await rebuildProjection({ eventStore: events, target: readModel, rules: defaultRules('USD'), memoryBudgetMb: 8, batchSize: 5000, unsafe: true });
  }, 180_000);

  afterAll(async () => {
    await events?.close();
    await readModel?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('rebuilt in memory, with flushes past the budget', () => {
    expect(result.mode).toBe('memory');
    expect(result.store?.evictions).toBeGreaterThan(1);
  });

  it('gives every customer the expected fields', async () => {
    const expected = readNdjsonGz(join(DATA, 'expected/customers.ndjson.gz'));
    const fields = Object.keys(expected[0]);
    const actual: Array<Record<string, unknown>> = [];
    for await (const page of readModel.allProfiles()) actual.push(...(page as unknown as Array<Record<string, unknown>>));
    expect(actual.length).toBe(expected.length);
    const mismatches: string[] = [];
    expected.forEach((exp, i) => {
      for (const f of fields) {
        if (JSON.stringify(actual[i][f]) !== JSON.stringify(exp[f])) mismatches.push(`${String(exp.customerId)}.${f}: ${JSON.stringify(actual[i][f])} != ${JSON.stringify(exp[f])}`);
      }
    });
    expect(mismatches.slice(0, 20)).toEqual([]);
  });

  it('has the expected segment counts, final cutoffs, cutoffs of every date and transition counts', async () => {
    const counts = await readModel.segmentCounts();
    expect(counts.customers).toBe(expectedSummary.customers);
    expect(counts.status).toEqual(expectedSummary.status);
    expect(counts.valueTier).toEqual(expectedSummary.valueTier);
    const meta = await readModel.loadMeta();
    expect({ date: meta.clockDate, cutoffs: meta.cutoffs }).toEqual(expectedSummary.finalCutoffs);
    const cutoffs = readFileSync(join(DATA, 'expected/cutoffs.ndjson'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
    expect(await readModel.allCutoffs()).toEqual(cutoffs);
    const transitions = await readModel.transitionCounts();
    expect(transitions.byField).toEqual(expectedSummary.transitions);
    expect(transitions.reactivations).toBe(expectedSummary.reactivations);
  });
});
