import { purchaseBody } from '../support/envelopes.js';
import { readWholeFeed, seedCustomers } from '../support/integration-feed.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const CUSTOMERS = ['ada', 'bob', 'cyd', 'dan', 'eve'];
const byPosition = (a: any, b: any) => (BigInt(a.position) < BigInt(b.position) ? -1 : BigInt(a.position) > BigInt(b.position) ? 1 : 0);

/** Reads SSE events from the stream until `count` arrived (or the timeout), then disconnects. */
async function readStream(base: string, query: string, headers: Record<string, string>, count: number): Promise<{ status: number; events: Array<{ id: string; event: string; data: any }> }> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 5000);
  const response = await fetch(`${base}/feed/stream${query}`, { headers, signal: controller.signal });
  const events: Array<{ id: string; event: string; data: any }> = [];
  if (response.status !== 200) {
    clearTimeout(timer);
    return { status: response.status, events };
  }
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const fields = Object.fromEntries(block.split('\n').filter((l) => !l.startsWith(':') && l.includes(': ')).map((l) => [l.slice(0, l.indexOf(': ')), l.slice(l.indexOf(': ') + 2)]));
        if (fields.data) events.push({ id: fields.id, event: fields.event, data: JSON.parse(fields.data) });
      }
      if (events.length >= count) break;
    }
  } catch (error) {
    if ((error as Error).name !== 'AbortError') throw error;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return { status: response.status, events };
}

