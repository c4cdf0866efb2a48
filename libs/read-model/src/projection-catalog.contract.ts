import { buildFixture } from './contract-fixtures.js';
import type { ProjectionCatalog } from './projection-catalog.port.js';
import { describeSkipped } from '../../../test/support/skipped-suite.js';

/** One storage (a directory, a database): `open` may be called again to reopen it; `teardown` removes it. */
export interface CatalogStorage {
  open(): Promise<ProjectionCatalog>;
  teardown(): Promise<void>;
}
type CatalogFactory = () => Promise<CatalogStorage>;

/** The behaviour every ProjectionCatalog adapter must show; each adapter's integration spec calls this. */
export function describeProjectionCatalogContract(adapterName: string, factory: CatalogFactory, skipReason?: string): void {
  const title = `ProjectionCatalog contract: ${adapterName}`;
  if (skipReason !== undefined) {
    describeSkipped(title, skipReason);
    return;
  }

  describe(title, () => {
    let storage: CatalogStorage;
    let catalog: ProjectionCatalog;

    beforeEach(async () => {
      storage = await factory();
      catalog = await storage.open();
    });
    afterEach(async () => {
      await catalog.close();
      await storage.teardown();
    });

    const seedOne = async (version: string, checkpoint: bigint): Promise<string> => {
      const store = await catalog.open(version);
      const [record] = [...buildFixture().records.values()];
      await store.commit({ customers: [record], transitions: [], meta: { checkpoint } });
      await store.close();
      return record.state.customerId;
    };

    it('creates the first version on first use and keeps serving it', async () => {
      const first = await catalog.activeVersion();
      expect(await catalog.activeVersion()).toBe(first);
      expect(await catalog.versions()).toEqual([{ version: first, state: 'active' }]);
    });

    it('gives every new version its own name and its own, empty data', async () => {
      const active = await catalog.activeVersion();
      const customerId = await seedOne(active, 7n);
      const next = await catalog.createVersion();
      const other = await catalog.createVersion();
      expect(new Set([active, next, other]).size).toBe(3);
      const store = await catalog.open(next);
      try {
        expect((await store.loadMeta()).checkpoint).toBeNull();
        expect(await store.getProfile(customerId)).toBeNull();
      } finally {
        await store.close();
      }
      expect(await catalog.versions()).toEqual([
        { version: active, state: 'active' }, { version: next, state: 'building' }, { version: other, state: 'building' },
      ]);
    });

    it('switches the served version only from the expected one', async () => {
      const active = await catalog.activeVersion();
      const next = await catalog.createVersion();
      const other = await catalog.createVersion();
      expect(await catalog.activate(next, active)).toBe(true);
      expect(await catalog.activeVersion()).toBe(next);
      expect(await catalog.activate(other, active)).toBe(false);
      expect(await catalog.activeVersion()).toBe(next);
      expect((await catalog.versions()).find((v) => v.version === active)?.state).toBe('retired');
    });

    it('answers true when asked to serve the served version again, changing nothing (activate(v, v))', async () => {
      const active = await catalog.activeVersion();
      const other = await catalog.createVersion();
      expect(await catalog.activate(active, active)).toBe(true);
      expect(await catalog.activeVersion()).toBe(active);
      expect(await catalog.versions()).toEqual([{ version: active, state: 'active' }, { version: other, state: 'building' }]);
    });

    it('drops a version with its data, never the served one', async () => {
      const active = await catalog.activeVersion();
      const next = await catalog.createVersion();
      const customerId = await seedOne(next, 9n);
      await expect(catalog.drop(active)).rejects.toThrow(/served/);
      await catalog.drop(next);
      expect((await catalog.versions()).map((v) => v.version)).toEqual([active]);
      await expect(catalog.open(next)).rejects.toThrow(/unknown projection version/);
      const reused = await catalog.createVersion();
      expect(reused).not.toBe(next);
      const store = await catalog.open(reused);
      try {
        expect(await store.getProfile(customerId)).toBeNull();
      } finally {
        await store.close();
      }
    });

    it('keeps the served version and its data across reopening', async () => {
      const active = await catalog.activeVersion();
      const next = await catalog.createVersion();
      await seedOne(next, 11n);
      expect(await catalog.activate(next, active)).toBe(true);
      await catalog.drop(active);
      await catalog.close();
      catalog = await storage.open();
      expect(await catalog.activeVersion()).toBe(next);
      const store = await catalog.open(next);
      try {
        expect((await store.loadMeta()).checkpoint).toBe(11n);
      } finally {
        await store.close();
      }
    });
  });
}
