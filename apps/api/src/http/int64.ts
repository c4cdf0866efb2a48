import { badRequest } from './api-error.js';

/** Revisions and positions are signed 64-bit in both stores (SQLite INTEGER, EventStoreDB/BSON long). */
export const MAX_INT64 = 2n ** 63n - 1n;

/** A query value that must be a stream revision or log position: digits, at most 2^63 − 1; else 400 naming `path`. */
export function parseInt64(value: unknown, path: string, what: string): bigint {
  if (typeof value !== 'string' || !/^\d{1,19}$/.test(value) || BigInt(value) > MAX_INT64) {
    throw badRequest(path, `must be ${what} (an integer from 0 to ${MAX_INT64})`);
  }
  return BigInt(value);
}
