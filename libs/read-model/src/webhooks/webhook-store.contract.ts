import { describeSkipped } from '../../../../test/support/skipped-suite.js';
import { type DeliveryState, initialDelivery, type WebhookStore, type WebhookSubscription } from './webhook-store.port.js';

/** `open` may be called again after a close: the second store must see what the first stored (durability). */
type StoreFactory = () => Promise<{ open: () => Promise<WebhookStore>; teardown: () => Promise<void> } | null>;

const subscription = (id: string, createdAt: string): Omit<WebhookSubscription, 'generation'> => ({
  id,
  url: `http://127.0.0.1:9/${id}`,
  filter: { field: 'status', to: 'AT_RISK', reactivation: false },
  secret: `whsec_${Buffer.from(`secret-of-${id}`).toString('base64')}`,
  createdAt,
  delivery: initialDelivery(),
});

const delivering: DeliveryState = {
  status: 'active',
  checkpoint: { position: 2n ** 60n + 7n, fieldRank: 1, customerId: 'c-9' },
  inflight: { position: 2n ** 60n + 9n, fieldRank: 3, customerId: '' },
  attempts: 2,
  nextAttemptAt: 1_800_000_000_123,
  lastError: 'HTTP 500',
  lastAttemptAt: 1_800_000_000_000,
  delivered: 41,
};

/** The behaviour every WebhookStore adapter must show; each adapter's integration spec calls this. */
export function describeWebhookStoreContract(adapterName: string, factory: StoreFactory, skipReason?: string): void {
  const title = `WebhookStore contract: ${adapterName}`;
  if (skipReason !== undefined) {
    describeSkipped(title, skipReason);
    return;
  }
  describe(title, () => {
    let open: () => Promise<WebhookStore>;
    let teardown: (() => Promise<void>) | undefined;
    let store: WebhookStore;

    beforeEach(async () => {
      const created = await factory();
      if (!created) throw new Error(`${adapterName}: no store`);
      ({ open, teardown } = created);
      store = await open();
    });
    afterEach(async () => {
      await store.close();
      await teardown?.();
    });

    it('creates, lists oldest first, gets and removes subscriptions, secret and filter kept', async () => {
      expect(await store.list()).toEqual([]);
      await store.create(subscription('b', '2026-12-01T00:00:00.000Z'));
      await store.create(subscription('a', '2026-12-01T00:00:01.000Z'));
      expect((await store.list()).map((s) => s.id)).toEqual(['b', 'a']);
      expect(await store.get('a')).toEqual({ ...subscription('a', '2026-12-01T00:00:01.000Z'), generation: 0 });
      expect(await store.get('nobody')).toBeNull();
      expect(await store.remove('b')).toBe(true);
      expect(await store.remove('b')).toBe(false);
      expect((await store.list()).map((s) => s.id)).toEqual(['a']);
    });

    it('refuses a second subscription with the same id', async () => {
      await store.create(subscription('a', '2026-12-01T00:00:00.000Z'));
      // Matched by message: a native driver's error class may come from another test file's realm.
      await expect(store.create(subscription('a', '2026-12-01T00:00:01.000Z'))).rejects.toHaveProperty('message', expect.stringMatching(/unique|duplicate/i));
      expect(await store.list()).toHaveLength(1);
    });

    it('saves the delivery state with exact 64-bit keys, and keeps it across a reopen', async () => {
      await store.create(subscription('a', '2026-12-01T00:00:00.000Z'));
      expect(await store.saveDelivery('a', 0, delivering)).toBe(true);
      expect((await store.get('a'))?.delivery).toEqual(delivering);
      await store.close();
      store = await open();
      expect((await store.get('a'))?.delivery).toEqual(delivering);
      expect((await store.get('a'))?.delivery.checkpoint?.position).toBe(2n ** 60n + 7n);
    });

    it('refuses a save about an older generation once a reset bumped it, and a save for a removed subscription', async () => {
      await store.create(subscription('a', '2026-12-01T00:00:00.000Z'));
      const replay = { ...initialDelivery({ position: 5n, fieldRank: 0, customerId: 'x' }) };
      const reset = await store.resetDelivery('a', replay);
      expect(reset).toMatchObject({ id: 'a', generation: 1, delivery: replay });
      expect(await store.saveDelivery('a', 0, delivering)).toBe(false);
      expect((await store.get('a'))?.delivery).toEqual(replay);
      expect(await store.saveDelivery('a', 1, delivering)).toBe(true);
      expect(await store.resetDelivery('nobody', replay)).toBeNull();
      await store.remove('a');
      expect(await store.saveDelivery('a', 1, delivering)).toBe(false);
    });
  });
}
