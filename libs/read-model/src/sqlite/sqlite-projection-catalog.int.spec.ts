import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildFixture } from '../contract-fixtures.js';
import { describeProjectionCatalogContract } from '../projection-catalog.contract.js';
import { createSqliteProjectionCatalog } from './sqlite-projection-catalog.js';
import { createSqliteReadModel } from './sqlite-read-model.js';

const tempDir = (): string => mkdtempSync(join(tmpdir(), 'sqlite-catalog-'));

describeProjectionCatalogContract('sqlite', async () => {
  const dir = tempDir();
  return {
    open: async () => createSqliteProjectionCatalog({ dir }),
    teardown: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

describe('sqlite projection catalog', () => {
  it('adopts the read model file of a data directory from before projection versions as its first version', async () => {
    const dir = tempDir();
    try {
      const legacy = createSqliteReadModel({ file: join(dir, 'read-model.sqlite') });
      await legacy.commit({ customers: [], transitions: [], meta: { checkpoint: 42n } });
      await legacy.close();
      const catalog = createSqliteProjectionCatalog({ dir });
      const store = await catalog.open(await catalog.activeVersion());
      expect((await store.loadMeta()).checkpoint).toBe(42n);
      await store.close();
      await catalog.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps each version in a file of its own and deletes the file on drop', async () => {
    const dir = tempDir();
    try {
      const catalog = createSqliteProjectionCatalog({ dir });
      await catalog.activeVersion();
      const next = await catalog.createVersion();
      const store = await catalog.open(next);
      await store.commit({ customers: [...buildFixture().records.values()].slice(0, 1), transitions: [] });
      await store.close();
      expect(existsSync(join(dir, `read-model.${next}.sqlite`))).toBe(true);
      await catalog.drop(next);
      expect(readdirSync(dir).filter((name) => name.includes(next))).toEqual([]);
      await catalog.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
