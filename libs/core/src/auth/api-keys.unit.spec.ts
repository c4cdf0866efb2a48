import { checkKeysFile, hashSecret, KeysFileError, newKey, parseRoles, secretMatches, secretMatchesAsync, splitKey } from './api-keys.js';

describe('API keys', () => {
  it('makes `<id>.<secret>` keys whose record holds only a salted scrypt hash', () => {
    const { key, record } = newKey('ingest-1', ['ingest'], new Date('2026-12-01T00:00:00Z'));
    const parts = splitKey(key);
    expect(parts?.id).toBe('ingest-1');
    expect(JSON.stringify(record)).not.toContain(parts?.secret);
    expect(record.hash).toMatch(/^scrypt\$16384\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(secretMatches(parts?.secret as string, record.hash)).toBe(true);
    expect(secretMatches(`${parts?.secret}x`, record.hash)).toBe(false);
    expect(hashSecret('same')).not.toBe(hashSecret('same'));
  });

  it('checks a secret off the event loop the same way', async () => {
    const hash = hashSecret('a-long-enough-secret');
    expect(await secretMatchesAsync('a-long-enough-secret', hash)).toBe(true);
    expect(await secretMatchesAsync('a-long-enough-secreT', hash)).toBe(false);
    expect(await secretMatchesAsync('a-long-enough-secret', 'bcrypt$whatever')).toBe(false);
  });

  it('splits only well-formed keys', () => {
    expect(splitKey('no-dot-here')).toBeNull();
    expect(splitKey('.secretsecretsecretsecret')).toBeNull();
    expect(splitKey('bad id.secretsecretsecretsecret')).toBeNull();
    expect(splitKey('id.short')).toBeNull();
    expect(splitKey('id.secretsecretsecret.with.dots')).toEqual({ id: 'id', secret: 'secretsecretsecret.with.dots' });
  });

  it('parses role lists, naming unknown roles', () => {
    expect(parseRoles('query, audit,query')).toEqual(['query', 'audit']);
    expect(() => parseRoles('query,root')).toThrow(/unknown role\(s\) root/);
    expect(() => parseRoles(' , ')).toThrow(KeysFileError);
  });

  it('refuses a keys file with a plain-text key or an unknown role, naming the entry', () => {
    expect(() => checkKeysFile({ keys: [{ id: 'a', roles: ['admin'], key: 'a.plain' }] }, 'keys.json')).toThrow(/keys\[0\]\.hash/);
    expect(() => checkKeysFile({ keys: [{ id: 'a', roles: ['root'], hash: 'scrypt$1' }] }, 'keys.json')).toThrow(/keys\[0\]\.roles/);
    expect(() => checkKeysFile([], 'keys.json')).toThrow(/not a keys file/);
  });
});
