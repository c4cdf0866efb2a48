import { type KeyRole, type KeysFile, KeysFileError, newKey } from './api-keys.js';
import { readKeysFile, writeKeysFile } from './keys-file.js';

/** Records a change of the keys file in the admin audit stream. */
export type RecordKeyChange = (action: 'keys.create' | 'keys.revoke', details: Record<string, unknown>) => Promise<void>;

/** Writes the keys file and records the change; when the record fails, the file is put back. */
async function changeKeys(path: string, before: KeysFile, after: KeysFile, record: () => Promise<void>): Promise<void> {
  writeKeysFile(path, after);
  try {
    await record();
  } catch (error) {
    writeKeysFile(path, before);
    throw error;
  }
}

/** Adds a key to the keys file (its scrypt hash only); answers the key, which is shown once. */
export async function createKey(path: string, id: string, roles: KeyRole[], record: RecordKeyChange, now = new Date()): Promise<string> {
  const before = readKeysFile(path);
  if (before.keys.some((k) => k.id === id)) throw new KeysFileError(`--id: a key ${id} exists already in ${path} (revoked ids are not reused)`);
  const { key, record: stored } = newKey(id, roles, now);
  await changeKeys(path, before, { version: 1, keys: [...before.keys, stored] }, () => record('keys.create', { id, roles }));
  return key;
}

/** Marks an active key revoked; answers when. A running service stops accepting it within seconds. */
export async function revokeKey(path: string, id: string, record: RecordKeyChange, now = new Date()): Promise<string> {
  const before = readKeysFile(path);
  const key = before.keys.find((k) => k.id === id && !k.revokedAt);
  if (!key) throw new KeysFileError(`--id: no active key ${id} in ${path}`);
  const revokedAt = now.toISOString();
  const after: KeysFile = { version: 1, keys: before.keys.map((k) => (k === key ? { ...k, revokedAt } : k)) };
  await changeKeys(path, before, after, () => record('keys.revoke', { id }));
  return revokedAt;
}
