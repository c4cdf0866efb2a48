import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KeysFileError, secretMatches, splitKey } from './api-keys.js';
import { createKey, type RecordKeyChange, revokeKey } from './key-changes.js';
import { readKeysFile } from './keys-file.js';

describe('key changes: the keys file and its audit record together', () => {
  let dir: string;
  let path: string;
  const recorded: Array<[string, Record<string, unknown>]> = [];
  const record: RecordKeyChange = async (action, details) => {
    recorded.push([action, details]);
  };
  const failing: RecordKeyChange = async () => {
    throw new Error('audit stream unavailable');
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'key-changes-'));
    path = join(dir, 'keys.json');
    recorded.length = 0;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates a key whose secret only its hash in the file matches, records it, and refuses the same id again', async () => {
    const key = await createKey(path, 'ops', ['admin', 'query'], record, new Date('2026-01-02T03:04:05Z'));
    const [stored] = readKeysFile(path).keys;
    const { id, secret } = splitKey(key)!;
    expect(id).toBe('ops');
    expect({ id: stored.id, roles: stored.roles, createdAt: stored.createdAt }).toEqual({ id: 'ops', roles: ['admin', 'query'], createdAt: '2026-01-02T03:04:05.000Z' });
    expect(secretMatches(secret, stored.hash)).toBe(true);
    expect(readFileSync(path, 'utf8')).not.toContain(secret);
    expect(recorded).toEqual([['keys.create', { id: 'ops', roles: ['admin', 'query'] }]]);
    await expect(createKey(path, 'ops', ['query'], record)).rejects.toThrow(KeysFileError);
    expect(readKeysFile(path).keys).toHaveLength(1);
  });

  it('revokes an active key once, recording it; a second revoke is refused', async () => {
    await createKey(path, 'ingest-1', ['ingest'], record);
    const revokedAt = await revokeKey(path, 'ingest-1', record, new Date('2026-02-03T00:00:00Z'));
    expect(revokedAt).toBe('2026-02-03T00:00:00.000Z');
    expect(readKeysFile(path).keys[0].revokedAt).toBe(revokedAt);
    expect(recorded.map(([action]) => action)).toEqual(['keys.create', 'keys.revoke']);
    await expect(revokeKey(path, 'ingest-1', record)).rejects.toThrow(/no active key ingest-1/);
  });

  it('puts the file back when the audit record fails', async () => {
    await createKey(path, 'kept', ['query'], record);
    const before = readFileSync(path, 'utf8');
    await expect(createKey(path, 'lost', ['query'], failing)).rejects.toThrow('audit stream unavailable');
    await expect(revokeKey(path, 'kept', failing)).rejects.toThrow('audit stream unavailable');
    expect(readFileSync(path, 'utf8')).toBe(before);
  });
});
