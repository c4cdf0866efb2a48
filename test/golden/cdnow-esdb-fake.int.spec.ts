import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { defaultRules } from '@lifecycle/domain';
import { createEsdbEventStore, createSqliteEventStore, type EventStore } from '@lifecycle/event-store';
import { createSqliteProjectionCatalog, type ProjectionCatalog, type ReadModelStore, type StoredTransition } from '@lifecycle/read-model';
import { importHistory } from '../../libs/core/src/import/history-importer.js';
import type { ImportSummary } from '../../libs/core/src/import/import-summary.js';
import { createIngestion } from '../../libs/core/src/ingestion/ingestion.js';
import { catchUp } from '../../libs/core/src/projection/catch-up.js';
import { Projector } from '../../libs/core/src/projection/projector.js';
import { CDNOW_DIR, CDNOW_EVENTS, writeCdnowSubset } from '../support/cdnow.js';
import { startEsdbFake, type EsdbFake } from '../support/esdb-fake/esdb-fake-server.js';

/**
 * CDNOW through the EventStoreDB adapter on the protocol-level fake. In npm test: a slice (the
 * customers whose id matches SLICE, whole histories: 1,278 customers, 6,790 events), compared
 * field by field, customer by customer, with the same slice through the embedded SQLite log
 * (the expected files are for the full file, and ranking cutoffs depend on the whole
 * population). `npm run golden:esdb-fake` runs the full file against the expected results.
 */
const FULL = process.env.CDNOW_ESDB_FAKE === 'full';
const SLICE = /[13579]7$/;
const UNTIL = '1998-07-01';
const rules = defaultRules('USD');

interface Side {
  events: EventStore;
  catalog: ProjectionCatalog;
  readModel: ReadModelStore;
  summary: ImportSummary;
  projector: Projector;
}

async function importAndProject(events: EventStore, dir: string, file: string): Promise<Side> {
  mkdirSync(dir, { recursive: true });
  const catalog = await createSqliteProjectionCatalog({ dir });
  const readModel = await catalog.open(await catalog.activeVersion());
  const ingestion = createIngestion(events, 'USD', () => Date.now());
  const summary = await importHistory(file, ingestion, { clock: true, until: UNTIL, baseCurrency: 'USD' });
  const projector = new Projector(readModel, rules);
  await projector.init();
  await catchUp(events, projector);
  return { events, catalog, readModel, summary, projector };
}

async function profilesOf(readModel: ReadModelStore): Promise<Array<Record<string, unknown>>> {
  const all: Array<Record<string, unknown>> = [];
  for await (const page of readModel.allProfiles()) all.push(...(page as unknown as Array<Record<string, unknown>>));
  return all;
}

