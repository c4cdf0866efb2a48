import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { buildFixture } from '../contract-fixtures.js';
import { describeReadModelContract } from '../read-model.contract.js';
import { describeTransitionFeedContract } from '../transition-feed.contract.js';
import { createSqliteReadModel } from './sqlite-read-model.js';
import { SCHEMA_SQL } from './sqlite-schema.js';
import { STATS_SQL } from './stats-queries.js';
import { transitionsAfterSql } from './transition-feed-sql.js';

const tempFile = (): { file: string; remove: () => void } => {
  const dir = mkdtempSync(join(tmpdir(), 'sqlite-read-model-'));
  return { file: join(dir, 'read-model.sqlite'), remove: () => rmSync(dir, { recursive: true, force: true }) };
};

describeReadModelContract('sqlite', async () => {
  const { file, remove } = tempFile();
  const store = createSqliteReadModel({ file });
  return {
    store,
    teardown: async () => {
      await store.close();
      remove();
    },
  };
});

describeTransitionFeedContract('sqlite', async () => {
  const { file, remove } = tempFile();
  const store = createSqliteReadModel({ file });
  return { store, teardown: async () => { await store.close(); remove(); } };
});

describe('sqlite read model', () => {
  it('shows a unit of work\'s checkpoint to queries only once it commits, with its transitions', async () => {
    const { file, remove } = tempFile();
    const store = createSqliteReadModel({ file });
    try {
      const seen: Array<[bigint | null, number]> = [];
      const look = async () => seen.push([(await store.loadMeta()).checkpoint, (await store.transitionsAfter(null, 5n, {}, 10)).length]);
      await store.unitOfWork(async () => {
        await store.commit({
          customers: [],
          transitions: [{ customerId: 'c1', field: 'status', from: null, to: 'ACTIVE', t: 1, cause: { eventId: 'e1' }, position: 5n }],
          meta: { checkpoint: 5n },
        });
        await look();
      });
      await look();
      expect(seen).toEqual([[null, 0], [5n, 1]]);
    } finally {
      await store.close();
      remove();
    }
  });

  it('rolls back every commit of a unit of work whose work throws', async () => {
    const { file, remove } = tempFile();
    const store = createSqliteReadModel({ file });
    try {
      const { records } = buildFixture();
      const [first, second] = [...records.values()];
      await store.commit({ customers: [first], transitions: [], meta: { checkpoint: 10n } });
      const failure = new Error('crash mid-batch');
      await expect(store.unitOfWork(async () => {
        await store.commit({ customers: [second], transitions: [], meta: { checkpoint: 11n } });
        await store.commit({ customers: [], transitions: [], meta: { checkpoint: 12n } });
        throw failure;
      })).rejects.toBe(failure);
      expect((await store.loadMeta()).checkpoint).toBe(10n);
      expect([...(await store.getCustomers([first.state.customerId, second.state.customerId])).keys()]).toEqual([first.state.customerId]);
      expect(await store.unitOfWork(async () => 'usable again')).toBe('usable again');
    } finally {
      await store.close();
      remove();
    }
  });

  it('answers the statistics from the covering index on t, without reading the transitions table', async () => {
    const { file, remove } = tempFile();
    const store = createSqliteReadModel({ file });
    const db = new Database(file, { readonly: true });
    try {
      await store.commit({ customers: [], transitions: buildFixture().transitions });
      const plan = (sql: string, ...params: number[]) =>
        (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map((r) => r.detail).join('; ');
      expect(plan(STATS_SQL.daily, 0, 1)).toContain('USING COVERING INDEX transitions_t (t>? AND t<?)');
      expect(plan(STATS_SQL.before, 1)).toContain('USING COVERING INDEX transitions_t (t<?)');
    } finally {
      db.close();
      await store.close();
      remove();
    }
  });
});

describe('sqlite transition feed', () => {
  it('adds the snapshot column and the feed index to a file written before them, keeping its rows', async () => {
    const { file, remove } = tempFile();
    const old = new Database(file);
    old.exec(SCHEMA_SQL);
    old.prepare(`INSERT INTO transitions (position, customer_id, field, from_value, to_value, t, cause_event_id, reactivation)
      VALUES (7, 'c', 'status', NULL, 'PROSPECT', 0, 'e-1', 0)`).run();
    old.close();
    const store = createSqliteReadModel({ file });
    try {
      const [row] = await store.transitionsAfter(null, 7n, {}, 10);
      expect(row).toEqual({ customerId: 'c', field: 'status', from: null, to: 'PROSPECT', t: 0, cause: { eventId: 'e-1' }, position: 7n });
      const inspect = new Database(file, { readonly: true });
      const plan = inspect.prepare(`EXPLAIN QUERY PLAN ${transitionsAfterSql({ position: 1n, fieldRank: 0, customerId: 'a' }, 9n, {}).sql}`)
        .all(1n, 1n, 1n, 0, 0, 'a', 10) as Array<{ detail: string }>;
      inspect.close();
      expect(plan.map((p) => p.detail).join(' ')).toContain('transitions_feed');
      expect(plan.map((p) => p.detail).join(' ')).not.toContain('TEMP B-TREE');
    } finally {
      await store.close();
      remove();
    }
  });
});
