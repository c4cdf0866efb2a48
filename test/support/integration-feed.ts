import { randomUUID } from 'node:crypto';
import { purchaseBody } from './envelopes.js';
import type { TestApp } from './test-app.js';

/** Registers and buys for each customer, then advances the clock so that DayEnded transitions follow. */
export async function seedCustomers(t: TestApp, ids: string[], clockUntil?: string): Promise<string> {
  for (const [i, id] of ids.entries()) {
    const registered = await t.request('POST', `/customers/${id}/registration`, { eventId: randomUUID(), occurredAt: '2025-01-01T09:00:00Z', data: { kind: 'BUSINESS', relation: 'CHANNEL' } });
    const bought = await t.request('POST', `/customers/${id}/purchases`, purchaseBody(`${id}-1`, 1_000 * (i + 1), '2025-01-02T10:00:00Z'));
    if (registered.status !== 201 || bought.status !== 201) throw new Error(`seeding ${id}: ${registered.status} ${bought.status}`);
  }
  if (clockUntil) {
    const clock = await t.request('POST', '/admin/clock/advance', { until: clockUntil });
    if (clock.status !== 200) throw new Error(`clock: ${clock.status}`);
  }
  const head = (await t.events.headPosition()).toString();
  await t.request('GET', `/customers/${ids[0]}?minPosition=${head}`);
  return head;
}

/** Every page of GET /feed from `after` (pages of `limit`), until a page comes back empty. */
export async function readWholeFeed(t: TestApp, query = '', limit = 1000, after?: string): Promise<{ items: any[]; nextCursor: string | null }> {
  const items: any[] = [];
  let cursor = after ?? null;
  for (;;) {
    const url = `/feed?limit=${limit}${query ? `&${query}` : ''}${cursor ? `&after=${cursor}` : ''}`;
    const page = await t.request('GET', url);
    if (page.status !== 200) throw new Error(`${url}: ${page.status} ${JSON.stringify(page.body)}`);
    items.push(...page.body.items);
    cursor = page.body.nextCursor;
    if (page.body.items.length === 0) return { items, nextCursor: cursor };
  }
}
