import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProjectorService } from '@lifecycle/core/nest';
import { describeSkipped } from '../support/skipped-suite.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const TITLE = 'the service on a full disk (tmpfs)';

/** Fills the file system holding `file` until ENOSPC; returns the bytes written. */
function fill(file: string): number {
  const fd = openSync(file, 'w');
  const chunk = Buffer.alloc(64 * 1024, 1);
  let written = 0;
  try {
    for (;;) written += writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
  return written;
}

const purchases = (n: number, tag: string) => Array.from({ length: n }, (_, i) => ({
  type: 'PurchaseCompleted', customerId: `full-${i % 20}`, eventId: randomUUID(), occurredAt: '2025-03-01T10:00:00Z',
  data: { orderId: `${tag}-${i}`, total: { amountMinor: 1_000 + i, currency: 'USD' }, salesChannel: 'ONLINE', note: 'x'.repeat(400) },
}));

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function mountTmpfs(): string | null {
  if (process.getuid?.() !== 0) return null;
  const dir = mkdtempSync(join(tmpdir(), 'disk-full-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=6m', 'tmpfs', dir], { stdio: 'ignore' });
    return dir;
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
}

const mount = mountTmpfs();
if (!mount) {
  describeSkipped(TITLE, 'needs root and mount -t tmpfs (run the tests as root to include it)');
} else {
  describe(TITLE, () => {
    let t: TestApp;
    const filler = join(mount, 'filler');

    beforeAll(async () => {
      t = await startTestApp({ DATA_DIR: join(mount, 'data') });
      const projector = t.app.get(ProjectorService);
      projector.backoff.firstMs = 20;
      projector.backoff.maxMs = 200;
    }, 30_000);

    afterAll(async () => {
      await t?.close({ keepData: true });
      execFileSync('umount', [mount]);
      rmSync(mount, { recursive: true, force: true });
    });

    it('answers 507 with Retry-After and appends nothing while full; projector and ingestion recover once space returns', async () => {
      const projector = t.app.get(ProjectorService);
      expect((await t.request('POST', '/events', purchases(20, 'before'))).body.accepted).toBe(20);
      // Events the projector has yet to write when the disk fills up.
      await projector.pause();
      for (let i = 0; i < 4; i++) expect((await t.request('POST', '/events', purchases(100, `pending-${i}`))).body.accepted).toBe(100);
      fill(filler);
      await projector.start();
      await until('the projector to report the full disk', async () => (await t.request('GET', '/health')).body.projector.retries >= 2);
      expect((await t.request('GET', '/health')).body).toMatchObject({
        status: 'degraded',
        projector: { running: false, caughtUp: false, error: expect.stringMatching(/full|disk/i), lag: expect.stringMatching(/^[1-9]\d*$/) },
      });

      let full: Response | null = null;
      let body: any = null;
      for (let round = 0; round < 200 && !full; round++) {
        const head = await t.events.headPosition();
        const response = await fetch(`${await t.app.getUrl()}/events`.replace('[::1]', '127.0.0.1'), {
          method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(purchases(50, `full-${round}`)),
        });
        const answer = await response.json();
        if (response.status >= 500) {
          full = response;
          body = answer;
          expect(await t.events.headPosition()).toBe(head);
        } else expect(response.status).toBe(200);
      }
      expect(full).not.toBeNull();
      expect([507, 503]).toContain(full!.status);
      expect(body.code).toBe(full!.status === 507 ? 'INSUFFICIENT_STORAGE' : 'STORE_UNAVAILABLE');
      expect(Number(full!.headers.get('retry-after'))).toBeGreaterThan(0);

      rmSync(filler);
      const after = await t.request('POST', '/events', purchases(20, 'after'));
      expect(after.status).toBe(200);
      expect(after.body.accepted).toBe(20);
      await until('the projector to catch up by itself', async () => {
        const health = (await t.request('GET', '/health')).body;
        return health.projector.caughtUp && health.projector.lag === '0' && health.projector.error === null;
      });
      const health = (await t.request('GET', '/health')).body;
      expect(health).toMatchObject({ status: 'ok', projector: { running: true, retries: 0, checkpoint: after.body.lastPosition } });
      expect(health.projector.totalRetries).toBeGreaterThanOrEqual(2);
      // Each accepted event applied exactly once: 20 + 400 + 20 purchases of 20 customers.
      const profiles = await Promise.all(Array.from({ length: 20 }, (_, i) => t.request('GET', `/customers/full-${i}`)));
      expect(profiles.reduce((sum, p) => sum + p.body.orderCount, 0)).toBe(440);
    }, 60_000);
  });
}
