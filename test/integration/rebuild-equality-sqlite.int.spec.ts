import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteReadModel } from '@lifecycle/read-model';
import { describeRebuildEqualityContract } from './rebuild-equality.contract.js';

describeRebuildEqualityContract('sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rebuild-equality-'));
  const store = createSqliteReadModel({ file: join(dir, 'read-model.sqlite') });
  return { store, teardown: async () => { await store.close(); rmSync(dir, { recursive: true, force: true }); } };
});
