import type Database from 'better-sqlite3';

/** Streams the index keeps at most; past it the adapter stops indexing and callers read the streams. */
export const STREAM_INDEX_LIMIT = 1_000_000;

export interface StreamIndex {
  /** The given streams that hold events, exact as of the call; null when the log has too many streams to index. */
  existing(streamIds: readonly string[]): ReadonlySet<string> | null;
  /** Streams this connection has just appended to (its own commits do not change `data_version`). */
  added(streamIds: Iterable<string>): void;
}

/**
 * The names of the log's streams, so that a new stream costs no read. Built on first use;
 * kept current with this connection's appends directly and with other connections' (other
 * processes') through `PRAGMA data_version`, which changes when another connection committed:
 * then the streams of the events after the last position seen are added.
 */
export function createStreamIndex(db: Database.Database, limit = STREAM_INDEX_LIMIT): StreamIndex {
  const dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
  const maxPosition = db.prepare<[], bigint | null>('SELECT max(position) FROM events').pluck().safeIntegers(true);
  const allStreams = db.prepare<[], string>('SELECT DISTINCT stream_id FROM events').pluck();
  const streamsAfter = db
    .prepare<[bigint], string>('SELECT DISTINCT stream_id FROM events WHERE position > ?')
    .pluck()
    .safeIntegers(true);
  let names: Set<string> | null = null;
  let off = false;
  let seen = -1n;
  let version = -1;

  // One read transaction: the names and the position they reach come from the same snapshot.
  const catchUp = db.transaction(() => {
    const head = maxPosition.get() ?? -1n;
    // The first load walks the (stream_id, revision) index; later ones only the new rows.
    if (head > seen) for (const name of seen < 0n ? allStreams.iterate() : streamsAfter.iterate(seen)) names!.add(name);
    seen = head;
  });

  const sync = (): boolean => {
    if (off) return false;
    const current = dataVersion.get()!;
    if (names !== null && current === version) return true;
    version = current;
    names ??= new Set();
    catchUp();
    if (names.size > limit) {
      names = null;
      off = true;
    }
    return !off;
  };

  return {
    existing(streamIds) {
      if (db.inTransaction || !sync()) return null;
      const found = new Set<string>();
      for (const id of streamIds) if (names!.has(id)) found.add(id);
      return found;
    },
    added(streamIds) {
      if (names === null) return;
      for (const id of streamIds) names.add(id);
      if (names.size > limit) {
        names = null;
        off = true;
      }
    },
  };
}
