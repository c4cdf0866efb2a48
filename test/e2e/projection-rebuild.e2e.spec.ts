import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import type { RebuildProgress } from '@lifecycle/core';
import { LifecycleCoreModule, ProjectionVersionsService } from '@lifecycle/core/nest';
import { purchaseBody } from '../support/envelopes.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const RULES_V2 = JSON.stringify({ atRiskAfterDays: 120 });

async function seed(t: TestApp): Promise<string> {
  for (const [i, id] of ['ada', 'bob', 'cyd'].entries()) {
    const registered = await t.request('POST', `/customers/${id}/registration`, { eventId: randomUUID(), occurredAt: '2025-01-01T09:00:00Z', data: { kind: 'BUSINESS', relation: 'CHANNEL' } });
    const purchased = await t.request('POST', `/customers/${id}/purchases`, purchaseBody(`${id}-1`, 10_000 * (i + 1), '2025-01-02T10:00:00Z'));
    expect([registered.status, purchased.status]).toEqual([201, 201]);
  }
  const clock = await t.request('POST', '/admin/clock/advance', { until: '2025-04-15' });
  expect(clock.status).toBe(200);
  return (await t.events.headPosition()).toString();
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const versionFiles = (dir: string): string[] => readdirSync(dir).filter((name) => /^read-model\.v\d+\.sqlite$/.test(name)).sort();

describe('projection rebuild without downtime', () => {
  it('builds a new version while the old one serves, switches, drops the old one and keeps projecting', async () => {
    const t = await startTestApp();
    try {
      const head = await seed(t);
      const before = (await t.request('GET', `/customers/ada?minPosition=${head}`)).body;
      const segmentsBefore = (await t.request('GET', '/segments')).body;
      const started = await t.request('POST', '/admin/projections/rebuild');
      expect(started.status).toBe(202);
      expect(started.body).toMatchObject({ state: 'building', fromVersion: 'v1', toVersion: 'v2', head });
      // Queries keep being answered from v1 while v2 is built; a second rebuild is refused.
      expect((await t.request('GET', '/customers/ada')).body).toEqual(before);
      const second = await t.request('POST', '/admin/projections/rebuild');
      expect(second.status).toBe(409);
      expect(second.body).toMatchObject({ code: 'REBUILD_RUNNING', detail: expect.stringMatching(/already running/) });

      const finished = await until(() => t.request('GET', '/admin/projections'), (r) => r.body.rebuild.state === 'done');
      expect(finished.body).toMatchObject({ served: 'v2', versions: [{ version: 'v2', state: 'active' }] });
      // The rebuild also reads the admin audit entries appended while it ran (its own start, the refused second one).
      const { events, position } = finished.body.rebuild;
      expect(BigInt(position)).toBe(BigInt(events));
      expect(events - Number(head)).toBeGreaterThanOrEqual(0);
      expect(events - Number(head)).toBeLessThanOrEqual(2);
      expect(finished.body.rebuild.error).toBeNull();
      expect(finished.body.rebuild.eventsPerSecond).toBeGreaterThan(0);
      expect(versionFiles(t.config.dataDir)).toEqual(['read-model.v2.sqlite']);
      expect((await t.request('GET', '/customers/ada')).body).toEqual(before);
      expect((await t.request('GET', '/segments')).body).toEqual(segmentsBefore);

      // The live projector now writes v2.
      const late = await t.request('POST', '/customers/dee/purchases', purchaseBody('dee-1', 500, '2025-04-14T10:00:00Z'));
      const dee = await t.request('GET', `/customers/dee?minPosition=${late.body.position}`);
      expect(dee.status).toBe(200);
      expect(dee.body).toMatchObject({ customerId: 'dee', loyaltyLevel: 'ONE_TIME' });
      expect((await t.request('GET', '/health')).body.projection).toMatchObject({ version: 'v2', rebuild: { state: 'done' } });
    } finally {
      await t.close();
    }
  });

  it('follows a rebuild switched by another process (the CLI) on the same store', async () => {
    const t = await startTestApp();
    try {
      const head = await seed(t);
      const before = (await t.request('GET', `/customers/bob?minPosition=${head}`)).body;
      const cli = await NestFactory.createApplicationContext(
        LifecycleCoreModule.forRoot({ ...t.config, projector: false, clockScheduler: false, followProjectionVersions: false }),
        { logger: false },
      );
      const seen: RebuildProgress[] = [];
      try {
        const versions = cli.get(ProjectionVersionsService);
        await versions.start((p) => seen.push(p));
        const result = await versions.wait();
        expect(result).toMatchObject({ state: 'done', toVersion: 'v2', events: Number(head) });
      } finally {
        await cli.close();
      }
      expect(seen.map((p) => p.state)).toEqual(expect.arrayContaining(['building', 'switching', 'dropping-old', 'done']));
      expect(seen.find((p) => p.state === 'building')?.etaSeconds).not.toBeUndefined();
      // The service follows the pointer within a poll interval, and its projector resumes on v2.
      const health = await until(() => t.request('GET', '/health'), (r) => r.body.projection.version === 'v2');
      expect(health.body.projection.version).toBe('v2');
      expect(existsSync(join(t.config.dataDir, 'read-model.v1.sqlite'))).toBe(false);
      expect((await t.request('GET', '/customers/bob')).body).toEqual(before);
      const late = await t.request('POST', '/customers/bob/purchases', purchaseBody('bob-2', 700, '2025-04-14T11:00:00Z'));
      const bob = await t.request('GET', `/customers/bob?minPosition=${late.body.position}`);
      expect(bob.status).toBe(200);
      expect(bob.body).not.toEqual(before);
    } finally {
      await t.close();
    }
  });

  it('refuses to start on a read model of other rules, naming the rebuild command', async () => {
    const t = await startTestApp();
    const head = await seed(t);
    await t.request('GET', `/customers/ada?minPosition=${head}`);
    await t.close({ keepData: true });
    await expect(startTestApp({ DATA_DIR: t.config.dataDir, RULES: RULES_V2 })).rejects.toThrow(/npm run cli -- projections rebuild/);
    const again = await startTestApp({ DATA_DIR: t.config.dataDir });
    await again.close();
  });

  it('rebuilds itself on other rules with PROJECTION_REBUILD=auto, serving the old rules unmixed meanwhile', async () => {
    const t = await startTestApp();
    const head = await seed(t);
    const old = (await t.request('GET', `/customers/ada?minPosition=${head}`)).body;
    expect(old.status).toBe('AT_RISK');
    await t.close({ keepData: true });

    const next = await startTestApp({ DATA_DIR: t.config.dataDir, RULES: RULES_V2, PROJECTION_REBUILD: 'auto' });
    try {
      const configured = (await next.request('GET', '/health')).body.rulesVersion;
      expect(configured).not.toBe(old.rulesVersion);
      const served = (await next.request('GET', '/customers/ada')).body;
      // Either still the old version, whole, or already the new one: never a mix.
      if (served.rulesVersion === old.rulesVersion) expect(served).toEqual(old);
      else expect(served.rulesVersion).toBe(configured);
      const health = await until(() => next.request('GET', '/health'), (r) => r.body.projection.rebuild?.state === 'done');
      expect(health.body).toMatchObject({ status: 'ok', projection: { version: 'v2' } });
      const rebuilt = (await next.request('GET', '/customers/ada')).body;
      expect(rebuilt.rulesVersion).toBe(health.body.rulesVersion);
      expect(rebuilt.rulesVersion).not.toBe(old.rulesVersion);
      expect(rebuilt.status).toBe('ACTIVE');
      const late = await next.request('POST', '/customers/ada/purchases', purchaseBody('ada-2', 900, '2025-04-14T12:00:00Z'));
      expect((await next.request('GET', `/customers/ada?minPosition=${late.body.position}`)).status).toBe(200);
    } finally {
      await next.close();
    }
  });
});
