import fc from 'fast-check';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** One request of the fuzz and how many events its answer says it appended. */
interface Sent {
  status: number;
  body: any;
  appended: number;
}

const KINDS = ['registration', 'purchases', 'refunds', 'interactions', 'feedback', 'referrals', 'churn-declarations', 'nope'];
const TYPES = ['CustomerRegistered', 'PurchaseCompleted', 'PurchaseRefunded', 'InteractionRecorded', 'FeedbackSubmitted', 'ReferralRecorded', 'CustomerChurnDeclared', 'DayEnded', 'Bogus'];

const validPurchase = (customerId: string, eventId: string, orderId: string, amountMinor: number, day: number) => ({
  type: 'PurchaseCompleted', customerId, eventId, occurredAt: new Date(Date.UTC(2025, 0, 1 + day, 12)).toISOString(),
  data: { orderId, total: { amountMinor, currency: 'USD' }, salesChannel: 'ONLINE' },
});

/** JSON text nested `levels` deep, built as text (JSON.stringify itself overflows on a few thousand levels). */
const deepText = (levels: number): string => `${'{"k":['.repeat(levels)}1${']}'.repeat(levels)}`;

const deep = (levels: number): unknown => {
  let value: unknown = 'leaf';
  for (let i = 0; i < levels; i++) value = i % 3 === 0 ? [value] : { k: value };
  return value;
};

const arbId = fc.oneof(fc.constantFrom('c1', 'c2', 'c3'), fc.string({ minLength: 1, maxLength: 12 }));
const arbEnvelope = fc.record({
  customerId: fc.constantFrom('c1', 'c2', 'c3', 'c4'),
  eventId: fc.uuid({ version: 4 }),
  orderId: fc.constantFrom('o1', 'o2', 'o3', 'o4', 'o5'),
  amountMinor: fc.integer({ min: 1, max: 100_000 }),
  day: fc.integer({ min: 0, max: 300 }),
}).map(({ customerId, eventId, orderId, amountMinor, day }) => validPurchase(customerId, eventId, orderId, amountMinor, day));

/** A valid envelope with one field replaced by anything, removed, or swapped for deep nesting. */
const arbMutated = fc.tuple(
  arbEnvelope,
  fc.constantFrom('type', 'customerId', 'eventId', 'occurredAt', 'data', 'data.orderId', 'data.total', 'data.total.amountMinor', 'data.total.currency', 'data.salesChannel', 'metadata', 'extra'),
  fc.oneof(fc.jsonValue(), fc.constant(undefined), fc.integer({ min: 30, max: 800 }).map(deep), fc.constantFrom(...TYPES),
    fc.constantFrom('0000-02-29T00:00:00Z', '9999-12-31T23:59:59Z', '2025-02-29T00:00:00Z', '-1', 1e308, -0, '\u0000')),
).map(([envelope, path, value]) => {
  const copy: any = structuredClone(envelope);
  const keys = path.split('.');
  let target = copy;
  for (const key of keys.slice(0, -1)) target = target[key] ?? (target[key] = {});
  if (value === undefined) delete target[keys[keys.length - 1]!];
  else target[keys[keys.length - 1]!] = value;
  return copy;
});

const arbCursor = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v) ?? 'null').toString('base64url')),
  fc.constantFrom('e30', 'W10', 'dHJ1ZQ', 'WzEsMl0', 'eyJhIjoxfQ', 'bnVsbA', 'LTE', 'MS41', '%00', '%ZZ'),
);
const arbNumberText = fc.oneof(
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String),
  fc.constantFrom('9223372036854775807', '9223372036854775808', '18446744073709551616', '1e3', '0x10', '-0', ' 1', ''),
  fc.string({ maxLength: 8 }),
);

