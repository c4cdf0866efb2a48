import { Long } from 'mongodb';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * Log positions are stored as BSON int64 (Long): the server compares and indexes them as
 * numbers, exactly, so the `lastPosition ≤ p` guard and sorts need no padding tricks (a
 * Decimal128 would work too but costs more; a plain string would only sort if zero-padded).
 */
export function toLong(value: bigint): Long {
  if (value < INT64_MIN || value > INT64_MAX) throw new RangeError(`position ${value} does not fit in an int64`);
  return Long.fromBigInt(value);
}

/** Reads an int64 back as a bigint, whichever way the driver deserialised it. */
export function toBigInt(value: unknown): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  if (Long.isLong(value)) return value.toBigInt();
  throw new TypeError(`not an int64: ${String(value)}`);
}
