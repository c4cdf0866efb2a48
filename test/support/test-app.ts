import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { type AppConfig, EVENT_STORE, loadConfig } from '@lifecycle/core';
import type { EventStore } from '@lifecycle/event-store';
import { createApp } from '../../apps/api/src/create-app.js';

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  events: EventStore;
  request(method: 'GET' | 'POST', url: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any; headers: Headers }>;
  close(options?: { keepData?: boolean }): Promise<void>;
}

/** The real HTTP application on a temporary data directory, listening on a loopback port. */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const dataDir = env.DATA_DIR ?? mkdtempSync(join(tmpdir(), 'lifecycle-e2e-'));
  const config = loadConfig({ DATA_DIR: dataDir, BASE_CURRENCY: 'USD', CLOCK_SCHEDULER: 'off', ...env });
  const app = await createApp(config, { logger: false });
  await app.listen(0, '127.0.0.1');
  const base = await app.getUrl();
  return {
    app,
    config,
    events: app.get<EventStore>(EVENT_STORE),
    async request(method, url, body, headers = {}) {
      const payload = typeof body === 'string' ? body : body === undefined ? undefined : JSON.stringify(body);
      const response = await fetch(`${base.replace('[::1]', '127.0.0.1')}${url}`, {
        method,
        body: payload,
        headers: { ...(payload !== undefined && !headers['content-type'] ? { 'content-type': 'application/json' } : {}), ...headers },
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
    },
    async close({ keepData = false } = {}) {
      await app.close();
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