describe('fuzzing the HTTP API', () => {
  let t: TestApp;
  let base: string;
  let accepted = 0;
  let requests = 0;

  beforeAll(async () => {
    t = await startTestApp();
    base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
  });

  afterAll(async () => {
    await t.close();
  });

  /** Sends a request; checks the answer is below 500 and the log grew by exactly what it accepted. */
  async function send(method: 'GET' | 'POST', path: string, body?: string, contentType = 'application/json'): Promise<Sent> {
    // Positions start at 1; an empty log's head is -1.
    const head = async () => {
      const position = await t.events.headPosition();
      return position < 0n ? 0n : position;
    };
    const before = await head();
    const response = await fetch(`${base}${path}`, { method, body, headers: body === undefined ? {} : { 'content-type': contentType } });
    const text = await response.text();
    let parsed: any = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = text;
    }
    requests += 1;
    const appended = response.status === 201 ? 1 : typeof parsed?.accepted === 'number' ? parsed.accepted : 0;
    const after = await head();
    if (response.status >= 500) throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 500)}\nbody: ${body?.slice(0, 500)}`);
    if (after - before !== BigInt(appended)) {
      throw new Error(`${method} ${path}: the log grew by ${after - before}, the answer accepted ${appended}: ${text.slice(0, 3000)}\nbody: ${body?.slice(0, 3000)}`);
    }
    if (response.status >= 400) {
      if (typeof parsed?.code !== 'string') throw new Error(`${method} ${path} answered ${response.status} without a code: ${text.slice(0, 300)}`);
    }
    accepted += appended;
    return { status: response.status, body: parsed, appended };
  }

  const runs = (n: number) => ({ numRuns: n, endOnFailure: true });

  it('never answers 5xx to random JSON on the ingestion and admin routes, and stores only what it accepts', async () => {
    await fc.assert(fc.asyncProperty(
      fc.oneof(fc.json(), fc.jsonValue().map((v) => JSON.stringify(v)), fc.string({ maxLength: 60 })),
      fc.constantFrom('/events', '/admin/clock/advance', ...KINDS.map((k) => `/customers/c1/${k}`)),
      async (body, path) => {
        await send('POST', path, body);
      },
    ), runs(700));
  }, 60_000);

  it('never answers 5xx to mutated valid envelopes, single or batched, and acknowledges duplicates without storing them', async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(fc.oneof(arbEnvelope, arbMutated), { minLength: 1, maxLength: 6 }),
      fc.constantFrom('batch', 'wrapped', 'single'),
      async (envelopes, shape) => {
        if (shape === 'single') {
          const { type: _t, customerId, ...body } = envelopes[0] as any;
          const kind = KINDS[TYPES.indexOf(String(_t))] ?? 'purchases';
          await send('POST', `/customers/${encodeURIComponent(String(customerId ?? 'c1'))}/${kind}`, JSON.stringify(body));
          return;
        }
        const sent = await send('POST', '/events', JSON.stringify(shape === 'batch' ? envelopes : { events: envelopes }));
        if (sent.status === 200) {
          // The same batch again stores nothing new.
          const again = await send('POST', '/events', JSON.stringify(shape === 'batch' ? envelopes : { events: envelopes }));
          expect(again.appended).toBe(0);
        }
      },
    ), runs(600));
  }, 60_000);

  it('never answers 5xx to random NDJSON batches', async () => {
    const line = fc.oneof(arbEnvelope.map((e) => JSON.stringify(e)), arbMutated.map((e) => JSON.stringify(e)), fc.string({ maxLength: 30 }), fc.json());
    await fc.assert(fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 8 }), async (lines) => {
      await send('POST', '/events', lines.join('\n'), 'application/x-ndjson');
    }), runs(500));
  }, 60_000);

  it('never answers 5xx to random cursors, revisions, positions and query strings', async () => {
    const query = fc.dictionary(
      fc.constantFrom('cursor', 'limit', 'status', 'loyaltyLevel', 'valueTier', 'fromRevision', 'at', 'x'),
      fc.oneof(arbCursor, arbNumberText),
      { maxKeys: 4 },
    );
    await fc.assert(fc.asyncProperty(
      fc.constantFrom('/customers', '/customers/c1/transitions', '/customers/c1/history', '/customers/c2/as-of', '/customers/c3/explain', '/segments', '/health'),
      query, arbId,
      async (route, params, id) => {
        const path = route.replace('c1', encodeURIComponent(id));
        const search = Object.entries(params).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
        const sent = await send('GET', `${path}${search ? `?${search}` : ''}`);
        if (sent.status === 400 && 'cursor' in params && sent.body.errors?.[0]?.path?.includes('cursor')) {
          expect(sent.body.code).toBe('INVALID_REQUEST');
        }
      },
    ), runs(800));
  }, 60_000);

  it('answers the issue\'s crafted inputs with 400 naming the field', async () => {
    for (const cursor of ['e30', 'W10', 'dHJ1ZQ', 'WzEsMl0', 'eyJhIjoxfQ']) {
      for (const path of ['/customers', '/customers/c1/transitions']) {
        const sent = await send('GET', `${path}?cursor=${cursor}`);
        expect([sent.status, sent.body.code, sent.body.errors]).toEqual([400, 'INVALID_REQUEST', [expect.objectContaining({ path: 'query.cursor' })]]);
      }
    }
    const revision = await send('GET', '/customers/c1/history?fromRevision=9223372036854775808');
    expect([revision.status, revision.body.code, revision.body.errors?.[0]?.path]).toEqual([400, 'INVALID_REQUEST', 'query.fromRevision']);
    const position = await send('GET', '/customers/c1?minPosition=9223372036854775808');
    expect([position.status, position.body.errors?.[0]?.path]).toEqual([400, 'query.minPosition']);
    for (const [path, body, type] of [
      ['/customers/c1/purchases', `{"data":${deepText(5_000)}}`, 'application/json'],
      ['/events', `[${JSON.stringify(validPurchase('c1', crypto.randomUUID(), 'deep', 1, 1)).replace(/"data":\{/, `"data":{"x":${deepText(5_000)},`)}]`, 'application/json'],
      ['/events', `${JSON.stringify(validPurchase('c1', crypto.randomUUID(), 'deep', 1, 1)).replace(/"data":\{/, `"data":{"x":${deepText(5_000)},`)}\n`, 'application/x-ndjson'],
      ['/admin/clock/advance', `{"until":${deepText(5_000)}}`, 'application/json'],
    ] as const) {
      const sent = await send('POST', path, body, type);
      expect([sent.status, sent.body.code]).toEqual([400, 'INVALID_EVENT']);
      expect(sent.body.errors[0].path).toMatch(/data|until|\$/);
    }
    // An event too deep inside a shallow batch is rejected on its own; the others still go in.
    const mixed = await send('POST', '/events', JSON.stringify([
      { ...validPurchase('c9', crypto.randomUUID(), 'm1', 1, 1), data: { orderId: 'x', nested: deep(31) } },
      validPurchase('c9', crypto.randomUUID(), 'm2', 100, 2),
    ]));
    expect(mixed.body.results.map((r: any) => r.status)).toEqual(['rejected', 'accepted']);
    expect(mixed.body.results[0]).toMatchObject({ code: 'INVALID_EVENT', errors: [expect.objectContaining({ path: expect.stringMatching(/^data\.nested/) })] });
    const leap = await send('POST', '/events', JSON.stringify([{ ...validPurchase('c9', crypto.randomUUID(), 'y0', 1, 1), occurredAt: '0000-02-29T00:00:00Z' }]));
    expect(leap.body.results[0]).toMatchObject({ status: 'accepted' });
  });

  it('stored exactly the events it accepted over the whole fuzz', async () => {
    let count = 0;
    for (let after: bigint | undefined; ;) {
      const batch = await t.events.readAll({ after, maxCount: 5000 });
      if (batch.length === 0) break;
      count += batch.length;
      after = batch[batch.length - 1]!.position;
    }
    expect(requests).toBeGreaterThan(2_500);
    expect(accepted).toBeGreaterThan(50);
    expect(count).toBe(accepted);
  });
});
