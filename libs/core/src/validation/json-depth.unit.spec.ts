import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { tooDeepPath } from './json-depth.js';
import { validateEvent } from './validate-event.js';

const nest = (levels: number, leaf: unknown = 1): unknown => {
  let value: unknown = leaf;
  for (let i = 0; i < levels; i++) value = i % 2 === 0 ? { a: value } : [value];
  return value;
};

describe('tooDeepPath', () => {
  it('measures objects and arrays, the value itself being level 1', () => {
    expect(tooDeepPath(nest(3), 3)).toBeNull();
    expect(tooDeepPath(nest(4), 3)).toBe('[0].a[0]');
    expect(tooDeepPath({ x: 1, y: [1, 2], z: { w: null } }, 2)).toBeNull();
    expect(tooDeepPath('text', 0)).toBeNull();
  });

  it('names the path of the first too-deep value and copes with any depth without recursion', () => {
    expect(tooDeepPath({ ok: { v: 1 }, data: { list: [{ deep: { x: 1 } }] } }, 3)).toBe('data.list[0]');
    expect(tooDeepPath(nest(200_000), 32)).toMatch(/^\[0\]\.a/);
  });
});

describe('tooDeepPath against a recursive depth', () => {
  const depth = (value: unknown): number =>
    typeof value !== 'object' || value === null ? 0 : 1 + Math.max(0, ...Object.values(value as object).map(depth));

  it('finds a path exactly when the value is deeper than the limit', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), fc.integer({ min: 0, max: 9 }), (value, limit) => {
        const path = tooDeepPath(value, limit);
        expect(path === null).toBe(depth(value) <= limit);
        if (path !== null) expect(tooDeepPath(value, limit + 1) === null).toBe(depth(value) === limit + 1);
      }),
      { numRuns: 1_000 },
    );
  });
});

describe('validateEvent with deeply nested input', () => {
  const envelope = (data: unknown) => ({
    type: 'PurchaseCompleted', customerId: 'c', eventId: randomUUID(), occurredAt: '2025-01-01T00:00:00Z', data,
  });

  it('rejects an event nested deeper than 32 levels as INVALID_EVENT naming the path, instead of overflowing the stack', () => {
    const outcome = validateEvent(envelope({ orderId: 'o', extra: nest(5_000) }), { baseCurrency: 'USD' });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.rejection.code).toBe('INVALID_EVENT');
    expect(outcome.rejection.errors?.[0]?.path).toMatch(/^data\.extra/);
    expect(outcome.rejection.errors?.[0]?.reason).toBe('nested deeper than 32 levels');
  });

  it('leaves shallower unknown fields to the usual validation', () => {
    const outcome = validateEvent(envelope({ orderId: 'o', total: { amountMinor: 1, currency: 'USD' }, salesChannel: 'ONLINE', extra: nest(20) }), { baseCurrency: 'USD' });
    expect(outcome.ok).toBe(true);
  });
});
