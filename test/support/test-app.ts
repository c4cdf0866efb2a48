import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { type AppConfig, loadConfig } from '@lifecycle/core';
import { EVENT_STORE } from '@lifecycle/core/nest';
import type { EventStore } from '@lifecycle/event-store';
import { createApp } from '../../apps/api/src/create-app.js';
import { OpenApiContract } from './openapi-contract.js';

/** A body that is not declared JSON: parsed when it is JSON anyway, else the text. */
const tryJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  events: EventStore;
  request(method: 'GET' | 'POST' | 'DELETE', url: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any; headers: Headers }>;
  close(options?: { keepData?: boolean }): Promise<void>;
}

/**
 * The real HTTP application on a temporary data directory, listening on a loopback port.
 * Every answer of `request` is checked against the app's own /openapi.json.
 */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const dataDir = env.DATA_DIR ?? mkdtempSync(join(tmpdir(), 'lifecycle-e2e-'));
  const config = loadConfig({ DATA_DIR: dataDir, BASE_CURRENCY: 'USD', CLOCK_SCHEDULER: 'off', ...env });
  const app = await createApp(config, { logger: false });
  await app.listen(0, '127.0.0.1');
  const base = await app.getUrl();
  let contract: OpenApiContract | undefined;
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
      const parsed = !text ? undefined : /json/.test(response.headers.get('content-type') ?? '') ? JSON.parse(text) : tryJson(text);
      contract ??= await OpenApiContract.load(base.replace('[::1]', '127.0.0.1'));
      contract.check(method, url, response.status, response.headers.get('content-type'), parsed);
      return { status: response.status, body: parsed, headers: response.headers };
    },
    async close({ keepData = false } = {}) {
      await app.close();
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
