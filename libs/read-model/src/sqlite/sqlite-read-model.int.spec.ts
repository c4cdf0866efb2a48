import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { buildFixture } from '../contract-fixtures.js';
import { describeReadModelContract } from '../read-model.contract.js';
import { createSqliteReadModel } from './sqlite-read-model.js';
import { statsSql } from './stats-queries.js';

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

describe('sqlite read model', () => {
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
    const store = createSqliteReadModel({ file, tablePrefix: 'v2_' });
    const db = new Database(file, { readonly: true });
    try {
      await store.commit({ customers: [], transitions: buildFixture().transitions });
      const plan = (sql: string, ...params: number[]) =>
        (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map((r) => r.detail).join('; ');
      const sql = statsSql('v2_');
      expect(plan(sql.daily, 0, 1)).toContain('USING COVERING INDEX v2_transitions_t (t>? AND t<?)');
      expect(plan(sql.before, 1)).toContain('USING COVERING INDEX v2_transitions_t (t<?)');
    } finally {
      db.close();
      await store.close();
      remove();
    }
  });
});