async function transitionsOf(readModel: ReadModelStore, customerId: string): Promise<StoredTransition[]> {
  const all: StoredTransition[] = [];
  let cursor: string | null = null;
  do {
    const page = await readModel.transitions(customerId, 500, cursor);
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

const differences = (actual: Array<Record<string, unknown>>, expected: Array<Record<string, unknown>>): string[] => {
  const out: string[] = [];
  if (actual.length !== expected.length) out.push(`customers: ${actual.length} != ${expected.length}`);
  expected.forEach((exp, i) => {
    const act = actual[i] ?? {};
    // The expected file holds a subset of the profile's fields; two read models are compared on all of them.
    for (const field of FULL ? Object.keys(exp) : new Set([...Object.keys(exp), ...Object.keys(act)])) {
      if (JSON.stringify(act[field]) !== JSON.stringify(exp[field])) out.push(`${String(exp.customerId)}.${field}: ${JSON.stringify(act[field])} != ${JSON.stringify(exp[field])}`);
    }
  });
  return out;
};

const sliceLabel = FULL ? 'the full file, against the expected results' : 'customers whose id ends in 17, 37, 57, 77 or 97, against the SQLite path';

describe(`CDNOW through the EventStoreDB adapter on the protocol-level FAKE server (${sliceLabel})`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'golden-fake-'));
  let fake: EsdbFake;
  let esdb: Side;
  let reference: Side | undefined;

  beforeAll(async () => {
    fake = await startEsdbFake();
    const file = FULL ? CDNOW_EVENTS : join(dir, 'slice.ndjson');
    if (!FULL) {
      await writeCdnowSubset(file, (_line, _at, text) => SLICE.test(/"customerId":"([^"]*)"/.exec(text)?.[1] ?? ''));
    }
    esdb = await importAndProject(createEsdbEventStore({ connectionString: fake.connectionString }), join(dir, 'esdb-read-model'), file);
    if (!FULL) reference = await importAndProject(createSqliteEventStore({ file: join(dir, 'events.sqlite') }), join(dir, 'sqlite-read-model'), file);
  }, FULL ? 1_800_000 : 120_000);

  afterAll(async () => {
    for (const side of [esdb, reference]) {
      await side?.events.close();
      await side?.readModel.close();
      await side?.catalog.close();
    }
    await fake?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports with the same counters, and the log on the fake holds the server\'s system events too', () => {
    const counters = (s: ImportSummary) => ({ read: s.read, appended: s.appended, duplicates: s.duplicates, rejected: s.rejected, byType: s.appendedByType, dayEnded: s.dayEnded });
    if (FULL) {
      const expected = JSON.parse(readFileSync(join(CDNOW_DIR, 'expected/summary.json'), 'utf8'));
      const e = expected.events;
      expect(counters(esdb.summary)).toEqual({ read: e.read, appended: e.appended, duplicates: e.duplicates, rejected: e.rejected, byType: e.appendedByType, dayEnded: expected.dayEnded });
    } else {
      expect(esdb.summary.appended).toBeGreaterThan(6000);
      expect(counters(esdb.summary)).toEqual(counters(reference!.summary));
    }
    expect(esdb.projector.stats.foreignEvents).toBe(0);
    expect(fake.log.all.some((r) => r.type.startsWith('$'))).toBe(true);
  });

  it('gives every customer the same fields', async () => {
    const actual = await profilesOf(esdb.readModel);
    const expected = FULL
      ? gunzipSync(readFileSync(join(CDNOW_DIR, 'expected/customers.ndjson.gz'))).toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l))
      : await profilesOf(reference!.readModel);
    expect(expected.length).toBeGreaterThan(1000);
    expect(differences(actual, expected).slice(0, 20)).toEqual([]);
  });

  (FULL ? it.skip : it)('stores the same transitions for every customer, and the same cutoffs for every date', async () => {
    const ids = (await profilesOf(reference!.readModel)).map((p) => p.customerId as string);
    const mismatched: string[] = [];
    for (const id of ids) {
      const [a, b] = [await transitionsOf(esdb.readModel, id), await transitionsOf(reference!.readModel, id)];
      // Positions differ between the logs; the transitions themselves must not.
      const strip = (list: StoredTransition[]) => JSON.stringify(list.map(({ position: _p, ...rest }) => rest));
      if (strip(a) !== strip(b)) mismatched.push(id);
    }
    expect(mismatched.slice(0, 20)).toEqual([]);
    expect(await esdb.readModel.allCutoffs()).toEqual(await reference!.readModel.allCutoffs());
    expect(await esdb.readModel.segmentCounts()).toEqual(await reference!.readModel.segmentCounts());
    expect(await esdb.readModel.transitionCounts()).toEqual(await reference!.readModel.transitionCounts());
    const [metaA, metaB] = [await esdb.readModel.loadMeta(), await reference!.readModel.loadMeta()];
    expect({ date: metaA.clockDate, cutoffs: metaA.cutoffs }).toEqual({ date: metaB.clockDate, cutoffs: metaB.cutoffs });
  });

  (FULL ? it : it.skip)('has the expected cutoffs for every date, segment counts and transition counts', async () => {
    const summary = JSON.parse(readFileSync(join(CDNOW_DIR, 'expected/summary.json'), 'utf8'));
    const cutoffs = readFileSync(join(CDNOW_DIR, 'expected/cutoffs.ndjson'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
    expect(await esdb.readModel.allCutoffs()).toEqual(cutoffs);
    const counts = await esdb.readModel.segmentCounts();
    expect({ customers: counts.customers, status: counts.status, valueTier: counts.valueTier }).toEqual({
      customers: summary.customers, status: summary.status, valueTier: summary.valueTier,
    });
    expect((await esdb.readModel.transitionCounts()).byField).toEqual(summary.transitions);
  });
});
