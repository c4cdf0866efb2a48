import { AccessDeniedError, StreamNotFoundError, UnavailableError, WrongExpectedVersionError } from '@eventstore/db-client';
import { WrongExpectedRevisionError } from '../event-store.port.js';
import { isStreamNotFound, isTransient, isWrongExpectedVersion, toWrongExpectedRevisionError } from './esdb-errors.js';

const wrongVersion = (expected: 'no_stream' | 'any' | 'stream_exists' | bigint, current: 'no_stream' | bigint) =>
  new WrongExpectedVersionError(undefined, { streamName: 'customer-1', expected, current });

describe('esdb error translation', () => {
  it("translates the client's WrongExpectedVersionError, keeping the caller's expectation", () => {
    const error = toWrongExpectedRevisionError('customer-1', 3n, wrongVersion(3n, 5n));
    expect(error).toBeInstanceOf(WrongExpectedRevisionError);
    expect(error).toMatchObject({ streamId: 'customer-1', expected: 3n, actual: 5n });
  });

  it('reports a missing stream as no_stream', () => {
    expect(toWrongExpectedRevisionError('customer-1', 0n, wrongVersion(0n, 'no_stream'))).toMatchObject({ expected: 0n, actual: 'no_stream' });
  });

  it('keeps the port form where the client only knows its own', () => {
    expect(toWrongExpectedRevisionError('s', 'no_stream', wrongVersion('no_stream', 0n))).toMatchObject({ expected: 'no_stream', actual: 0n });
  });

  it('recognises the client errors it acts on', () => {
    expect(isWrongExpectedVersion(wrongVersion(1n, 2n))).toBe(true);
    expect(isWrongExpectedVersion(new Error('x'))).toBe(false);
    expect(isStreamNotFound(new StreamNotFoundError(undefined, 'customer-1'))).toBe(true);
    expect(isStreamNotFound(new UnavailableError())).toBe(false);
  });

  it('resubscribes after connection errors but not after errors retrying cannot fix', () => {
    expect(isTransient(new UnavailableError())).toBe(true);
    expect(isTransient(new Error('socket hang up'))).toBe(true);
    expect(isTransient(new AccessDeniedError())).toBe(false);
  });
});
