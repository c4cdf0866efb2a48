import { purchaseBody } from '../support/envelopes.js';
import { readWholeFeed, seedCustomers } from '../support/integration-feed.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { closedPort, perCustomerOrderKept, until, WebhookReceiver } from '../support/webhook-receiver.js';

const WEBHOOK_ENV = {
  WEBHOOK_TIMEOUT_MS: '300', WEBHOOK_BACKOFF_BASE_MS: '20', WEBHOOK_BACKOFF_MAX_MS: '150', WEBHOOK_MAX_ATTEMPTS: '6',
  WEBHOOK_BATCH_SIZE: '4', WEBHOOK_POLL_MS: '10',
};

describe('webhooks: subscriptions, signed batched deliveries, retries, pause and replay', () => {
  let t: TestApp;
  let feed: any[];
  const receivers: WebhookReceiver[] = [];
  const receiver = () => {
    const r = new WebhookReceiver();
    receivers.push(r);
    return r;
  };
  const subscribe = async (body: object) => {
    const created = await t.request('POST', '/admin/webhooks', body);
    expect(created.status).toBe(201);
    return created.body as { id: string; secret: string };
  };
  const view = async (id: string) => (await t.request('GET', `/admin/webhooks/${id}`)).body;

  beforeAll(async () => {
    t = await startTestApp(WEBHOOK_ENV);
    await seedCustomers(t, ['ada', 'bob', 'cyd', 'dan'], '2025-06-01');
    feed = (await readWholeFeed(t)).items;
  }, 60_000);

  afterAll(async () => {
    await t.close();
    for (const r of receivers) await r.close();
  });

  it('validates subscriptions (400 naming the field), shows the secret once, lists and removes them', async () => {
    const bad: Array<[unknown, string]> = [
      [{}, 'url'],
      [{ url: 'ftp://127.0.0.1/x' }, 'url'],
      [{ url: 'not a url' }, 'url'],
      [{ url: 'http://user:pw@127.0.0.1/x' }, 'url'],
      [{ url: `http://127.0.0.1/${'x'.repeat(2100)}` }, 'url'],
      [{ url: 'http://127.0.0.1/x', filter: { field: 'email' } }, 'filter.field'],
      [{ url: 'http://127.0.0.1/x', filter: { field: 'valueTier', to: 'AT_RISK' } }, 'filter.to'],
      [{ url: 'http://127.0.0.1/x', filter: { reactivation: 'yes' } }, 'filter.reactivation'],
      [{ url: 'http://127.0.0.1/x', filter: { colour: 'red' } }, 'filter.colour'],
      [{ url: 'http://127.0.0.1/x', filter: 'status' }, 'filter'],
      [{ url: 'http://127.0.0.1/x', from: 'yesterday' }, 'from'],
      [{ url: 'http://127.0.0.1/x', extra: 1 }, 'extra'],
      [[1, 2], '$'],
    ];
    for (const [body, path] of bad) {
      const response = await t.request('POST', '/admin/webhooks', body);
      expect([response.status, response.body.errors]).toEqual([400, expect.arrayContaining([expect.objectContaining({ path })])]);
    }
    expect((await t.request('GET', '/admin/webhooks')).body.items).toEqual([]);

    const created = await subscribe({ url: 'https://example.invalid/hooks', filter: { field: 'status', to: 'AT_RISK' } });
    expect(created).toMatchObject({ id: expect.stringMatching(/^wh_/), secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/=]{40,}$/), status: 'active' });
    const listed = (await t.request('GET', '/admin/webhooks')).body.items;
    expect(listed).toEqual([expect.objectContaining({ id: created.id, url: 'https://example.invalid/hooks', filter: { field: 'status', to: 'AT_RISK' } })]);
    expect(JSON.stringify(listed)).not.toContain(created.secret);
    expect(await view(created.id)).not.toHaveProperty('secret');
    expect((await t.request('DELETE', `/admin/webhooks/${created.id}`)).status).toBe(204);
    expect((await t.request('DELETE', `/admin/webhooks/${created.id}`)).status).toBe(404);
    expect((await t.request('GET', `/admin/webhooks/${created.id}/failures`)).status).toBe(404);
    expect((await t.request('POST', `/admin/webhooks/nobody/replay`)).status).toBe(404);
  });

  it('retries a receiver answering 500 and timing out, with the same webhook-id, then delivers everything in order, signed', async () => {
    const r = receiver();
    r.plan = [500, 500, 'hang', 503];
    const { id, secret } = await subscribe({ url: await r.listen(), from: 'beginning' });
    await until(() => r.acceptedEvents(secret).length, (n) => n >= feed.length);
    const events = r.acceptedEvents(secret);
    expect(events.map((e) => e.id)).toEqual(feed.map((e) => e.id));
    expect(events).toEqual(feed);
    // The first batch was attempted five times, always as the same message.
    const first = r.deliveries.slice(0, 5);
    expect(first.map((d) => d.answered)).toEqual([500, 500, 'hang', 503, 204]);
    expect(new Set(first.map((d) => d.webhookId)).size).toBe(1);
    expect(new Set(first.map((d) => d.body)).size).toBe(1);
    const accepted = r.accepted(secret);
    expect(Math.max(...accepted.map((d) => d.events.length))).toBe(4);
    expect(new Set(accepted.map((d) => d.webhookId)).size).toBe(accepted.length);
    expect(perCustomerOrderKept(accepted.flatMap((d) => d.events), feed)).toBe(true);
    // The sender records a delivery once the 2xx is back, a moment after the receiver has the events.
    const settled = await until(() => view(id), (v) => v.delivered === feed.length);
    expect(settled).toMatchObject({ status: 'active', attempts: 0, lastError: null, delivered: feed.length });
    // A forged signature fails the library's verifier.
    const forged = { ...r.deliveries[4], headers: { ...r.deliveries[4].headers, 'webhook-signature': 'v1,AAAA' } };
    r.deliveries.push({ ...forged, answered: 204 });
    expect(() => r.accepted(secret)).toThrow(/signature/i);
    r.deliveries.pop();

    // New changes follow live, after the backlog.
    const bought = await t.request('POST', '/customers/eve/purchases', purchaseBody('eve-1', 400, '2025-05-30T10:00:00Z'));
    const live = await until(() => r.acceptedEvents(secret), (list) => list.some((e) => e.customerId === 'eve'));
    expect(live.filter((e) => e.customerId === 'eve').map((e) => e.position)).toContain(bought.body.position);
    feed = (await readWholeFeed(t)).items;
  }, 30_000);

  it('retries refused connections until the receiver comes up, then delivers', async () => {
    const port = await closedPort();
    const { id, secret } = await subscribe({ url: `http://127.0.0.1:${port}/hooks`, from: 'beginning', filter: { field: 'valueTier' } });
    const refused = await until(() => view(id), (v) => v.attempts >= 2);
    expect(refused.lastError).toMatch(/ECONNREFUSED/);
    const r = receiver();
    await r.listen(port);
    const expected = feed.filter((e) => e.field === 'valueTier');
    await until(() => r.acceptedEvents(secret).length, (n) => n >= expected.length);
    expect(r.acceptedEvents(secret)).toEqual(expected);
  }, 30_000);

  it('pauses a subscription that keeps failing, lists its undelivered events, and replays them', async () => {
    const r = receiver();
    r.otherwise = 500;
    const { id, secret } = await subscribe({ url: await r.listen(), from: 'beginning', filter: { field: 'status' } });
    // Ingestion and projection go on while the receiver fails.
    const hung = receiver();
    hung.otherwise = 'hang';
    await subscribe({ url: await hung.listen(), from: 'beginning' });
    const during = await t.request('POST', '/customers/fay/purchases', purchaseBody('fay-1', 300, '2025-05-30T10:00:00Z'));
    expect(during.status).toBe(201);
    expect((await t.request('GET', `/customers/fay?minPosition=${during.body.position}`)).status).toBe(200);
    const paused = await until(() => view(id), (v) => v.status === 'paused');
    expect(paused).toMatchObject({ status: 'paused', attempts: 6, lastError: 'HTTP 500', delivered: 0 });
    expect(r.deliveries).toHaveLength(6);
    feed = (await readWholeFeed(t)).items;
    const expected = feed.filter((e) => e.field === 'status');
    const failures = await t.request('GET', `/admin/webhooks/${id}/failures?limit=1000`);
    expect(failures.status).toBe(200);
    expect(failures.body).toMatchObject({ status: 'paused', lastError: 'HTTP 500', nextCursor: null });
    expect(failures.body.undelivered).toEqual(expected);
    const firstPage = (await t.request('GET', `/admin/webhooks/${id}/failures?limit=2`)).body;
    expect(firstPage.undelivered).toEqual(expected.slice(0, 2));
    expect((await t.request('GET', `/admin/webhooks/${id}/failures?after=${firstPage.nextCursor}&limit=1000`)).body.undelivered).toEqual(expected.slice(2));
    expect((await t.request('GET', `/admin/webhooks/${id}/failures?limit=0`)).status).toBe(400);
    expect((await t.request('GET', `/admin/webhooks/${id}/failures?after=bad`)).body.errors).toEqual([expect.objectContaining({ path: 'query.after' })]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(r.deliveries).toHaveLength(6);

    r.otherwise = 200;
    expect((await t.request('POST', `/admin/webhooks/${id}/replay?from=garbage`)).body.errors).toEqual([expect.objectContaining({ path: 'query.from' })]);
    const resumed = await t.request('POST', `/admin/webhooks/${id}/replay`);
    expect([resumed.status, resumed.body.status, resumed.body.attempts]).toEqual([202, 'active', 0]);
    await until(() => r.acceptedEvents(secret).length, (n) => n >= expected.length);
    expect(r.acceptedEvents(secret)).toEqual(expected);
    // The checkpoint moves once the 2xx is back at the sender.
    const drained = await until(() => t.request('GET', `/admin/webhooks/${id}/failures`), (f) => f.body.undelivered.length === 0 && f.body.delivered === expected.length);
    expect(drained.body).toMatchObject({ undelivered: [], status: 'active', delivered: expected.length });

    // A replay from a cursor delivers exactly the events after it again.
    const k = 2;
    const before = r.accepted(secret).length;
    expect((await t.request('POST', `/admin/webhooks/${id}/replay?from=${expected[k].cursor}`)).status).toBe(202);
    const again = () => r.accepted(secret).slice(before).flatMap((d) => d.events);
    await until(again, (list) => list.length >= expected.length - k - 1);
    expect(again()).toEqual(expected.slice(k + 1));
  }, 30_000);

  it('stops delivering to a removed subscription', async () => {
    const r = receiver();
    const { id, secret } = await subscribe({ url: await r.listen(), filter: { field: 'status' } });
    expect((await t.request('DELETE', `/admin/webhooks/${id}`)).status).toBe(204);
    await t.request('POST', '/customers/zed/purchases', purchaseBody('zed-1', 400, '2025-05-30T10:00:00Z'));
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(r.acceptedEvents(secret)).toEqual([]);
  });
});
