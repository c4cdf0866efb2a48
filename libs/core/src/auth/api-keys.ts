import { randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';

/** The roles a key can hold (the API's RequireRole vocabulary). */
export const KEY_ROLES = ['ingest', 'query', 'audit', 'admin', 'metrics'] as const;
export type KeyRole = (typeof KEY_ROLES)[number];

export const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** One key of the keys file: only the scrypt hash of its secret is stored. */
export interface ApiKeyRecord {
  id: string;
  roles: KeyRole[];
  /** `scrypt$N$r$p$<salt b64url>$<hash b64url>` of the secret part of the key. */
  hash: string;
  createdAt: string;
  revokedAt?: string;
}

export interface KeysFile {
  version: 1;
  keys: ApiKeyRecord[];
}

export class KeysFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeysFileError';
  }
}

const SCRYPT = { N: 16384, r: 8, p: 1 };
const HASH_BYTES = 32;

/** Hashes a key's secret with a fresh salt (scrypt, node:crypto). */
export function hashSecret(secret: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(secret, salt, HASH_BYTES, SCRYPT);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

function parseHash(stored: string): { salt: Buffer; expected: Buffer; options: { N: number; r: number; p: number } } | null {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return null;
  return { salt: Buffer.from(salt, 'base64url'), expected: Buffer.from(hash, 'base64url'), options: { N: Number(n), r: Number(r), p: Number(p) } };
}

/** Compares a secret with a stored hash in constant time. */
export function secretMatches(secret: string, stored: string): boolean {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const actual = scryptSync(secret, parsed.salt, parsed.expected.length, parsed.options);
  return timingSafeEqual(parsed.expected, actual);
}

/** secretMatches off the event loop (libuv's thread pool), for the server. */
export async function secretMatchesAsync(secret: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const actual = await new Promise<Buffer>((resolve, reject) =>
    scrypt(secret, parsed.salt, parsed.expected.length, parsed.options, (error, key) => (error ? reject(error) : resolve(key))));
  return timingSafeEqual(parsed.expected, actual);
}

/**
 * A key is `<id>.<secret>`: the id names the one record to check, so verifying hashes once.
 * Returns the id part, or null when the key is not of that form.
 */
export function splitKey(key: string): { id: string; secret: string } | null {
  const dot = key.indexOf('.');
  if (dot < 1) return null;
  const id = key.slice(0, dot);
  const secret = key.slice(dot + 1);
  return KEY_ID_PATTERN.test(id) && secret.length >= 16 && secret.length <= 256 ? { id, secret } : null;
}

/** A new key for `id`: the plain key (shown once) and the record to store. */
export function newKey(id: string, roles: KeyRole[], now: Date): { key: string; record: ApiKeyRecord } {
  const secret = randomBytes(32).toString('base64url');
  return { key: `${id}.${secret}`, record: { id, roles, hash: hashSecret(secret), createdAt: now.toISOString() } };
}

/** Parses a comma-separated role list, naming the unknown ones. */
export function parseRoles(text: string): KeyRole[] {
  const roles = [...new Set(text.split(',').map((r) => r.trim()).filter(Boolean))];
  const unknown = roles.filter((r) => !(KEY_ROLES as readonly string[]).includes(r));
  if (roles.length === 0 || unknown.length > 0) {
    throw new KeysFileError(`--roles: ${unknown.length ? `unknown role(s) ${unknown.join(', ')}` : 'at least one role'} (one or more of ${KEY_ROLES.join(',')})`);
  }
  return roles as KeyRole[];
}

/** Checks a parsed keys file; throws KeysFileError naming the first bad entry. */
export function checkKeysFile(value: unknown, path: string): KeysFile {
  const keys = (value as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys)) throw new KeysFileError(`${path}: not a keys file (expected {"version":1,"keys":[...]})`);
  keys.forEach((key: Partial<ApiKeyRecord>, i) => {
    const where = `${path}: keys[${i}]`;
    if (typeof key?.id !== 'string' || !KEY_ID_PATTERN.test(key.id)) throw new KeysFileError(`${where}.id: must be 1-64 chars of [A-Za-z0-9_-]`);
    if (!Array.isArray(key.roles) || key.roles.some((r) => !(KEY_ROLES as readonly string[]).includes(r))) {
      throw new KeysFileError(`${where}.roles: must be a list of ${KEY_ROLES.join('|')}`);
    }
    if (typeof key.hash !== 'string' || !key.hash.startsWith('scrypt$')) throw new KeysFileError(`${where}.hash: must be a scrypt hash (keys are never stored in plain text)`);
  });
  return { version: 1, keys: keys as ApiKeyRecord[] };
}

/** The keys that may authenticate (not revoked). */
export const activeKeys = (file: KeysFile): ApiKeyRecord[] => file.keys.filter((k) => !k.revokedAt);
