import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { buildCli, cliEnv, removeBuiltCli } from '../support/cli.js';
import { purchaseBody } from '../support/envelopes.js';
import { scrape } from '../support/prometheus-text.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { freePort } from '../support/free-port.js';

const exited = (child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> =>
  new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

describe('apps/projector as its own process beside an API with PROJECTOR=off', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'projector-process-'));
  let api: TestApp;
  let projector: ChildProcess;
  let output = '';
  let metricsPort: number;

  beforeAll(async () => {
    const main = buildCli().replace(/apps\/cli\/src\/main\.js$/, 'apps/projector/src/main.js');
    api = await startTestApp({ DATA_DIR: dataDir, PROJECTOR: 'off' });
    metricsPort = await freePort();
    projector = spawn(process.execPath, [main], { env: cliEnv(dataDir, { METRICS_PORT: String(metricsPort), HOST: '127.0.0.1' }), stdio: ['ignore', 'pipe', 'pipe'] });
    projector.stdout?.on('data', (chunk) => (output += chunk));
    projector.stderr?.on('data', (chunk) => (output += chunk));
    await new Promise((resolve) => setTimeout(resolve, 1500));
  }, 60_000);

  afterAll(async () => {
    if (projector.exitCode === null) projector.kill('SIGKILL');
    await api.close();
    removeBuiltCli();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('stays up, projects what the API appends, and stops gracefully on SIGTERM', async () => {
    expect(projector.exitCode).toBeNull();
    const registered = await api.request('POST', '/customers/pia/registration', {
      eventId: randomUUID(), occurredAt: '2025-01-01T09:00:00Z', data: { kind: 'BUSINESS', relation: 'CHANNEL' },
    });
    const bought = await api.request('POST', '/customers/pia/purchases', purchaseBody('P-1', 4_200, '2025-01-02T10:00:00Z'));
    expect([registered.status, bought.status]).toEqual([201, 201]);
    const profile = await api.request('GET', `/customers/pia?minPosition=${bought.body.position}`);
    expect(profile.status).toBe(200);
    expect(profile.body).toMatchObject({ customerId: 'pia', orderCount: 1, lifetimeNet: 4_200 });
    const health = (await api.request('GET', '/health')).body;
    expect(health.projector).toMatchObject({ mode: 'external', checkpoint: bought.body.position, lag: '0' });
    const metrics = await scrape(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(metrics.value('lifecycle_projection_checkpoint_position')).toBe(Number(bought.body.position));
    expect(metrics.count('lifecycle_projection_batch_duration_seconds')).toBeGreaterThan(0);
    expect(metrics.families.has('process_resident_memory_bytes')).toBe(true);

    const exit = exited(projector);
    projector.kill('SIGTERM');
    // Nest runs the shutdown hooks, then re-raises the signal so that the exit reports it.
    expect(await exit).toEqual({ code: null, signal: 'SIGTERM' });
    expect(output).toContain(`stopped after the current batch; checkpoint ${bought.body.position} saved`);
    expect(output).not.toMatch(/ERROR/);
  }, 30_000);
});
