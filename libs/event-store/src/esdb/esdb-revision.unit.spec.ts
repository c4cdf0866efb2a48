import { ANY, NO_STREAM } from '@eventstore/db-client';
import { expectationMet, toActual, toClientExpectedRevision, toPortActualRevision } from './esdb-revision.js';

describe('esdb revision mapping', () => {
  it('maps the port expected revision to the client constants or the bigint', () => {
    expect(toClientExpectedRevision('no_stream')).toBe(NO_STREAM);
    expect(toClientExpectedRevision('any')).toBe(ANY);
    expect(toClientExpectedRevision(0n)).toBe(0n);
    expect(toClientExpectedRevision(41n)).toBe(41n);
  });

  it("maps the client's current revision to the port's actual revision", () => {
    expect(toPortActualRevision(NO_STREAM)).toBe('no_stream');
    expect(toPortActualRevision(7n)).toBe(7n);
    expect(toPortActualRevision(-1n)).toBe('no_stream');
    expect(toPortActualRevision(undefined)).toBe('no_stream');
    expect(toActual(-1n)).toBe('no_stream');
    expect(toActual(0n)).toBe(0n);
  });

  it('checks an expectation against the last revision (-1n = no stream)', () => {
    expect(expectationMet('any', -1n)).toBe(true);
    expect(expectationMet('any', 3n)).toBe(true);
    expect(expectationMet('no_stream', -1n)).toBe(true);
    expect(expectationMet('no_stream', 0n)).toBe(false);
    expect(expectationMet(2n, 2n)).toBe(true);
    expect(expectationMet(2n, 3n)).toBe(false);
    expect(expectationMet(0n, -1n)).toBe(false);
  });
});
