import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultRules } from '@lifecycle/domain';
import { createSqliteEventStore, type EventStore } from '@lifecycle/event-store';
import { createSqliteProjectionCatalog, createSwitchableReadModel, type ProjectionCatalog, type SwitchableReadModel } from '@lifecycle/read-model';
import { purchase, registered } from '../../../../domain/src/testing/event-builders.js';
import { createIngestion } from '../../ingestion/ingestion.js';
import { ProjectionRuntime } from './projection-runtime.js';
import { RebuildInProgressError } from './rebuild-in-progress.error.js';
import type { RebuildProgress } from './rebuild-progress.js';
import { VersionCoordinator } from './version-coordinator.js';

const silent = { log: () => undefined, warn: () => undefined, error: () => undefined };
const config = {
  rules: defaultRules('USD'), projectorBatchSize: 2, projector: true, rebuildMemoryMb: 1024, projectionRebuild: 'refuse' as const, followProjectionVersions: false,
};

describe('the version coordinator, without Nest, on SQLite', () => {
  let dir: string;
  let events: EventStore;
  let catalog: ProjectionCatalog;
  let readModel: SwitchableReadModel;
  let runtime: ProjectionRuntime;
  let coordinator: VersionCoordinator;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'version-coordinator-'));
    events = createSqliteEventStore({ file: join(dir, 'events.sqlite') });
    const ingestion = createIngestion(events, 'USD', () => Date.parse('2026-01-01T00:00:00Z'));
    const batch = ['a', 'b', 'c', 'd', 'e'].flatMap((id, i) => [registered(id, '2025-01-01T09:00:00Z'), purchase(id, '2025-01-02T10:00:00Z', 1_000 * (i + 1), { orderId: `${id}-1` })]);
    const results = await ingestion.submit(batch.map((event) => ({ ok: true as const, event })));
    expect(results.every((r) => r.status === 'accepted')).toBe(true);
    catalog = createSqliteProjectionCatalog({ dir });
    const version = await catalog.activeVersion();
    readModel = createSwitchableReadModel(version, await catalog.open(version));
    runtime = new ProjectionRuntime(config, events, readModel, silent);
    coordinator = new VersionCoordinator({ config, events, readModel, catalog, runtime, log: silent, now: () => Date.now() });
    await coordinator.bootstrap();
  });

  afterEach(async () => {
    await coordinator.shutdown();
    await runtime.shutdown();
    await events.close();
    await readModel.close();
    await catalog.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs one rebuild at a time, switches to it and keeps the live projector on the new version', async () => {
    const head = await events.headPosition();
    const started = await coordinator.start();
    expect(started).toMatchObject({ state: 'building', fromVersion: 'v1', toVersion: 'v2', head: head.toString() });
    expect(runtime.state.versions.kind).toBe('rebuilding');
    await expect(coordinator.start()).rejects.toBeInstanceOf(RebuildInProgressError);
    const done = await coordinator.wait();
    expect(done).toMatchObject({ state: 'done', events: Number(head), position: head.toString(), error: null });
    expect(coordinator.version).toBe('v2');
    expect(await catalog.versions()).toEqual([{ version: 'v2', state: 'active' }]);
    expect(runtime.state.versions.kind).toBe('serving');
    expect(runtime.live).toBe(true);
    expect(await runtime.waitFor(head, 5000)).toBe(true);
    expect((await readModel.loadMeta()).checkpoint).toBe(head);
  }, 20_000);

  it('abandons a running rebuild at shutdown and removes its unfinished version', async () => {
    let stopping: Promise<void> | null = null;
    const seen: RebuildProgress[] = [];
    await coordinator.start((progress) => {
      seen.push(progress);
      // Shut down after the first batch of the build (batches of 2 events).
      if (progress.events > 0 && !stopping) stopping = coordinator.shutdown();
    });
    await expect(coordinator.wait()).rejects.toThrow(/shutting down; the rebuild was abandoned/);
    await stopping;
    expect(coordinator.progress).toMatchObject({ state: 'failed', events: 2, error: expect.stringMatching(/abandoned/) });
    expect(seen.map((p) => p.state)).toEqual(['building', 'failed']);
    expect(coordinator.version).toBe('v1');
    expect(await catalog.versions()).toEqual([{ version: 'v1', state: 'active' }]);
    await expect(coordinator.start()).rejects.toThrow(/shutting down/);
  }, 20_000);
});
