import { ANY, NO_STREAM, type AppendExpectedRevision, type CurrentRevision } from '@eventstore/db-client';
import type { ExpectedRevision } from '../event-store.port.js';

/** Port expected revision → the client's: 'no_stream' → NO_STREAM, 'any' → ANY, a bigint as is. */
export function toClientExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  if (expected === 'no_stream') return NO_STREAM;
  if (expected === 'any') return ANY;
  return expected;
}

/** The client's current revision (NO_STREAM or a bigint) → the port's actual revision. */
export function toPortActualRevision(current: CurrentRevision | bigint | string | undefined): bigint | 'no_stream' {
  if (typeof current === 'bigint') return current < 0n ? 'no_stream' : current;
  return 'no_stream';
}

/** Whether a stream whose last revision is `current` (-1n when it does not exist) meets `expected`. */
export function expectationMet(expected: ExpectedRevision, current: bigint): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return current < 0n;
  return expected === current;
}

export const toActual = (current: bigint): bigint | 'no_stream' => (current < 0n ? 'no_stream' : current);
