import { START, type Position, type ReadPosition } from '@eventstore/db-client';

/**
 * The port's global position is the commit position of the event in the transaction log. Since
 * EventStoreDB 20.x every event of an append is its own committed record, so commit positions are
 * unique and increase along $all, and commit = prepare for such records.
 */
export const encodePosition = (position: Position): bigint => position.commit;

/** A port position back to a client position (commit = prepare, as for every ordinary event record). */
export const decodePosition = (position: bigint): Position => ({ commit: position, prepare: position });

/** Where to start reading $all to see events after `after`; the read is inclusive, so callers skip `after` itself. */
export const readPositionAfter = (after: bigint | undefined): ReadPosition =>
  after === undefined || after < 0n ? START : decodePosition(after);

/** Servers before 22.6 do not report positions on stream reads; some clients then show 2^64-1. */
const UNKNOWN_COMMIT = 2n ** 63n;

/** The port position of a recorded event, or -1n when the server did not report one. */
export function positionOrUnknown(position: Position | undefined): bigint {
  if (!position || position.commit < 0n || position.commit >= UNKNOWN_COMMIT) return -1n;
  return encodePosition(position);
}

export const comparePositions = (a: Position, b: Position): number =>
  a.commit !== b.commit ? (a.commit < b.commit ? -1 : 1) : a.prepare === b.prepare ? 0 : a.prepare < b.prepare ? -1 : 1;
