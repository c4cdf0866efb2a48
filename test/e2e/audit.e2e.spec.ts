import { randomUUID } from 'node:crypto';
import { purchaseBody, refundBody } from '../support/envelopes.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('audit API', () => {
  let t: TestApp;
  let lastPosition: string;
  beforeAll(async () => {
    t = await startTestApp();
    const post = (route: string, body: object) => t.request('POST', `/customers/ivy/${route}`, body);
    await post('registration', { eventId: randomUUID(), occurredAt: '2025-01-01T09:00:00Z', data: { kind: 'BUSINESS', relation: 'CHANNEL' } });
    await post('purchases', purchaseBody('I-1', 10_000, '2025-01-02T10:00:00Z'));
    await post('purchases', purchaseBody('I-2', 5_000, '2025-03-02T10:00:00Z', { lines: [{ sku: 'S', quantity: 2, unitPriceMinor: 2500 }] }));
    await post('refunds', refundBody('I-2', 5_000, '2025-03-03T10:00:00Z'));
    const last = await post('feedback', { eventId: randomUUID(), occurredAt: '2025-03-04T10:00:00+02:00', data: { feedbackId: 'F-1', kind: 'NPS', score: 10 }, metadata: { source: 'survey' } });
    lastPosition = last.body.position;
    const clock = await t.request('POST', '/admin/clock/advance', { until: '2025-06-01' });
    expect(clock.body).toMatchObject({ first: '2025-01-01', last: '2025-05-31' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('pages through the raw history with revisions, positions, both times and metadata', async () => {
    const first = await t.request('GET', '/customers/ivy/history?limit=3');
    expect(first.status).toBe(200);
    expect(first.body.items.map((e: { type: string }) => e.type)).toEqual(['CustomerRegistered', 'PurchaseCompleted', 'PurchaseCompleted']);
    expect(first.body.items[1]).toMatchObject({ revision: '1', occurredAt: '2025-01-02T10:00:00.000Z', data: { data: { orderId: 'I-1' } } });
    expect(first.body.items[1].recordedAt).toMatch(/Z$/);
    expect(first.body.items[1].metadata.hash).toMatch(/^[0-9a-f]{64}$/);
    const rest = await t.request('GET', `/customers/ivy/history?fromRevision=${first.body.nextRevision}`);
    expect(rest.body.items.map((e: { revision: string }) => e.revision)).toEqual(['3', '4']);
    expect(rest.body.items[1]).toMatchObject({ occurredAt: '2025-03-04T08:00:00.000Z', metadata: { source: 'survey' } });
    expect(rest.body.nextRevision).toBeNull();
    expect((await t.request('GET', '/customers/nobody/history')).status).toBe(404);
  });

  it('lists every transition with its cause', async () => {
    const { body } = await t.request('GET', `/customers/ivy/transitions?minPosition=${lastPosition}&limit=1000`);
    const fields = body.items.map((tr: { field: string; from: string | null; to: string }) => `${tr.field}:${tr.from}>${tr.to}`);
    expect(fields.slice(0, 4)).toEqual(['status:null>PROSPECT', 'valueTier:null>NONE', 'status:PROSPECT>NEW', 'loyaltyLevel:NONE>ONE_TIME']);
    expect(fields).toContain('status:NEW>ACTIVE');
    const byTick = body.items.find((tr: { to: string }) => tr.to === 'ACTIVE');
    // tenure reaches 90 days at 2025-04-02T10:00, so the tick of that day is the cause.
    expect(byTick.cause).toEqual({ dayEnded: '2025-04-02' });
  });

  it('explains status, loyalty level and value tier with the figures used', async () => {
    const { body } = await t.request('GET', `/customers/ivy/explain?minPosition=${lastPosition}`);
    const [status, loyalty, tier] = body.explanations;
    expect(body.t).toBe('2025-06-01T00:00:00.000Z');
    expect(status).toMatchObject({ field: 'status', value: 'AT_RISK', figures: { recencyDays: 149, atRiskAfterDays: 90, inactiveAfterDays: 180 } });
    expect(status.text).toBe('AT_RISK because recencyDays 149 > atRiskAfterDays 90 and ≤ inactiveAfterDays 180');
    // REPEAT was earned with two orders; voiding one leaves it held until the review.
    expect(loyalty).toMatchObject({ field: 'loyaltyLevel', value: 'REPEAT', figures: { qualifiedLevel: 'ONE_TIME', orders12: 1 } });
    expect(loyalty.text).toContain('holds REPEAT until its review at 2026-03-02T10:00:00.000Z while qualifying for ONE_TIME');
    expect(tier).toMatchObject({ field: 'valueTier', value: 'VIP', figures: { net12: 10_000, populationSize: 1 } });
    expect(tier.text).toContain('reaches the VIP cutoff (10000, ivy)');
  });

  it('tells what was true as of an instant', async () => {
    const march = await t.request('GET', '/customers/ivy/as-of?at=2025-03-02T12:00:00Z');
    expect(march.status).toBe(200);
    // t is the evaluation instant the system had reached at that moment: the last event's.
    expect(march.body.profile).toMatchObject({ status: 'NEW', loyaltyLevel: 'REPEAT', orderCount: 2, net12: 15_000, t: '2025-03-02T10:00:00.000Z' });
    expect(march.body.clockDate).toBe('2025-03-01');
    const now = await t.request('GET', '/customers/ivy/as-of?at=2025-06-01T00:00:00Z');
    const live = await t.request('GET', '/customers/ivy');
    expect(now.body.profile).toEqual(live.body);
    expect((await t.request('GET', '/customers/ivy/as-of?at=2024-12-31T00:00:00Z')).status).toBe(404);
    expect((await t.request('GET', '/customers/ivy/as-of?at=yesterday')).body.errors[0].path).toBe('query.at');
  });
});
