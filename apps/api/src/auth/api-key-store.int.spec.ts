import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ApiKeyRecord, loadConfig, newKey, writeKeysFile } from '@lifecycle/core';
import { ApiKeyStore } from './api-key-store.js';

describe('ApiKeyStore', () => {
  const dir = mkdtempSync(join(tmpdir(), 'key-store-'));
  const file = join(dir, 'keys.json');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('verifies a key once by hash, then from memory; SIGHUP reloads at once, dropping a revoked key', async () => {
    const { key, record } = newKey('shop', ['ingest'], new Date());
    writeKeysFile(file, { version: 1, keys: [record] });
    const store = new ApiKeyStore(loadConfig({ API_KEYS_FILE: file, DATA_DIR: dir }));
    store.onModuleInit();
    try {
      expect(store.open).toBe(false);
      expect((await store.verify(key))?.id).toBe('shop');
      expect(await store.verify(`${key}x`)).toBeNull();
      expect(await store.verify(`other.${key.split('.')[1]}`)).toBeNull();
      const revoked: ApiKeyRecord = { ...record, revokedAt: new Date().toISOString() };
      writeKeysFile(file, { version: 1, keys: [revoked] });
      process.emit('SIGHUP', 'SIGHUP');
      // Synchronously after the signal: neither the watcher nor the poll has run yet.
      expect(await store.verify(key)).toBeNull();
      // Revoking every key does not reopen the service.
      expect(store.open).toBe(false);
    } finally {
      store.onApplicationShutdown();
    }
  });

  it('keeps the previous keys when the file becomes malformed', async () => {
    const { key, record } = newKey('shop2', ['query'], new Date());
    writeKeysFile(file, { version: 1, keys: [record] });
    const store = new ApiKeyStore(loadConfig({ API_KEYS_FILE: file, DATA_DIR: dir }));
    writeKeysFile(file, { version: 1, keys: [{ ...record, hash: 'plain' }] });
    store.reload('SIGHUP');
    expect((await store.verify(key))?.id).toBe('shop2');
  });
});
