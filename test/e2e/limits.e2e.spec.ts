import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN_STREAM, newKey, writeKeysFile } from '@lifecycle/core';
import { CLOCK_STREAM } from '@lifecycle/event-store';
import { addDays } from '@lifecycle/domain';
import { purchaseBody } from '../support/envelopes.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const today = () => new Date().toISOString().slice(0, 10);

describe('limits', () => {
  const dir = mkdtempSync(join(tmpdir(), 'limits-e2e-'));
  const keysFile = join(dir, 'keys.json');
  let t: TestApp;
  let admin = '';
  let ingest = '';
  let query = '';

  /** Events outside the admin stream: the history and the clock. */
  const historyLength = async () => (await t.events.readAll({ maxCount: 100_000 })).filter((e) => e.streamId !== ADMIN_STREAM).length;

  beforeAll(async () => {
    const keys = [newKey('admin-1', ['admin'], new Date()), newKey('ingest-1', ['ingest', 'audit'], new Date()), newKey('query-1', ['query'], new Date())];
    [admin, ingest, query] = keys.map((k) => k.key);
    writeKeysFile(keysFile, { version: 1, keys: keys.map((k) => k.record) });
    t = await startTestApp({ API_KEYS_FILE: keysFile, DATA_DIR: join(dir, 'data'), RATE_LIMIT_QUERY: '5', CLOCK_ADVANCE_MAX_TICKS: '100' });
  }, 60_000);

  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const as = (key: string) => ({ authorization: `Bearer ${key}` });

  it('answers 429 with Retry-After once a key passes its role limit, other keys unaffected', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await t.request('GET', '/segments', undefined, as(query))).status);
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    const limited = await t.request('GET', '/segments', undefined, as(query));
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await t.request('GET', '/customers/nobody/history', undefined, as(ingest))).status).toBe(404);
  });

  it('rejects a 1 MB orderId as 400 INVALID_EVENT naming data.orderId, and appends nothing', async () => {
    const before = await historyLength();
    const { status, body } = await t.request('POST', '/customers/big/purchases', purchaseBody('x'.repeat(1024 * 1024), 100), as(ingest));
    expect(status).toBe(400);
    expect(body.code).toBe('INVALID_EVENT');
    expect(body.errors[0]).toEqual({ path: 'data.orderId', reason: `must be at most 256 characters (got ${1024 * 1024})` });
    expect(await historyLength()).toBe(before);
  });

  it('limits notes, line skus, metadata values and the metadata total, naming the field', async () => {
    const interaction = {
      eventId: randomUUID(), occurredAt: '2026-11-01T10:00:00.000Z',
      data: { interactionId: 'i-1', channel: 'EMAIL', direction: 'INBOUND', intent: 'SUPPORT', note: 'n'.repeat(5000) },
    };
    const note = await t.request('POST', '/customers/big/interactions', interaction, as(ingest));
    expect([note.status, note.body.errors[0].path]).toEqual([400, 'data.note']);
    const sku = await t.request('POST', '/customers/big/purchases', purchaseBody('o-1', 100, undefined, { lines: [{ sku: 's'.repeat(300), quantity: 1, unitPriceMinor: 100 }] }), as(ingest));
    expect([sku.status, sku.body.errors[0].path]).toEqual([400, 'data.lines.0.sku']);
    const value = await t.request('POST', '/customers/big/purchases', { ...purchaseBody('o-2', 100), metadata: { source: 'v'.repeat(2000) } }, as(ingest));
    expect([value.status, value.body.code, value.body.errors[0].path]).toEqual([400, 'INVALID_EVENT', 'metadata']);
    expect(value.body.errors[0].reason).toContain('"source"');
    const many = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, 'v'.repeat(1000)]));
    const total = await t.request('POST', '/customers/big/purchases', { ...purchaseBody('o-3', 100), metadata: many }, as(ingest));
    expect([total.status, total.body.errors[0].path]).toEqual([400, 'metadata']);
    expect(total.body.errors[0].reason).toMatch(/8192 bytes/);
    expect((await t.events.readStream('customer-big')).length).toBe(0);
  });

  it('answers an oversized body (413) and URL (414) in the API error shape', async () => {
    const huge = await t.request('POST', '/events', JSON.stringify({ events: [], pad: 'x'.repeat(17 * 1024 * 1024) }), as(ingest));
    expect(huge.status).toBe(413);
    expect(huge.body.code).toBe('PAYLOAD_TOO_LARGE');
    expect(huge.body.errors[0].path).toBe('$');
    const long = await t.request('GET', `/customers?cursor=${'c'.repeat(5000)}`, undefined, as(query));
    expect(long.status).toBe(414);
    expect(long.body.code).toBe('URI_TOO_LONG');
    expect(long.body.errors[0].path).toBe('url');
  });

  it('rejects a DayEnded whose day is not over, on POST /events, as FUTURE_EVENT, appending nothing', async () => {
    const before = await historyLength();
    // Tomorrow's day never ends within 5 minutes; `occurredAt` now passes its own future check.
    const { status, body } = await t.request('POST', '/events', [
      { eventId: randomUUID(), type: 'DayEnded', occurredAt: new Date().toISOString(), data: { date: addDays(today(), 1) } },
      { eventId: randomUUID(), type: 'DayEnded', occurredAt: new Date().toISOString(), data: { date: '2100-01-01' } },
    ], as(ingest));
    expect(status).toBe(200);
    expect(body.results.map((r: { code?: string }) => r.code)).toEqual(['FUTURE_EVENT', 'FUTURE_EVENT']);
    expect(await historyLength()).toBe(before);
  });

  it('refuses a clock advance past now + 5 min with 422 naming until, and one of more ticks than the cap', async () => {
    await t.request('POST', '/customers/ticker/purchases', purchaseBody('t-1', 100, '2026-01-01T10:00:00.000Z'), as(ingest));
    const before = await historyLength();
    for (const until of [addDays(today(), 2), '2100-01-01', '9999-12-31']) {
      const { status, body } = await t.request('POST', '/admin/clock/advance', { until }, as(admin));
      expect(status).toBe(422);
      expect(body.code).toBe('FUTURE_EVENT');
      expect(body.errors[0].path).toBe('until');
    }
    const tooMany = await t.request('POST', '/admin/clock/advance', { until: '2026-06-01' }, as(admin));
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.code).toBe('CLOCK_ADVANCE_TOO_LARGE');
    expect(tooMany.body.errors[0]).toMatchObject({ path: 'until' });
    expect(tooMany.body.errors[0].reason).toContain('advance to 2026-04-11 first');
    expect(await historyLength()).toBe(before);
    expect(await t.events.streamRevision(CLOCK_STREAM)).toBe('no_stream');
    const ok = await t.request('POST', '/admin/clock/advance', { until: '2026-04-11' }, as(admin));
    expect(ok.body).toEqual({ ticks: 100, first: '2026-01-01', last: '2026-04-10' });
  });

  it('records clock advances, rebuilds and the switch in the admin audit log, paged', async () => {
    const rebuild = await t.request('POST', '/admin/projections/rebuild', undefined, as(admin));
    expect(rebuild.status).toBe(202);
    let entries: Array<{ action: string; actor: string; outcome: string; details: Record<string, unknown>; at: string }> = [];
    for (let i = 0; i < 100 && !entries.some((e) => e.action === 'projections.switch'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      entries = (await t.request('GET', '/admin/audit-log', undefined, as(admin))).body.items;
    }
    const advance = entries.find((e) => e.action === 'clock.advance');
    expect(advance).toMatchObject({ actor: 'admin-1', outcome: 'ok', details: { until: '2026-04-11', ticks: 100, first: '2026-01-01', last: '2026-04-10' } });
    expect(Date.parse(advance?.at ?? '')).toBeGreaterThan(Date.now() - 60_000);
    expect(entries.find((e) => e.action === 'projections.rebuild')).toMatchObject({ actor: 'admin-1', outcome: 'ok', details: { fromVersion: 'v1', toVersion: 'v2' } });
    expect(entries.find((e) => e.action === 'projections.switch')).toMatchObject({ actor: 'admin-1', outcome: 'ok', details: { toVersion: 'v2' } });
    // Refused advances appended nothing, not even an entry.
    expect(entries.filter((e) => e.action === 'clock.advance')).toHaveLength(1);
    const page = await t.request('GET', '/admin/audit-log?limit=1', undefined, as(admin));
    expect(page.body.items).toHaveLength(1);
    expect(page.body.nextFromRevision).toBe('1');
    expect((await t.request('GET', '/admin/audit-log?limit=0', undefined, as(admin))).body.errors[0].path).toBe('query.limit');
    expect((await t.request('GET', '/admin/audit-log', undefined, as(ingest))).status).toBe(403);
  }, 30_000);
});
