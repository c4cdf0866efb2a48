import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteWebhookStore } from './sqlite-webhook-store.js';
import { describeWebhookStoreContract } from './webhook-store.contract.js';

describeWebhookStoreContract('sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'webhook-store-'));
  return { open: async () => createSqliteWebhookStore({ file: join(dir, 'webhooks.sqlite') }), teardown: async () => rmSync(dir, { recursive: true, force: true }) };
});

describe('sqlite webhook store', () => {
  it('creates its file readable and writable by the owner only (it holds the signing secrets)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'webhook-store-'));
    const file = join(dir, 'webhooks.sqlite');
    const store = createSqliteWebhookStore({ file });
    try {
      expect(statSync(file).mode & 0o777).toBe(0o600);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
