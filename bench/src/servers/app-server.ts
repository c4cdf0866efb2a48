import type { AddressInfo } from 'node:net';
import { loadConfig } from '@lifecycle/core';
import { ProjectorService } from '@lifecycle/core/nest';
import { createApp } from '../../../apps/api/src/create-app.js';
import { installLagProbe } from './lag-probe.js';
import { serve } from './server-messages.js';

/**
 * The real application on the embedded adapters. BENCH_DATA_DIR, BENCH_PROJECTOR (on|off) and
 * BENCH_LAG_PROBE (1: measure projection lag of every accepted single event) come from the bench.
 */
const config = loadConfig({
  DATA_DIR: process.env.BENCH_DATA_DIR,
  BASE_CURRENCY: 'USD',
  CLOCK_SCHEDULER: 'off',
  PROJECTOR: process.env.BENCH_PROJECTOR ?? 'off',
});
const app = await createApp(config, { logger: false });
const probe = process.env.BENCH_LAG_PROBE === '1' ? installLagProbe(app, config.projector) : null;
await app.listen(0, '127.0.0.1');
const projector = app.get(ProjectorService);
serve((app.getHttpServer().address() as AddressInfo).port, {
  stop: () => app.close(),
  resetLag: async () => probe?.reset() ?? null,
  report: async () => ({ lag: probe?.report() ?? null, projectorStats: projector.projector.stats, status: await projector.status() }),
});
