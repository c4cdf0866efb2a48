import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { MongoClient } from 'mongodb';
import { defaultRules } from '@lifecycle/domain';
import { createSqliteEventStore, type EventStore } from '@lifecycle/event-store';
import { createMongoReadModel, createSqliteReadModel, type ReadModelStore } from '@lifecycle/read-model';
import { purchase, refund, registered } from '../../../domain/src/testing/event-builders.js';
import { describeSkipped } from '../../../../test/support/skipped-suite.js';
import { createIngestion } from '../ingestion/ingestion.js';
import { catchUp } from '../projection/catch-up.js';
import { Projector } from '../projection/projector.js';
import { verifyProjection } from './verify-projection.js';

const rules = defaultRules('USD');

/** One tampering of the live read model, the mismatch field verify must name, and its undo. */
interface Alteration {
  name: string;
  field: string | RegExp;
  apply(): Promise<void>;
  restore(): Promise<void>;
}

interface LiveStore {
  live: ReadModelStore;
  alterations: Alteration[];
  close(): Promise<void>;
}

/** A small log with purchases, refunds and a year of clock, so customers have tiers, due instants, transitions and cutoffs. */
async function writeLog(events: EventStore): Promise<void> {
  const ingestion = createIngestion(events, 'USD', () => Date.parse('2026-01-01T00:00:00Z'));
  const batch = [];
  for (let c = 0; c < 12; c++) {
    batch.push(registered(`d${c}`, '2025-01-01T08:00:00Z'));
    for (let o = 0; o <= c % 4; o++) batch.push(purchase(`d${c}`, `2025-0${1 + o}-0${1 + (c % 8)}T10:00:00Z`, 1_000 * (c + 1), { orderId: `d${c}-${o}` }));
    if (c % 3 === 0) batch.push(refund(`d${c}`, '2025-05-10T10:00:00Z', 100, { orderId: `d${c}-0` }));
  }
  const results = await ingestion.submit(batch.map((event) => ({ ok: true as const, event })));
  expect(results.filter((r) => r.status !== 'accepted')).toEqual([]);
  await ingestion.tickUntil('2025-12-31', { clock: { firstDate: '2025-01-01' } });
}

async function project(events: EventStore, store: ReadModelStore): Promise<void> {
  const projector = new Projector(store, rules);
  await projector.init();
  await catchUp(events, projector);
}

/** The SQLite read model, tampered through a connection of its own: every column of a customer, a transition, cutoffs, meta. */
async function sqliteLive(dir: string, events: EventStore): Promise<LiveStore> {
  const file = join(dir, 'live.sqlite');
  const live = createSqliteReadModel({ file });
  await project(events, live);
  const db = new Database(file);
  const target = db.prepare("SELECT customer_id FROM customers WHERE next_due_at IS NOT NULL AND value_tier <> 'NONE' ORDER BY customer_id LIMIT 1").pluck().get() as string;
  expect(target).toBeDefined();
  const change = (table: string, key: string, id: unknown, column: string, expr: string): Pick<Alteration, 'apply' | 'restore'> => {
    let old: unknown;
    return {
      apply: async () => {
        old = db.prepare(`SELECT ${column} FROM ${table} WHERE ${key} = ?`).pluck().get(id);
        db.prepare(`UPDATE ${table} SET ${column} = ${expr} WHERE ${key} = ?`).run(id);
      },
      restore: async () => {
        db.prepare(`UPDATE ${table} SET ${column} = ? WHERE ${key} = ?`).run(old, id);
      },
    };
  };
  const customer = (column: string, expr: string, field = `stored.${column}`): Alteration =>
    ({ name: `customers.${column}`, field, ...change('customers', 'customer_id', target, column, expr) });
  const seq = db.prepare('SELECT min(seq) FROM transitions WHERE customer_id = ?').pluck().get(target);
  const date = db.prepare('SELECT max(date) FROM cutoffs').pluck().get() as string;
  return {
    live,
    alterations: [
      customer('status', "'VIP_HACKED'"),
      customer('loyalty_level', "'ADVOCATE_HACKED'"),
      customer('value_tier', "'VIP_HACKED'"),
      customer('net12', 'net12 + 1'),
      customer('next_due_at', 'next_due_at + 1'),
      customer('last_position', 'last_position + 1'),
      customer('tier_dirty', '1 - tier_dirty'),
      customer('state', "json_set(state, '$.facts.lifetimeNet', 1)", 'stored.state.facts.lifetimeNet'),
      { name: 'transitions.to_value', field: /^transitions\[0\]$/, ...change('transitions', 'seq', seq, 'to_value', "'HACKED'") },
      { name: 'cutoffs', field: `cutoffs[${date}]`, ...change('cutoffs', 'date', date, 'cutoffs', "json_set(cutoffs, '$.populationSize', 999)") },
      { name: 'meta.clockDate', field: 'meta.clockDate', ...change('meta', 'key', 'clockDate', 'value', "'1999-01-01'") },
      { name: 'meta.clockAsOf', field: 'meta.clockAsOf', ...change('meta', 'key', 'clockAsOf', 'value', "'0'") },
    ],
    close: async () => {
      db.close();
      await live.close();
    },
  };
}

