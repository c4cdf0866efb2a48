import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { loadConfig } from '@lifecycle/core';
import { createApp } from '../../apps/api/src/create-app.js';
import { purchaseBody } from '../support/envelopes.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** GET /openapi.json is a valid OpenAPI 3.1 document of every route; GET /docs serves Swagger UI. */
describe('OpenAPI document', () => {
  let t: TestApp;
  let base: string;
  let doc: any;
  beforeAll(async () => {
    t = await startTestApp();
    base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    doc = await (await fetch(`${base}/openapi.json`)).json();
  });
  afterAll(async () => {
    await t.close();
  });

  it('validates against the OpenAPI 3.1 schema', async () => {
    expect(doc.openapi).toBe('3.1.0');
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('lists every route the application registers, each with its role or marked public', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lifecycle-openapi-'));
    const app = await createApp(loadConfig({ DATA_DIR: dataDir, CLOCK_SCHEDULER: 'off', PROJECTOR: 'off' }), { logger: false });
    const routes: string[] = [];
    app.getHttpAdapter().getInstance().addHook('onRoute', (route: { method: string | string[]; url: string }) => {
      for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push(`${method} ${route.url}`);
    });
    try {
      await app.init();
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
    const documented = Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item as object).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`));
    expect(routes.length).toBeGreaterThan(10);
    // Swagger UI's and the dashboard's assets are served beside the API (public, not part of it).
    const assets = (r: string) => r.startsWith('GET /docs/') || r === 'GET /ui' || r.startsWith('GET /ui/');
    expect(routes.filter((r) => !documented.includes(r) && !assets(r))).toEqual([]);
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item as Record<string, any>)) {
        const declared = op['x-public'] === true || (Array.isArray(op['x-required-roles']) && op.security?.[0]?.bearer !== undefined);
        expect([`${method} ${path}`, declared]).toEqual([`${method} ${path}`, true]);
        expect([`${method} ${path}`, Object.keys(op.responses)]).toEqual([`${method} ${path}`, expect.arrayContaining(['default'])]);
      }
    }
  });

  it('describes the body of every event type and the error codes', () => {
    const record = doc.paths['/customers/{customerId}/{kind}'].post;
    const bodies = record.requestBody.content['application/json'].schema.oneOf.map((s: { $ref: string }) => s.$ref.split('/').pop());
    expect(bodies.sort()).toEqual(['CustomerChurnDeclaredBody', 'CustomerRegisteredBody', 'FeedbackSubmittedBody', 'InteractionRecordedBody', 'PurchaseCompletedBody', 'PurchaseRefundedBody', 'ReferralRecordedBody']);
    expect(doc.components.schemas.PurchaseCompletedDto.required).toEqual(['orderId', 'total', 'salesChannel']);
    expect(doc.components.schemas.MoneyDto.properties.currency.pattern).toBe('^[A-Z]{3}$');
    expect(record.responses['409'].content['application/problem+json'].schema.$ref).toBe('#/components/schemas/Problem');
    expect(record.responses['409'].description).toMatch(/DUPLICATE_ORDER.*CONCURRENCY_CONFLICT/);
    expect(record['x-required-roles']).toEqual(['ingest']);
    expect(doc.components.schemas.Problem.description).toContain('| 422 | FUTURE_EVENT |');
  });

  it('serves Swagger UI at /docs', async () => {
    const page = await fetch(`${base}/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const html = await page.text();
    expect(html).toContain('swagger-ui');
    const script = /src="\.?\/?([^"]*swagger-ui-bundle\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${base}/docs/${script!.replace(/^docs\//, '')}`);
    expect([asset.status, asset.headers.get('content-type'), (await asset.text()).length > 100_000]).toEqual([200, expect.stringMatching(/javascript/), true]);
  });

  it('fails a response that breaks its declared schema (the check used by every e2e request)', async () => {
    const { OpenApiContract } = await import('../support/openapi-contract.js');
    const contract = new OpenApiContract(doc);
    const accepted = (await t.request('POST', '/customers/olga/purchases', purchaseBody('Q-1', 10))).body;
    expect(() => contract.check('POST', '/customers/olga/purchases', 201, 'application/json', accepted)).not.toThrow();
    expect(() => contract.check('POST', '/customers/olga/purchases', 201, 'application/json', { ...accepted, position: 7 })).toThrow(/position/);
    expect(() => contract.check('GET', '/segments', 299, 'application/json', {})).toThrow(/not declared/);
  });
});
