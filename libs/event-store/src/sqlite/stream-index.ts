import type Database from 'better-sqlite3';

/** Streams the index keeps at most; past it the adapter stops indexing and callers read the streams. */
export const STREAM_INDEX_LIMIT = 1_000_000;
/** Stream names the first build reads per call, so that no call waits for a whole big log. */
export const STREAM_INDEX_CHUNK = 2_000;

export interface StreamIndex {
  /** The given streams that hold events, exact as of the call; null while the index is being built or is off. */
  existing(streamIds: readonly string[]): ReadonlySet<string> | null;
  /** Streams this connection has just appended to (its own commits do not change `data_version`). */
  added(streamIds: Iterable<string>): void;
}

/**
 * The names of the log's streams, so that a new stream costs no read. Built over the first
 * calls, a chunk of names per call (the names of a log of 1M events and 100k streams took
 * about 0.4 s to read in all, so a chunk costs a call some milliseconds); kept current with this connection's appends directly and with other connections'
 * (other processes') through `PRAGMA data_version`, which changes when another connection has
 * committed: then the streams of the events after the last position seen are added. A stream
 * is never deleted, so a name once seen stays true.
 */
export function createStreamIndex(db: Database.Database, limit = STREAM_INDEX_LIMIT, chunk = STREAM_INDEX_CHUNK): StreamIndex {
  const dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
  const maxPosition = db.prepare<[], bigint | null>('SELECT max(position) FROM events').pluck().safeIntegers(true);
  const namesAfter = db.prepare<[string, number], string>('SELECT DISTINCT stream_id FROM events WHERE stream_id > ? ORDER BY stream_id LIMIT ?').pluck();
  const streamsAfter = db
    .prepare<[bigint], string>('SELECT DISTINCT stream_id FROM events WHERE position > ?')
    .pluck()
    .safeIntegers(true);

  let names: Set<string> | null = null;
  let off = false;
  /** The build's progress: the last name read, null once complete. */
  let building: string | null = '';
  /** Every stream with an event at or before this position is in `names`. */
  let seen = -1n;
  let version = -1;

  const turnOffPastLimit = (): void => {
    if (names && names.size > limit) {
      names = null;
      off = true;
    }
  };

  // One read transaction: the names and the position they reach come from the same snapshot.
  const catchUp = db.transaction(() => {
    const head = maxPosition.get() ?? -1n;
    if (head > seen) for (const name of streamsAfter.iterate(seen)) names!.add(name);
    seen = head;
  });

  const buildStep = (): void => {
    if (names === null) {
      // Streams created after this position are found by the catch-up that follows the build.
      version = dataVersion.get()!;
      seen = maxPosition.get() ?? -1n;
      names = new Set();
    }
    const batch = namesAfter.all(building!, chunk);
    for (const name of batch) names.add(name);
    building = batch.length < chunk ? null : batch[batch.length - 1]!;
    turnOffPastLimit();
  };

  return {
    existing(streamIds) {
      if (off || db.inTransaction) return null;
      if (building !== null) {
        buildStep();
        if (building !== null || off) return null;
      }
      const current = dataVersion.get()!;
      if (current !== version) {
        version = current;
        catchUp();
        turnOffPastLimit();
        if (off) return null;
      }
      const found = new Set<string>();
      for (const id of streamIds) if (names!.has(id)) found.add(id);
      return found;
    },
    added(streamIds) {
      if (names === null) return;
      for (const id of streamIds) names.add(id);
      turnOffPastLimit();
    },
  };
}
