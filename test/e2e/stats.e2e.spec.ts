import { randomUUID } from 'node:crypto';
import { purchaseBody } from '../support/envelopes.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('stats API and the dashboard assets', () => {
  let t: TestApp;
  let base: string;
  beforeAll(async () => {
    t = await startTestApp();
    base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    const customers: Array<[string, number, string]> = [['ann', 90_00, '2025-01-02'], ['bob', 40_00, '2025-01-05'], ['cy', 10_00, '2025-02-10']];
    for (const [id, amount, day] of customers) {
      await t.request('POST', `/customers/${id}/registration`, { eventId: randomUUID(), occurredAt: `${day}T09:00:00Z`, data: { kind: 'CONSUMER', relation: 'END_CUSTOMER' } });
      await t.request('POST', `/customers/${id}/purchases`, purchaseBody(`${id}-1`, amount, `${day}T10:00:00Z`));
    }
    expect((await t.request('POST', '/admin/clock/advance', { until: '2025-07-01' })).status).toBeLessThan(300);
  });
  afterAll(async () => {
    await t.close();
  });

  it.each([
    ['/stats/segments/daily?to=2025-01-31', 'query.from'],
    ['/stats/segments/daily?from=2025-01-01', 'query.to'],
    ['/stats/segments/daily?from=2025-02-30&to=2025-03-01', 'query.from'],
    ['/stats/segments/daily?from=2025-01-01&from=2025-01-02&to=2025-02-01', 'query.from'],
    ['/stats/segments/daily?from=2025-01-01&to=yesterday', 'query.to'],
    ['/stats/segments/daily?from=2025-02-01&to=2025-01-31', 'query.to'],
    ['/stats/segments/daily?from=2023-01-01&to=2025-01-02', 'query.to'],
    ['/stats/cutoffs?from=2025-01-01&to=2025-01-01T00:00:00Z', 'query.to'],
    ['/stats/cutoffs?from[a]=1&to=2025-01-01', 'query.from'],
    ['/stats/cutoffs?from=2020-01-01&to=2025-01-01', 'query.to'],
  ])('%s answers 400 naming %s', async (url, path) => {
    const { status, body } = await t.request('GET', url);
    expect(status).toBe(400);
    expect(body.errors).toEqual([expect.objectContaining({ path })]);
  });

  it('accepts the longest range (731 days, both ends included)', async () => {
    const { status, body } = await t.request('GET', '/stats/segments/daily?from=2024-01-01&to=2025-12-31');
    expect(status).toBe(200);
    expect(body.days).toHaveLength(731);
  });

  it('ends the daily series with the sizes /segments gives, and counts the days of the flows', async () => {
    const segments = (await t.request('GET', '/segments')).body;
    expect(segments.clockDate).toBe('2025-06-30');
    const { body } = await t.request('GET', '/stats/segments/daily?from=2025-01-01&to=2025-07-01');
    const last = body.days[body.days.length - 1];
    expect(last.date).toBe('2025-07-01');
    // /segments lists every bucket, zeros included; the daily series keeps only the non-zero ones.
    const nonZero = (counts: Record<string, number>) => Object.fromEntries(Object.entries(counts).filter(([, n]) => n !== 0));
    expect(last.sizes).toEqual({ status: nonZero(segments.status), loyaltyLevel: nonZero(segments.loyaltyLevel), valueTier: nonZero(segments.valueTier) });
    expect(body.days[0].sizes.status).toEqual({});
    expect(body.days[1].newCustomers).toBe(1);
    expect(body.days.reduce((sum: number, d: { newCustomers: number }) => sum + d.newCustomers, 0)).toBe(3);
    // Three customers who bought once in January or February are AT_RISK after 90 days.
    const atRisk = body.days.filter((d: { entered: { status: Record<string, number> } }) => d.entered.status.AT_RISK);
    expect(atRisk.reduce((sum: number, d: { entered: { status: Record<string, number> } }) => sum + d.entered.status.AT_RISK, 0)).toBe(3);
  });

  it('gives the cutoffs of each day-end date of the range, with the base currency', async () => {
    const segments = (await t.request('GET', '/segments')).body;
    const { body } = await t.request('GET', '/stats/cutoffs?from=2025-06-01&to=2025-06-30');
    expect(body.currency).toBe('USD');
    expect(body.items.map((c: { date: string }) => c.date)).toHaveLength(30);
    const { date, ...last } = body.items[body.items.length - 1];
    expect(date).toBe('2025-06-30');
    expect(last).toEqual(segments.cutoffs);
    expect(last.VIP).toEqual({ net12: 90_00, customerId: 'ann' });
  });

  it('serves the page and the charting library from node_modules, and nothing outside them', async () => {
    const page = await fetch(`${base}/ui`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('<script type="module" src="/ui/app.js">');
    const uplot = await fetch(`${base}/ui/vendor/uplot/uPlot.esm.js`);
    expect(uplot.status).toBe(200);
    expect(uplot.headers.get('content-type')).toContain('javascript');
    for (const url of ['/ui/nothing.js', '/ui/vendor/uplot/%2e%2e/package.json', '/ui/vendor/leftpad/index.js', '/ui/vendor/constructor/index.js', '/ui/vendor/__proto__/x.js', '/ui/.env', '/ui/%2e%2e/src/main.ts']) {
      const response = await fetch(`${base}${url}`);
      expect([403, 404]).toContain(response.status);
    }
  });
});
