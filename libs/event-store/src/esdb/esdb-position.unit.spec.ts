import { START } from '@eventstore/db-client';
import { comparePositions, decodePosition, encodePosition, positionOrUnknown, readPositionAfter } from './esdb-position.js';

describe('esdb positions', () => {
  it('encodes the commit position as the port position and decodes it back', () => {
    expect(encodePosition({ commit: 1234n, prepare: 1234n })).toBe(1234n);
    expect(decodePosition(1234n)).toEqual({ commit: 1234n, prepare: 1234n });
    expect(encodePosition(decodePosition(987654321987n))).toBe(987654321987n);
  });

  it('reads from the start without a checkpoint, else from the checkpoint', () => {
    expect(readPositionAfter(undefined)).toBe(START);
    expect(readPositionAfter(-1n)).toBe(START);
    expect(readPositionAfter(500n)).toEqual({ commit: 500n, prepare: 500n });
  });

  it('reports -1n when the server gave no position on a stream read', () => {
    expect(positionOrUnknown(undefined)).toBe(-1n);
    expect(positionOrUnknown({ commit: 2n ** 64n - 1n, prepare: 2n ** 64n - 1n })).toBe(-1n);
    expect(positionOrUnknown({ commit: 42n, prepare: 42n })).toBe(42n);
  });

  it('orders positions by commit, then prepare', () => {
    expect(comparePositions({ commit: 1n, prepare: 1n }, { commit: 2n, prepare: 0n })).toBe(-1);
    expect(comparePositions({ commit: 2n, prepare: 1n }, { commit: 2n, prepare: 0n })).toBe(1);
    expect(comparePositions({ commit: 2n, prepare: 2n }, { commit: 2n, prepare: 2n })).toBe(0);
  });
});
