import { envelope, purchaseBody, refundBody } from '../support/envelopes.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('ingestion API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers /health with the store and projector state', async () => {
    const { status, body } = await t.request('GET', '/health');
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'ok', stores: { eventStore: 'sqlite', readModel: 'sqlite' }, projector: { running: true } });
  });

  it('makes a POSTed purchase visible on GET /customers/:id with minPosition', async () => {
    const posted = await t.request('POST', '/customers/alice/purchases', purchaseBody('A-1', 2599));
    expect(posted.status).toBe(201);
    expect(posted.body).toMatchObject({ status: 'accepted', streamId: 'customer-alice', revision: '0' });
    const { status, body } = await t.request('GET', `/customers/alice?minPosition=${posted.body.position}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ customerId: 'alice', status: 'NEW', loyaltyLevel: 'ONE_TIME', orderCount: 1, net12: 2599, lifetimeNet: 2599 });
  });

  it('answers 404 for an unknown customer', async () => {
    const { status, body } = await t.request('GET', '/customers/nobody');
    expect(status).toBe(404);
    expect(body.code).toBe('CUSTOMER_NOT_FOUND');
  });

  it.each([
    ['a wrong type', { amountMinor: '12', currency: 'USD' }, 'data.total.amountMinor'],
    ['negative money', { amountMinor: -1, currency: 'USD' }, 'data.total.amountMinor'],
    ['a foreign currency without baseAmountMinor', { amountMinor: 100, currency: 'EUR' }, 'data.total.baseAmountMinor'],
  ])('rejects %s with 400 naming the field and appends nothing', async (_name, total, path) => {
    const head = await t.events.headPosition();
    const body = purchaseBody('X-1', 1);
    const { status, body: error } = await t.request('POST', '/customers/bob/purchases', { ...body, data: { ...body.data, total } });
    expect(status).toBe(400);
    expect(error.code).toBe('INVALID_EVENT');
    expect(error.errors.map((e: { path: string }) => e.path)).toContain(path);
    expect(await t.events.headPosition()).toBe(head);
  });

  it.each([
    ['a missing field', (b: any) => ({ ...b, data: { total: b.data.total, salesChannel: 'ONLINE' } }), 'data.orderId'],
    ['an unknown enum value', (b: any) => ({ ...b, data: { ...b.data, salesChannel: 'WEB' } }), 'data.salesChannel'],
    ['a bad UUID', (b: any) => ({ ...b, eventId: 'not-a-uuid' }), 'eventId'],
    ['a local date-time', (b: any) => ({ ...b, occurredAt: '2026-11-01T10:00:00' }), 'occurredAt'],
  ])('rejects %s with 400 naming the field', async (_name, mutate, path) => {
    const head = await t.events.headPosition();
    const { status, body } = await t.request('POST', '/customers/bob/purchases', mutate(purchaseBody('X-2', 1)));
    expect(status).toBe(400);
    expect(body.errors[0].path).toBe(path);
    expect(await t.events.headPosition()).toBe(head);
  });

  it('rejects an unparseable body and an invalid customerId in the route', async () => {
    const head = await t.events.headPosition();
    expect((await t.request('POST', '/customers/bob/purchases', '{"eventId": ')).status).toBe(400);
    const bad = await t.request('POST', '/customers/bad%20id/purchases', purchaseBody('X-3', 1));
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('customerId');
    expect(await t.events.headPosition()).toBe(head);
  });

  it('rejects a future occurredAt with 422 FUTURE_EVENT', async () => {
    const head = await t.events.headPosition();
    const future = new Date(Date.now() + 10 * 60_000).toISOString();
    const { status, body } = await t.request('POST', '/customers/bob/purchases', purchaseBody('F-1', 100, future));
    expect(status).toBe(422);
    expect(body.code).toBe('FUTURE_EVENT');
    expect(await t.events.headPosition()).toBe(head);
  });

  it('stores an eventId sent twice once and answers the second with duplicate', async () => {
    const body = purchaseBody('D-1', 500);
    const first = await t.request('POST', '/customers/carol/purchases', body);
    const second = await t.request('POST', '/customers/carol/purchases', { ...body, eventId: body.eventId.toUpperCase() });
    expect([first.status, second.status]).toEqual([201, 200]);
    expect(second.body.status).toBe('duplicate');
    expect(await t.events.readStream('customer-carol')).toHaveLength(1);
  });

  it('applies the order checks: 409 DUPLICATE_ORDER, 422 UNKNOWN_ORDER and REFUND_EXCEEDS_ORDER', async () => {
    expect((await t.request('POST', '/customers/dave/purchases', purchaseBody('O-1', 1000))).status).toBe(201);
    const head = await t.events.headPosition();
    const dup = await t.request('POST', '/customers/dave/purchases', purchaseBody('O-1', 1000));
    expect([dup.status, dup.body.code]).toEqual([409, 'DUPLICATE_ORDER']);
    const unknown = await t.request('POST', '/customers/dave/refunds', refundBody('O-404', 10));
    expect([unknown.status, unknown.body.code]).toEqual([422, 'UNKNOWN_ORDER']);
    const over = await t.request('POST', '/customers/dave/refunds', refundBody('O-1', 1001));
    expect([over.status, over.body.code]).toEqual([422, 'REFUND_EXCEEDS_ORDER']);
    expect(await t.events.headPosition()).toBe(head);
    expect((await t.request('POST', '/customers/dave/refunds', refundBody('O-1', 1000))).status).toBe(201);
    expect((await t.request('POST', '/customers/dave/refunds', refundBody('O-1', 1))).body.code).toBe('REFUND_EXCEEDS_ORDER');
  });

  it('keeps all of 50 concurrent purchases for one customer, at revisions 0…49', async () => {
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) => t.request('POST', '/customers/erin/purchases', purchaseBody(`E-${i}`, 100 + i))),
    );
    expect(responses.every((r) => r.status === 201)).toBe(true);
    const revisions = responses.map((r) => Number(r.body.revision)).sort((a, b) => a - b);
    expect(revisions).toEqual(Array.from({ length: 50 }, (_, i) => i));
    const stream = await t.events.readStream('customer-erin');
    expect(stream.map((e) => e.revision)).toEqual(Array.from({ length: 50 }, (_, i) => BigInt(i)));
  });

  it('answers a batch with a result per event, in order', async () => {
    const ok = purchaseBody('B-1', 700);
    const batch = [
      envelope('PurchaseCompleted', 'frank', ok),
      envelope('PurchaseCompleted', 'frank', ok),
      envelope('PurchaseRefunded', 'frank', refundBody('B-404', 5)),
      { ...envelope('PurchaseCompleted', 'frank', purchaseBody('B-2', 1)), type: 'Nope' },
    ];
    const { status, body } = await t.request('POST', '/events', batch);
    expect(status).toBe(200);
    expect(body.results.map((r: { status: string; code?: string }) => r.code ?? r.status)).toEqual(['accepted', 'duplicate', 'UNKNOWN_ORDER', 'INVALID_EVENT']);
    expect(body).toMatchObject({ accepted: 1, duplicates: 1, rejected: 2 });
  });

  it('takes a batch as NDJSON, rejecting an unparseable line on its own', async () => {
    const lines = [JSON.stringify(envelope('PurchaseCompleted', 'gina', purchaseBody('G-1', 300))), '{"truncated": ', ''].join('\n');
    const { status, body } = await t.request('POST', '/events', lines, { 'content-type': 'application/x-ndjson' });
    expect(status).toBe(200);
    expect(body.results.map((r: { status: string; reason?: string }) => r.reason ?? r.status)).toEqual(['accepted', '$: unparseable line']);
  });

  it('refuses a batch of more than 1,000 events', async () => {
    const batch = Array.from({ length: 1001 }, (_, i) => envelope('PurchaseCompleted', 'hank', purchaseBody(`H-${i}`, 1)));
    const { status, body } = await t.request('POST', '/events', batch);
    expect(status).toBe(400);
    expect(body.errors[0].path).toBe('$');
  });

  it('answers 503 when the projection cannot reach minPosition within 5 s', async () => {
    const { status, body } = await t.request('GET', '/customers/alice?minPosition=999999999');
    expect(status).toBe(503);
    expect(body.code).toBe('PROJECTION_LAGGING');
  }, 10_000);
});
