import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { defaultRules } from '@lifecycle/domain';
import type { EventStore } from '@lifecycle/event-store';
import type { ReadModelStore } from '@lifecycle/read-model';
import { createIngestion } from '../../libs/core/src/ingestion/ingestion.js';
import { importHistory } from '../../libs/core/src/import/history-importer.js';
import { Projector } from '../../libs/core/src/projection/projector.js';
import { catchUp } from '../../libs/core/src/projection/catch-up.js';
import { segmentSeries } from '../../libs/core/src/queries/segment-series.js';
import { expectedTallies, sortTallies } from '../../libs/read-model/src/stats.contract-helpers.js';
import { startTestApp } from '../support/test-app.js';
import { adapterLabel, openTestStores, type TestStores } from '../support/test-stores.js';

const DATA = join(process.cwd(), '../shared/data/cdnow');
const readNdjsonGz = (file: string) =>
  gunzipSync(readFileSync(file)).toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));

describe(`CDNOW golden data (${adapterLabel})`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'golden-'));
  let expectedCustomers: Array<Record<string, unknown>>;
  const rules = defaultRules('USD');
  let stores: TestStores;
  let events: EventStore;
  let readModel: ReadModelStore;
  const expectedSummary = JSON.parse(readFileSync(join(DATA, 'expected/summary.json'), 'utf8'));
  const counted = (counts: Record<string, number>) => Object.fromEntries(Object.entries(counts).filter(([, n]) => n));
  let summary: Awaited<ReturnType<typeof importHistory>>;

  beforeAll(async () => {
    stores = await openTestStores(dir);
    ({ events, readModel } = stores);
    const ingestion = createIngestion(events, 'USD', () => Date.now());
    summary = await importHistory(join(DATA, 'events.ndjson.gz'), ingestion, { clock: true, until: '1998-07-01', baseCurrency: 'USD' });
    const projector = new Projector(readModel, rules);
    await projector.init();
    await catchUp(events, projector);
    expectedCustomers = readNdjsonGz(join(DATA, 'expected/customers.ndjson.gz'));
  }, 120_000);

  afterAll(async () => {
    await stores?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports with the expected counters', () => {
    const e = expectedSummary.events;
    expect({ read: summary.read, appended: summary.appended, duplicates: summary.duplicates, rejected: summary.rejected })
      .toEqual({ read: e.read, appended: e.appended, duplicates: e.duplicates, rejected: e.rejected });
    expect(summary.appendedByType).toEqual(e.appendedByType);
    expect(summary.firstRejections).toEqual(e.firstRejections);
    expect(summary.dayEnded).toEqual(expectedSummary.dayEnded);
  });

  it('gives every customer the expected fields', async () => {
    const expected = expectedCustomers;
    const fields = Object.keys(expected[0]);
    const actual: Record<string, unknown>[] = [];
    for await (const page of readModel.allProfiles()) actual.push(...page);
    expect(actual.length).toBe(expected.length);
    const mismatches: string[] = [];
    expected.forEach((exp, i) => {
      const act = actual[i] as Record<string, unknown>;
      for (const f of fields) {
        if (JSON.stringify(act[f]) !== JSON.stringify(exp[f])) mismatches.push(`${exp.customerId}.${f}: ${JSON.stringify(act[f])} != ${JSON.stringify(exp[f])}`);
      }
    });
    expect(mismatches.slice(0, 20)).toEqual([]);
  });

  it('has the expected segment counts, cutoffs and transition counts', async () => {
    const counts = await readModel.segmentCounts();
    expect(counts.customers).toBe(expectedSummary.customers);
    expect(counts.status).toEqual(expectedSummary.status);
    expect(counts.loyaltyLevel).toEqual(Object.fromEntries(Object.entries(expectedSummary.loyaltyLevel).filter(([, n]) => n)));
    expect(counts.valueTier).toEqual(expectedSummary.valueTier);
    const meta = await readModel.loadMeta();
    expect({ date: meta.clockDate, cutoffs: meta.cutoffs }).toEqual(expectedSummary.finalCutoffs);
    const transitions = await readModel.transitionCounts();
    expect(transitions.byField).toEqual(expectedSummary.transitions);
    expect(transitions.initial).toEqual(Object.fromEntries(Object.entries(expectedSummary.initialAssignments).filter(([, n]) => n)));
    expect(transitions.reactivations).toBe(expectedSummary.reactivations);
  });

  it('keeps the expected cutoffs for every date', async () => {
    const expected = readFileSync(join(DATA, 'expected/cutoffs.ndjson'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
    expect(await readModel.allCutoffs()).toEqual(expected);
  });

  it('serves the same results over HTTP: a segment paged through exactly, and the counts', async () => {
    const app = await startTestApp(stores.env);
    try {
      const expectedIds = expectedCustomers.filter((c) => c.status === 'AT_RISK' && c.valueTier === 'VIP').map((c) => c.customerId);
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = `/customers?status=AT_RISK&valueTier=VIP&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
        const { status, body } = await app.request('GET', query);
        expect(status).toBe(200);
        ids.push(...body.items.map((c: { customerId: string }) => c.customerId));
        cursor = body.nextCursor;
      } while (cursor);
      expect(expectedIds.length).toBeGreaterThan(2);
      expect(ids).toEqual(expectedIds);
      const segments = await app.request('GET', '/segments');
      expect(segments.body.status).toEqual(expectedSummary.status);
      expect(segments.body.cutoffs).toEqual(expectedSummary.finalCutoffs.cutoffs);
      const one = await app.request('GET', `/customers/${expectedIds[0]}`);
      expect(one.body).toMatchObject(expectedCustomers.find((c) => c.customerId === expectedIds[0]) as object);
    } finally {
      await app.close({ keepData: true });
    }
  });

  it('gives the daily statistics of the expected transitions, ending with the expected segments', async () => {
    const DAY = 86_400_000;
    const golden = readNdjsonGz(join(DATA, 'expected/transitions.ndjson.gz')).map((tr) => ({ ...tr, t: Date.parse(tr.t), position: 0n }));
    const [from, end] = [Date.parse('1997-01-01T00:00:00Z'), Date.parse('1998-07-02T00:00:00Z')];
    expect(golden.every((tr) => tr.t >= from && tr.t < end)).toBe(true);
    const daily = await readModel.dailyTransitionTallies(from, end);
    expect(sortTallies(daily)).toEqual(expectedTallies(golden, DAY));
    expect(await readModel.transitionTalliesBefore(from)).toEqual([]);
    const days = segmentSeries('1997-01-01', '1998-07-01', [], daily);
    const last = days[days.length - 1];
    expect(last.sizes).toEqual({ status: expectedSummary.status, loyaltyLevel: counted(expectedSummary.loyaltyLevel), valueTier: expectedSummary.valueTier });
    expect(days.reduce((sum, d) => sum + d.reactivations, 0)).toBe(expectedSummary.reactivations);
    expect(days.reduce((sum, d) => sum + d.newCustomers, 0)).toBe(expectedSummary.customers);
    const late = segmentSeries('1998-03-01', '1998-07-01', await readModel.transitionTalliesBefore(Date.parse('1998-03-01T00:00:00Z')),
      await readModel.dailyTransitionTallies(Date.parse('1998-03-01T00:00:00Z'), end));
    expect(late).toEqual(days.slice(days.length - late.length));
    const cutoffs = readFileSync(join(DATA, 'expected/cutoffs.ndjson'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
    expect(await readModel.cutoffsBetween('1998-01-01', '1998-01-31')).toEqual(cutoffs.filter((c) => c.date >= '1998-01-01' && c.date <= '1998-01-31'));
  });
});
