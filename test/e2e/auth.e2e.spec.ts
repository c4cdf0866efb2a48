import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { RequestMethod } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { type KeyRole, loadConfig, newKey, verifyChains, writeKeysFile } from '@lifecycle/core';
import { createApp } from '../../apps/api/src/create-app.js';
import { registeredRoutes } from '../../apps/api/src/auth/route-registry.js';
import { isOpenApiRoute } from '../../apps/api/src/openapi/setup-openapi.js';
import { PUBLIC_ROUTE, ROLE_METADATA, ROLES, type Role } from '../../apps/api/src/auth/roles.js';
import { purchaseBody } from '../support/envelopes.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface DeclaredRoute {
  method: string;
  url: string;
  roles: Role[] | typeof PUBLIC_ROUTE | undefined;
}

const normalise = (url: string): string => `/${url}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');

/** Every handler of every controller Nest knows, with the role it declares (handler over controller). */
function declaredRoutes(t: TestApp): DeclaredRoute[] {
  const routes: DeclaredRoute[] = [];
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new () => object) | null;
      if (!controller) continue;
      const base = Reflect.getMetadata(PATH_METADATA, controller) as string | undefined;
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = controller.prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        if (path === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        const roles = Reflect.getMetadata(ROLE_METADATA, handler) ?? Reflect.getMetadata(ROLE_METADATA, controller);
        routes.push({ method, url: normalise(`${base ?? ''}/${path}`), roles });
      }
    }
  }
  return routes;
}

/** Every route Fastify serves (HEAD twins of GET routes aside), matched to its Nest declaration. */
function everyRoute(t: TestApp): DeclaredRoute[] {
  const declared = declaredRoutes(t);
  const served = registeredRoutes(t.app.getHttpAdapter().getInstance());
  const gets = new Set(served.filter((r) => r.method === 'GET').map((r) => normalise(r.url)));
  return served
    .filter((r) => !(r.method === 'HEAD' && gets.has(normalise(r.url))))
    .map((r) => {
      const match = declared.find((d) => d.method === r.method && d.url === normalise(r.url));
      // The OpenAPI document and Swagger UI are served by Fastify itself, declared public where they are set up.
      const docs = isOpenApiRoute(r.method, normalise(r.url));
      return { method: r.method, url: normalise(r.url), roles: docs ? PUBLIC_ROUTE : match?.roles };
    });
}

const sampleUrl = (url: string): string =>
  url.replace(':customerId', 'matrix-customer').replace(':kind', 'purchases').replace(/:[A-Za-z]+/g, 'x');

const sampleBody = (route: DeclaredRoute): unknown => {
  if (route.method !== 'POST') return undefined;
  if (route.url === '/admin/clock/advance') return { until: '1997-01-01' };
  return {};
};

describe('API keys and roles', () => {
  const dir = mkdtempSync(join(tmpdir(), 'auth-e2e-'));
  const keysFile = join(dir, 'keys.json');
  const keyOf: Record<string, string> = {};
  let t: TestApp;

  beforeAll(async () => {
    const records = [];
    for (const role of ROLES) {
      const { key, record } = newKey(`${role}-key`, [role as KeyRole], new Date());
      keyOf[role] = key;
      records.push(record);
    }
    const both = newKey('query-audit-key', ['query', 'audit'], new Date());
    keyOf.both = both.key;
    records.push(both.record);
    writeKeysFile(keysFile, { version: 1, keys: records });
    t = await startTestApp({ API_KEYS_FILE: keysFile, DATA_DIR: join(dir, 'data') });
  }, 60_000);

  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const as = (role: string) => ({ authorization: `Bearer ${keyOf[role]}` });

  it('declares a role (or PublicRoute) on every route the application registers', () => {
    const routes = everyRoute(t);
    expect(routes.length).toBeGreaterThanOrEqual(13);
    const undeclared = routes.filter((r) => r.roles === undefined || (Array.isArray(r.roles) && r.roles.length === 0));
    expect(undeclared.map((r) => `${r.method} ${r.url}`)).toEqual([]);
  });

  it('answers every role × route pair: allowed → neither 401 nor 403, denied → 403, no key → 401', async () => {
    const outcomes: string[] = [];
    const base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    // An endless answer (the SSE stream): only its status, then the connection is dropped.
    const streamed = async (url: string, headers: Record<string, string> = {}) => {
      const abort = new AbortController();
      const response = await fetch(`${base}${url}`, { headers, signal: abort.signal });
      if (!response.ok) return { status: response.status, body: await response.json() };
      abort.abort();
      return { status: response.status, body: {} };
    };
    const call = (route: DeclaredRoute, url: string, headers?: Record<string, string>) => (route.url === '/feed/stream'
      ? streamed(url, headers)
      : t.request(route.method as 'GET' | 'POST' | 'DELETE', url, sampleBody(route), headers));
    for (const route of everyRoute(t)) {
      const url = sampleUrl(route.url);
      const anonymous = await call(route, url);
      if (route.roles === PUBLIC_ROUTE) {
        if ([401, 403].includes(anonymous.status)) outcomes.push(`${route.method} ${route.url} public but ${anonymous.status}`);
        continue;
      }
      if (anonymous.status !== 401) outcomes.push(`${route.method} ${route.url} without key: ${anonymous.status}`);
      for (const role of ROLES) {
        const { status, body } = await call(route, url, as(role));
        const allowed = (route.roles as Role[]).includes(role);
        if (allowed && [401, 403].includes(status)) outcomes.push(`${route.method} ${route.url} as ${role}: ${status} though allowed`);
        if (!allowed && status !== 403) outcomes.push(`${route.method} ${route.url} as ${role}: ${status} though denied`);
        if (!allowed && status === 403 && body.code !== 'FORBIDDEN') outcomes.push(`${route.method} ${route.url}: 403 code ${body.code}`);
      }
    }
    expect(outcomes).toEqual([]);
  }, 60_000);

  it('answers a missing or unknown key with 401 and WWW-Authenticate, in the error shape', async () => {
    for (const headers of [{} as Record<string, string>, { authorization: 'Bearer query-key.not-the-secret-at-all-000' }, { 'x-api-key': 'nobody.aaaaaaaaaaaaaaaaaaaaaaaa' }, { authorization: 'Basic abc' }]) {
      const { status, body, headers: answer } = await t.request('GET', '/segments', undefined, headers);
      expect(status).toBe(401);
      expect(answer.get('www-authenticate')).toBe('Bearer realm="customer-lifecycle"');
      expect(body.code).toBe('UNAUTHENTICATED');
      expect(body.errors).toEqual([{ path: 'header.authorization', reason: 'missing or unknown API key' }]);
    }
  });

  it('answers a key without the role with 403 naming the role needed', async () => {
    const { status, body } = await t.request('POST', '/admin/clock/advance', { until: '1997-01-01' }, as('query'));
    expect(status).toBe(403);
    expect(body.code).toBe('FORBIDDEN');
    expect(body.errors).toEqual([{ path: 'role', reason: 'requires the role admin' }]);
  });

  it('accepts X-API-Key as well as Bearer, and a key holding several roles', async () => {
    expect((await t.request('GET', '/segments', undefined, { 'x-api-key': keyOf.query })).status).toBe(200);
    expect((await t.request('GET', '/segments', undefined, as('both'))).status).toBe(200);
    expect((await t.request('GET', '/customers/nobody/history', undefined, as('both'))).status).toBe(404);
  });

  it('opens /health details to any valid key but not to a request without one', async () => {
    expect((await t.request('GET', '/health')).status).toBe(401);
    const { status, body } = await t.request('GET', '/health', undefined, as('metrics'));
    expect(status).toBe(200);
    expect(body.stores.dataDir).toBe('data');
    expect(JSON.stringify(body)).not.toContain(dir);
  });

  it('records the sending key id in the metadata, overriding a client-supplied one; the chain still verifies', async () => {
    const sent = purchaseBody(`K-${randomUUID()}`, 1000, '2026-11-01T10:00:00.000Z');
    const posted = await t.request('POST', '/customers/keyed/purchases', { ...sent, metadata: { source: 'shop', keyId: 'mallory' } }, as('ingest'));
    expect(posted.status).toBe(201);
    const batch = await t.request('POST', '/events', [{ ...purchaseBody(`K-${randomUUID()}`, 500), type: 'PurchaseCompleted', customerId: 'keyed' }], as('ingest'));
    expect(batch.status).toBe(200);
    const stored = await t.events.readStream('customer-keyed');
    expect(stored.map((e) => e.metadata.keyId)).toEqual(['ingest-key', 'ingest-key']);
    expect(stored[0].metadata.source).toBe('shop');
    const history = await t.request('GET', '/customers/keyed/history', undefined, as('audit'));
    expect(history.body.items[0].metadata).toMatchObject({ keyId: 'ingest-key', source: 'shop' });
    expect((await verifyChains(t.events)).broken).toEqual([]);
    // No plain key anywhere: not in the keys file, not in any event.
    const file = readFileSync(keysFile, 'utf8');
    const log = JSON.stringify(await t.events.readAll({ maxCount: 10_000 }), (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
    for (const key of Object.values(keyOf)) {
      const secret = key.slice(key.indexOf('.') + 1);
      expect(file).not.toContain(secret);
      expect(log).not.toContain(secret);
    }
  });

  it('sets security headers and sends no CORS headers unless CORS_ORIGINS allows the origin', async () => {
    const { headers } = await t.request('GET', '/segments', undefined, { ...as('query'), origin: 'https://evil.example' });
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('access-control-allow-origin')).toBeNull();
    const cors = await startTestApp({ CORS_ORIGINS: 'https://dash.example' });
    try {
      const allowed = await cors.request('GET', '/segments', undefined, { origin: 'https://dash.example' });
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://dash.example');
      const other = await cors.request('GET', '/segments', undefined, { origin: 'https://evil.example' });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await cors.close();
    }
  });
});

describe('secure by default', () => {
  it('refuses to start on a non-loopback HOST without keys, naming API_KEYS_FILE', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'auth-bind-'));
    try {
      await expect(createApp(loadConfig({ DATA_DIR: dir, HOST: '0.0.0.0', CLOCK_SCHEDULER: 'off' }), { logger: false })).rejects.toThrow(/API_KEYS_FILE/);
      const { record } = newKey('admin', ['admin'], new Date());
      writeKeysFile(join(dir, 'keys.json'), { version: 1, keys: [record] });
      const app = await createApp(loadConfig({ DATA_DIR: dir, HOST: '0.0.0.0', CLOCK_SCHEDULER: 'off' }), { logger: false });
      await app.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('binds 127.0.0.1 by default', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
  });
});
