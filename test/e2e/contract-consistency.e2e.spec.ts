import { purchaseBody } from '../support/envelopes.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('contract consistency of the per-customer routes', () => {
  let t: TestApp;
  let position: string;
  beforeAll(async () => {
    t = await startTestApp();
    position = (await t.request('POST', '/customers/kim/purchases', purchaseBody('K-1', 900, '2026-10-01T10:00:00Z'))).body.position;
  });
  afterAll(async () => {
    await t.close();
  });

  const routes = ['', '/history', '/as-of?at=2026-10-02T00:00:00Z', '/explain', '/transitions'];

  it.each(routes)('GET /customers/:id%s answers 404 CUSTOMER_NOT_FOUND for an unknown customer', async (suffix) => {
    const { status, body } = await t.request('GET', `/customers/nobody-here${suffix}`);
    expect([status, body.code]).toEqual([404, 'CUSTOMER_NOT_FOUND']);
  });

  it.each(routes)('GET /customers/:id%s honours minPosition (waits for it, rejects a malformed one)', async (suffix) => {
    const join = suffix.includes('?') ? '&' : '?';
    const ok = await t.request('GET', `/customers/kim${suffix}${join}minPosition=${position}`);
    expect(ok.status).toBe(200);
    const bad = await t.request('GET', `/customers/kim${suffix}${join}minPosition=soon`);
    expect([bad.status, bad.body.code, bad.body.errors[0].path]).toEqual([400, 'INVALID_REQUEST', 'query.minPosition']);
  });

  it('as-of prints transition instants as ISO strings', async () => {
    const { body } = await t.request('GET', '/customers/kim/as-of?at=2026-10-02T00:00:00Z');
    expect(body.transitions.length).toBeGreaterThan(0);
    for (const tr of body.transitions) expect(tr.t).toBe('2026-10-01T10:00:00.000Z');
  });

  it('/segments lists every bucket, zeros included', async () => {
    const { body } = await t.request('GET', `/segments?minPosition=${position}`);
    expect(body.status).toEqual({ PROSPECT: 0, QUALIFIED: 0, NEW: 1, ACTIVE: 0, AT_RISK: 0, INACTIVE: 0, CHURNED: 0 });
    expect(Object.values(body.loyaltyLevel).reduce((a: number, b) => a + (b as number), 0)).toBe(1);
    expect(Object.keys(body.valueTier).length).toBeGreaterThanOrEqual(4);
  });
});
