import type { Subscription } from './event-store.port.js';

/** The subscriptions an adapter has open, so that close() can stop them all (each after its current batch). */
export function openSubscriptions() {
  const open = new Set<Subscription>();
  return {
    track(inner: Subscription): Subscription {
      const subscription: Subscription = {
        stop: async () => {
          open.delete(subscription);
          await inner.stop();
        },
      };
      open.add(subscription);
      return subscription;
    },
    async stopAll(): Promise<void> {
      await Promise.all([...open].map((s) => s.stop()));
    },
  };
}
