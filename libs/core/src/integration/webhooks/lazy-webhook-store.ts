import type { WebhookStore } from '@lifecycle/read-model';

/** Opens the store on first use: processes that never touch webhooks (the CLI) never open it. */
export function lazyWebhookStore(open: () => Promise<WebhookStore> | WebhookStore): WebhookStore {
  let opened: Promise<WebhookStore> | null = null;
  const store = () => (opened ??= Promise.resolve().then(open));
  return {
    create: async (sub) => (await store()).create(sub),
    list: async () => (await store()).list(),
    get: async (id) => (await store()).get(id),
    remove: async (id) => (await store()).remove(id),
    saveDelivery: async (id, generation, delivery) => (await store()).saveDelivery(id, generation, delivery),
    resetDelivery: async (id, delivery) => (await store()).resetDelivery(id, delivery),
    close: async () => {
      if (opened) await (await opened).close();
      opened = null;
    },
  };
}