/** The MongoDB read model, tampered through the driver: every field of a customer document, a transition, cutoffs, meta. */
async function mongoLive(uri: string, events: EventStore): Promise<LiveStore> {
  const database = `verify_drift_${randomUUID().slice(0, 8)}`;
  const live = await createMongoReadModel({ uri, database });
  await project(events, live);
  const client = new MongoClient(uri);
  const db = client.db(database);
  const customers = db.collection<Record<string, any>>('customers');
  const doc = await customers.findOne({ nextDueAt: { $exists: true }, valueTier: { $ne: 'NONE' } });
  expect(doc).not.toBeNull();
  const target = doc!._id;
  const change = (collection: string, id: unknown, path: string, value: (old: any) => unknown): Pick<Alteration, 'apply' | 'restore'> => {
    let old: unknown;
    const get = (d: any) => path.split('.').reduce((v, k) => v?.[k], d);
    return {
      apply: async () => {
        old = get(await db.collection<any>(collection).findOne({ _id: id }));
        await db.collection<any>(collection).updateOne({ _id: id }, { $set: { [path]: value(old) } });
      },
      restore: async () => {
        await db.collection<any>(collection).updateOne({ _id: id }, { $set: { [path]: old } });
      },
    };
  };
  const field = (name: string, value: (old: any) => unknown, expected = `stored.${name}`): Alteration =>
    ({ name: `customers.${name}`, field: expected, ...change('customers', target, name, value) });
  const transition = await db.collection<any>('transitions').findOne({ customerId: target }, { sort: { _id: 1 } });
  const [cutoffs] = await db.collection<any>('cutoffs').find({}, { sort: { _id: -1 }, limit: 1 }).toArray();
  return {
    live,
    alterations: [
      field('status', () => 'VIP_HACKED'),
      field('loyaltyLevel', () => 'ADVOCATE_HACKED'),
      field('valueTier', () => 'VIP_HACKED'),
      field('net12', (old) => old + 1),
      field('nextDueAt', (old) => old + 1),
      field('lastPosition', (old) => BigInt(String(old)) + 1n),
      field('tierDirty', (old) => !old),
      field('state.facts.lifetimeNet', () => 1),
      { name: 'transitions.to', field: /^transitions\[0\]$/, ...change('transitions', transition!._id, 'to', () => 'HACKED') },
      { name: 'cutoffs', field: `cutoffs[${cutoffs!._id}]`, ...change('cutoffs', cutoffs!._id, 'cutoffs.populationSize', () => 999) },
      { name: 'meta.clockDate', field: 'meta.clockDate', ...change('meta', 'projection', 'clockDate', () => '1999-01-01') },
      { name: 'meta.clockAsOf', field: 'meta.clockAsOf', ...change('meta', 'projection', 'clockAsOf', () => 0) },
    ],
    close: async () => {
      await live.close();
      await db.dropDatabase();
      await client.close();
    },
  };
}

function describeDrift(adapter: string, open: (dir: string, events: EventStore) => Promise<LiveStore>): void {
  describe(`projections verify on ${adapter}: drift in anything a query can read`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'verify-drift-'));
    let events: EventStore;
    let store: LiveStore;

    beforeAll(async () => {
      events = createSqliteEventStore({ file: join(dir, 'events.sqlite') });
      await writeLog(events);
      store = await open(dir, events);
    }, 60_000);

    afterAll(async () => {
      await store?.close();
      await events.close();
      rmSync(dir, { recursive: true, force: true });
    });

    const verify = () => verifyProjection(events, store.live, createSqliteReadModel({ file: ':memory:' }), rules);

    it('passes on the faithful projection', async () => {
      expect(await verify()).toMatchObject({ ok: true, mismatches: [], brokenLinks: [] });
    });

    it('fails naming each altered column, field, transition, cutoff and meta value in turn', async () => {
      const named: Record<string, string[]> = {};
      for (const alteration of store.alterations) {
        await alteration.apply();
        const report = await verify();
        await alteration.restore();
        named[alteration.name] = report.mismatches.map((m) => m.field);
        expect({ name: alteration.name, ok: report.ok }).toEqual({ name: alteration.name, ok: false });
        expect({ name: alteration.name, fields: named[alteration.name] })
          .toEqual({ name: alteration.name, fields: expect.arrayContaining([typeof alteration.field === 'string' ? alteration.field : expect.stringMatching(alteration.field)]) });
      }
      expect(Object.keys(named)).toHaveLength(store.alterations.length);
      // Restored: faithful again.
      expect((await verify()).ok).toBe(true);
    }, 60_000);
  });
}

describeDrift('sqlite', sqliteLive);
const mongoUri = process.env.MONGODB_URI;
if (mongoUri) describeDrift('mongodb', (_dir, events) => mongoLive(mongoUri, events));
else describeSkipped('projections verify drift on mongodb', 'set MONGODB_URI to run it against MongoDB');
