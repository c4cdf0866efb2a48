import fc from 'fast-check';
import { purchaseBody } from '../support/envelopes.js';
import { rawRequest } from '../support/raw-http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Every error the API, Fastify or Node's HTTP parser answers is an RFC 9457 problem with a code. */
describe('errors as application/problem+json', () => {
  let t: TestApp;
  let base: string;
  beforeAll(async () => {
    t = await startTestApp();
    base = await t.app.getUrl();
  });
  afterAll(async () => {
    await t.close();
  });

  const expectProblem = (res: { status: number; headers: Record<string, unknown>; json(): any }, status: number, code: string) => {
    expect(res.status).toBe(status);
    expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
    const body = res.json();
    expect(body).toEqual({
      type: `urn:lifecycle:problem:${code}`, title: expect.any(String), status, detail: expect.any(String), code, errors: expect.any(Array),
    });
    for (const e of body.errors) expect(e).toEqual({ path: expect.any(String), reason: expect.any(String) });
    return body;
  };
  const json = { 'content-type': 'application/json' };

  it.each([
    ['invalid JSON on an ingestion route', 'POST', '/customers/bob/purchases', json, '{"eventId": ', 400, 'INVALID_EVENT'],
    ['invalid JSON on an admin route', 'POST', '/admin/clock/advance', json, '{"until"', 400, 'INVALID_REQUEST'],
    ['an unknown route', 'GET', '/nowhere', {}, undefined, 404, 'NOT_FOUND'],
    ['an unknown event route', 'POST', '/customers/bob/gifts', json, '{}', 404, 'NOT_FOUND'],
    ['an unknown customer', 'GET', '/customers/nobody', {}, undefined, 404, 'CUSTOMER_NOT_FOUND'],
    ['a body of another media type', 'POST', '/customers/bob/purchases', { 'content-type': 'application/xml' }, '<a/>', 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['a customer id longer than 100 characters', 'GET', `/customers/${'a'.repeat(200)}`, {}, undefined, 414, 'URI_TOO_LONG'],
    ['a bad query parameter', 'GET', '/customers?limit=0', {}, undefined, 400, 'INVALID_REQUEST'],
  ])('%s', async (_name, method, path, headers, body, status, code) => {
    expectProblem(await rawRequest(base, method, path, { headers, body }), status, code);
  });

  it('a body over 16 MiB is 413 PAYLOAD_TOO_LARGE', async () => {
    const body = Buffer.alloc(16 * 1024 * 1024 + 10, 0x20);
    expectProblem(await rawRequest(base, 'POST', '/events', { headers: json, body }), 413, 'PAYLOAD_TOO_LARGE');
  });

  it('headers over 16 KiB are 431 HEADERS_TOO_LARGE', async () => {
    expectProblem(await rawRequest(base, 'GET', '/segments', { headers: { 'x-big': 'x'.repeat(20_000) } }), 431, 'HEADERS_TOO_LARGE');
  });

  it('a bad field names it in errors and in detail', async () => {
    const event = purchaseBody('P-1', 1);
    const res = await rawRequest(base, 'POST', '/customers/carol/purchases', {
      headers: json, body: JSON.stringify({ ...event, data: { ...event.data, salesChannel: 'WEB' } }),
    });
    const body = expectProblem(res, 400, 'INVALID_EVENT');
    expect(body.errors[0].path).toBe('data.salesChannel');
    expect(body.detail).toContain('data.salesChannel');
  });

  it('business rejections carry errors naming the field', async () => {
    const first = purchaseBody('O-1', 100);
    expect((await t.request('POST', '/customers/dave/purchases', first)).status).toBe(201);
    const duplicate = await rawRequest(base, 'POST', '/customers/dave/purchases', { headers: json, body: JSON.stringify(purchaseBody('O-1', 100)) });
    expect(expectProblem(duplicate, 409, 'DUPLICATE_ORDER').errors).toEqual([{ path: 'data.orderId', reason: expect.stringContaining('O-1') }]);
    const future = purchaseBody('O-2', 100, new Date(Date.now() + 3_600_000).toISOString());
    const early = await rawRequest(base, 'POST', '/customers/dave/purchases', { headers: json, body: JSON.stringify(future) });
    expect(expectProblem(early, 422, 'FUTURE_EVENT').errors[0].path).toBe('occurredAt');
  });

  it('batch results carry the index of their event (JSON) or its line (NDJSON)', async () => {
    const good = { type: 'PurchaseCompleted', customerId: 'erin', ...purchaseBody('B-1', 100) };
    const res = await t.request('POST', '/events', [good, { type: 'PurchaseCompleted' }]);
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: any) => [r.index, r.line, r.status])).toEqual([[0, undefined, 'accepted'], [1, undefined, 'rejected']]);
    expect(res.body.results[1].errors.length).toBeGreaterThan(0);
    const ndjson = `\n${JSON.stringify({ ...good, eventId: purchaseBody('B-2', 1).eventId, data: { ...good.data, orderId: 'B-2' } })}\n\nnot json\n`;
    const lines = await t.request('POST', '/events', ndjson, { 'content-type': 'application/x-ndjson' });
    expect(lines.body.results.map((r: any) => [r.index, r.line, r.status, r.code])).toEqual([[0, 2, 'accepted', undefined], [1, 4, 'rejected', 'INVALID_EVENT']]);
    expect(lines.body.results[1].errors).toEqual([{ path: '$', reason: 'unparseable line' }]);
  });

  it('answers random requests with < 500, and every error as a problem (bounded fuzz)', async () => {
    const segment = fc.oneof(fc.constantFrom('customers', 'events', 'segments', 'health', 'admin', 'purchases', 'refunds', 'history', 'as-of', 'x'), fc.string({ maxLength: 12 }).map(encodeURIComponent));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'),
        fc.array(segment, { minLength: 1, maxLength: 4 }),
        fc.constantFrom('application/json', 'application/x-ndjson', 'text/plain', 'application/xml'),
        fc.oneof(fc.string({ maxLength: 200 }), fc.json({ maxDepth: 3 }), fc.constant(JSON.stringify(purchaseBody('F-1', 1)))),
        async (method, segments, contentType, body) => {
          const res = await rawRequest(base, method, `/${segments.join('/')}`, method === 'GET' || method === 'DELETE' ? {} : { headers: { 'content-type': contentType }, body });
          expect(res.status).toBeLessThan(500);
          if (res.status >= 400) expectProblem(res, res.status, res.json().code);
        },
      ),
      { numRuns: 150, seed: 13 },
    );
  });
});
