import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { defaultRules } from '@lifecycle/domain';
import { createSqliteEventStore, type EventStore } from '@lifecycle/event-store';
import { createSqliteReadModel, type ReadModelStore } from '@lifecycle/read-model';
import { loadConfig } from '../../libs/core/src/config/app-config.js';
import { compareReadModels } from '../../libs/core/src/audit/compare-read-models.js';
import { createIngestion, type Ingestion } from '../../libs/core/src/ingestion/ingestion.js';
import { catchUp } from '../../libs/core/src/projection/catch-up.js';
import { Projector } from '../../libs/core/src/projection/projector.js';
import { ProjectorService } from '../../libs/core/src/nest/projector.service.js';
import type { ProjectorStatus } from '../../libs/core/src/projection/runtime/projector-status.js';
import { purchase, refund, registered } from '../../libs/domain/src/testing/event-builders.js';

type Fault = 'none' | 'disk-full' | 'after-partial-write' | 'unreachable';

/** SQLite's own error for a full disk, as better-sqlite3 throws it. */
const diskFull = (): Error => Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('the projector recovers by itself from a failing read model or log', () => {
  const dir = mkdtempSync(join(tmpdir(), 'projector-recovery-'));
  let events: EventStore;
  let store: ReadModelStore;
  let service: ProjectorService;
  let ingestion: Ingestion;
  let fault: Fault = 'none';
  let subscriptionFailures = 0;
  let day = 0;

  beforeAll(() => {
    // The projector logs every failed attempt with its stack; the test asserts on its status instead.
    Logger.overrideLogger(false);
    const log = createSqliteEventStore({ file: join(dir, 'events.sqlite') });
    // The log's subscription drops `subscriptionFailures` times (a store briefly unreachable).
    events = {
      ...log,
      subscribeToAll: (options) => {
        if (subscriptionFailures > 0) {
          subscriptionFailures -= 1;
          setTimeout(() => options.onError?.(new Error('connection to the event store lost')), 5);
          return { stop: async () => undefined };
        }
        return log.subscribeToAll(options);
      },
    };
    store = createSqliteReadModel({ file: join(dir, 'read.sqlite') });
    const failing: ReadModelStore = {
      ...store,
      loadMeta: async () => {
        if (fault === 'unreachable') throw new Error('read model unreachable');
        return store.loadMeta();
      },
      commit: async (write) => {
        if (fault === 'disk-full') throw diskFull();
        // The last commit of a DayEnded, after its evaluations were written in the same unit of work.
        if (fault === 'after-partial-write' && write.meta?.clockDate) throw diskFull();
        return store.commit(write);
      },
    };
    const config = loadConfig({ DATA_DIR: dir, BASE_CURRENCY: 'USD' });
    service = new ProjectorService(config, events, failing);
    service.backoff.firstMs = 5;
    service.backoff.maxMs = 40;
    ingestion = createIngestion(events, 'USD', () => Date.parse('2026-01-01T00:00:00Z'));
  });

  afterAll(async () => {
    await service.pause();
    await events.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A few dependent events for some customers, then the clock up to the next day. */
  async function write(customers: number): Promise<number> {
    const date = new Date(Date.UTC(2025, 0, 1 + day++));
    const at = (h: number) => new Date(date.getTime() + h * 3_600_000).toISOString();
    const batch = [];
    for (let c = 0; c < customers; c++) {
      const id = `r${c}`;
      if (day === 1) batch.push(registered(id, at(1)));
      batch.push(purchase(id, at(2), 1_000 + c, { orderId: `${id}-${day}` }), refund(id, at(3), 100, { orderId: `${id}-${day}` }));
    }
    const results = await ingestion.submit(batch.map((event) => ({ ok: true as const, event })));
    expect(results.every((r) => r.status === 'accepted')).toBe(true);
    await ingestion.tickUntil(date.toISOString().slice(0, 10), { clock: { firstDate: '2025-01-01' } });
    return results.length;
  }

  const status = (): Promise<ProjectorStatus> => service.status();

  it('retries failing batches with backoff, reports error, retries and the real lag, then catches up exactly once', async () => {
    await write(10);
    await service.start();
    await until('the first catch-up', async () => (await status()).caughtUp);

    for (const [kind, message] of [['disk-full', 'database or disk is full'], ['after-partial-write', 'database or disk is full'], ['unreachable', 'read model unreachable']] as const) {
      fault = kind;
      const head = await events.headPosition();
      const checkpoint = BigInt((await status()).checkpoint!);
      await write(8);
      const newHead = await events.headPosition();
      await until(`3 retries under ${kind}`, async () => (await status()).retries >= 3);
      const failing = await status();
      expect(failing).toMatchObject({ running: false, caughtUp: false, error: expect.stringContaining(message), failingSince: expect.any(String) });
      expect(failing.nextRetryMs).toBeLessThanOrEqual(40);
      // The real lag: the stored checkpoint stays behind the head while the batch fails.
      expect(BigInt(failing.lag!)).toBe(newHead - BigInt(failing.checkpoint!));
      expect(BigInt(failing.checkpoint!)).toBeGreaterThanOrEqual(checkpoint);
      expect(BigInt(failing.checkpoint!)).toBeLessThan(newHead);
      expect(checkpoint).toBe(head);

      fault = 'none';
      await until(`recovery from ${kind}`, async () => {
        const s = await status();
        return s.caughtUp && s.lag === '0';
      });
      expect(await status()).toMatchObject({ running: true, error: null, retries: 0, checkpoint: newHead.toString() });
    }

    subscriptionFailures = 2;
    await service.restart(true);
    await write(5);
    await until('the subscription restarted after two drops', async () => {
      const s = await status();
      return s.caughtUp && s.lag === '0';
    });
    expect((await status()).totalRetries).toBeGreaterThanOrEqual(11);

    // Exactly-once effect: equal to a clean projection of the same log.
    const clean = createSqliteReadModel({ file: join(dir, 'clean.sqlite') });
    const projector = new Projector(clean, defaultRules('USD'));
    await projector.init();
    await catchUp(events, projector);
    expect(await compareReadModels(store, clean)).toEqual([]);
    expect((await store.loadMeta()).checkpoint).toBe((await clean.loadMeta()).checkpoint);
    await clean.close();
  }, 60_000);
});
