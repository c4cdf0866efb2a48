import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildFixture } from '../contract-fixtures.js';
import { describeReadModelContract } from '../read-model.contract.js';
import { createSqliteReadModel } from './sqlite-read-model.js';

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
});