describe('integration feed: GET /feed and GET /feed/stream', () => {
  let t: TestApp;
  let base: string;
  let all: any[];

  beforeAll(async () => {
    t = await startTestApp();
    base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    await seedCustomers(t, CUSTOMERS, '2025-06-01');
    all = (await readWholeFeed(t)).items;
  }, 60_000);

  afterAll(async () => {
    await t.close();
  });

  it('gives one integration event per transition in log order, with stable ids, causes, snapshots and the rules version', async () => {
    expect(all.length).toBeGreaterThan(CUSTOMERS.length * 3);
    expect([...all].sort(byPosition)).toEqual(all);
    expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
    const rulesVersion = (await t.request('GET', '/customers/ada')).body.rulesVersion;
    for (const event of all) {
      expect(event).toMatchObject({ rulesVersion, customerId: expect.any(String), to: expect.any(String), position: expect.stringMatching(/^\d+$/) });
      expect(event.type).toBe({ status: 'CustomerStatusChanged', loyaltyLevel: 'CustomerLoyaltyLevelChanged', valueTier: 'CustomerValueTierChanged' }[event.field as string]);
      expect(event.snapshot).toEqual(expect.objectContaining({ net12: expect.any(Number), orders12: expect.any(Number) }));
      expect(event.snapshot[event.field]).toBe(event.to);
    }
    // A purchase's transitions are caused by its event; the clock's by the DayEnded date.
    const adaFirst = all.find((e) => e.customerId === 'ada' && e.field === 'status' && e.from === null);
    expect(adaFirst.cause).toEqual({ eventId: expect.any(String) });
    const dayEnded = all.filter((e) => 'dayEnded' in e.cause);
    expect(dayEnded.length).toBeGreaterThan(0);
    expect(dayEnded[0].snapshot.lastPurchaseAt).toBe('2025-01-02T10:00:00.000Z');
    // The snapshot is the customer right after its last change.
    const lastOfAda = all.filter((e) => e.customerId === 'ada').at(-1);
    const ada = (await t.request('GET', '/customers/ada')).body;
    expect(lastOfAda.snapshot).toEqual({ status: ada.status, loyaltyLevel: ada.loyaltyLevel, valueTier: ada.valueTier, net12: ada.net12, orders12: ada.orders12, lastPurchaseAt: ada.lastPurchaseAt });
  });

  it('resumed from any cursor gives exactly the events after it', async () => {
    for (const k of [0, 3, Math.floor(all.length / 2), all.length - 1]) {
      expect((await readWholeFeed(t, '', 2, all[k].cursor)).items).toEqual(all.slice(k + 1));
    }
    const paged = await readWholeFeed(t, '', 3);
    expect(paged.items).toEqual(all);
  });

  it('filters by field, to, from and reactivation', async () => {
    const check = async (query: string, predicate: (e: any) => boolean) => {
      const expected = all.filter(predicate);
      expect(expected.length).toBeGreaterThan(0);
      expect((await readWholeFeed(t, query, 2)).items).toEqual(expected);
    };
    await check('field=status', (e) => e.field === 'status');
    await check('field=status&to=AT_RISK', (e) => e.field === 'status' && e.to === 'AT_RISK');
    await check('to=NEW', (e) => e.to === 'NEW');
    await check('reactivation=false&field=valueTier', (e) => !e.reactivation && e.field === 'valueTier');
  });

  it('long-polls with wait until a new event arrives, and answers an empty page when none does', async () => {
    const { nextCursor } = await readWholeFeed(t);
    const started = Date.now();
    const empty = await t.request('GET', `/feed?after=${nextCursor}&wait=0.3`);
    expect(empty.status).toBe(200);
    expect(empty.body).toEqual({ items: [], nextCursor });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);

    const waiting = t.request('GET', `/feed?after=${nextCursor}&wait=10&field=status`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const bought = await t.request('POST', '/customers/fay/purchases', purchaseBody('fay-1', 700, '2025-05-30T10:00:00Z'));
    expect(bought.status).toBe(201);
    const page = await waiting;
    expect(page.status).toBe(200);
    expect(page.body.items).toEqual([expect.objectContaining({ customerId: 'fay', field: 'status', from: null, position: bought.body.position })]);
    all = (await readWholeFeed(t)).items;
  });

  it('streams the same events as SSE, resumable with Last-Event-ID or after', async () => {
    const k = 4;
    const resumed = await readStream(base, '', { 'last-event-id': all[k].cursor }, all.length - k - 1);
    expect(resumed.status).toBe(200);
    expect(resumed.events.map((e) => e.data)).toEqual(all.slice(k + 1));
    expect(resumed.events.map((e) => e.id)).toEqual(all.slice(k + 1).map((e) => e.cursor));
    expect(resumed.events.map((e) => e.event)).toEqual(all.slice(k + 1).map((e) => e.type));
    const filtered = all.filter((e) => e.field === 'valueTier');
    const fromStart = await readStream(base, '?field=valueTier', {}, filtered.length);
    expect(fromStart.events.map((e) => e.data)).toEqual(filtered);

    // Live: an event ingested while connected arrives on the stream.
    const live = readStream(base, `?after=${all.at(-1).cursor}&field=status`, {}, 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const bought = await t.request('POST', '/customers/gus/purchases', purchaseBody('gus-1', 900, '2025-05-30T11:00:00Z'));
    expect((await live).events.map((e) => [e.data.customerId, e.data.position])).toEqual([['gus', bought.body.position]]);
  });

  it.each([
    ['/feed?after=not-a-cursor', 'query.after'],
    [`/feed?after=${Buffer.from('[1,2]').toString('base64url')}`, 'query.after'],
    [`/feed?after=${Buffer.from('["99999999999999999999",0,""]').toString('base64url')}`, 'query.after'],
    ['/feed?limit=0', 'query.limit'],
    ['/feed?limit=1001', 'query.limit'],
    ['/feed?limit=ten', 'query.limit'],
    ['/feed?wait=31', 'query.wait'],
    ['/feed?wait=-1', 'query.wait'],
    ['/feed?field=email', 'query.field'],
    ['/feed?field=status&to=VIP', 'query.to'],
    ['/feed?to=GOLD', 'query.to'],
    ['/feed?from=nobody', 'query.from'],
    ['/feed?reactivation=yes', 'query.reactivation'],
    ['/feed?limit=1&limit=2', 'query.limit'],
    ['/feed/stream?field=email', 'query.field'],
  ])('answers 400 naming the parameter for %s', async (url, path) => {
    const response = await t.request('GET', url);
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
  });

  it('answers 400 naming the header for a bad Last-Event-ID', async () => {
    const response = await t.request('GET', '/feed/stream', undefined, { 'last-event-id': 'garbage!' });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ path: 'header.last-event-id' })]);
  });

  it('gives the same integration event ids after a replay of the whole log into a new projection version', async () => {
    const before = (await readWholeFeed(t)).items;
    expect((await t.request('POST', '/admin/projections/rebuild')).status).toBe(202);
    const deadline = Date.now() + 30_000;
    while ((await t.request('GET', '/admin/projections')).body.rebuild?.state !== 'done' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect((await t.request('GET', '/admin/projections')).body.served).toBe('v2');
    const after = (await readWholeFeed(t)).items;
    expect(after.map((e) => e.id)).toEqual(before.map((e) => e.id));
    expect(after).toEqual(before);
  }, 40_000);
});
