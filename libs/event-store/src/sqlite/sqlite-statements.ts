import type Database from 'better-sqlite3';
import type { RecordedEvent } from '../event-store.port.js';

/** The log's table; exported for the benchmark's raw-insert baseline. */
export const EVENTS_SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position INTEGER PRIMARY KEY AUTOINCREMENT,
  stream_id TEXT NOT NULL,
  revision INTEGER NOT NULL,
  event_id TEXT NOT NULL,
  type TEXT NOT NULL,
  data TEXT NOT NULL,
  metadata TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  UNIQUE (stream_id, revision),
  UNIQUE (stream_id, event_id)
)`;

const COLUMNS = 'position, stream_id, revision, event_id, type, data, metadata, recorded_at';

interface EventRow {
  position: bigint;
  stream_id: string;
  revision: bigint;
  event_id: string;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
}

export interface StoredRef {
  revision: bigint;
  position: bigint;
}

const toRecordedEvent = (row: EventRow): RecordedEvent => ({
  streamId: row.stream_id,
  revision: row.revision,
  position: row.position,
  eventId: row.event_id,
  type: row.type,
  data: JSON.parse(row.data) as Record<string, unknown>,
  metadata: JSON.parse(row.metadata) as Record<string, string>,
  recordedAt: row.recorded_at,
});

export type SqliteStatements = ReturnType<typeof prepareStatements>;

export function prepareStatements(db: Database.Database) {
  db.exec(EVENTS_SCHEMA);
  const lastRevision = db
    .prepare<[string], bigint>('SELECT revision FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1')
    .pluck()
    .safeIntegers(true);
  const findEvent = db
    .prepare<[string, string], StoredRef>('SELECT revision, position FROM events WHERE stream_id = ? AND event_id = ?')
    .safeIntegers(true);
  const insert = db
    .prepare<[string, bigint, string, string, string, string, string]>(
      'INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    )
    .safeIntegers(true);
  // Only the event-id constraint: a revision taken already is still an error.
  const insertNew = db
    .prepare<[string, bigint, string, string, string, string, string]>(
      'INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (stream_id, event_id) DO NOTHING',
    )
    .safeIntegers(true);
  const readStream = db
    .prepare<[string, bigint, number], EventRow>(
      `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?`,
    )
    .safeIntegers(true);
  const readAll = db
    .prepare<[bigint, number], EventRow>(`SELECT ${COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`)
    .safeIntegers(true);
  const head = db.prepare<[], bigint | null>('SELECT max(position) FROM events').pluck().safeIntegers(true);

  return {
    lastRevision: (streamId: string): bigint => lastRevision.get(streamId) ?? -1n,
    findEvent: (streamId: string, eventId: string): StoredRef | undefined => findEvent.get(streamId, eventId),
    insert: (streamId: string, revision: bigint, eventId: string, type: string, data: string, metadata: string, recordedAt: string): bigint =>
      BigInt(insert.run(streamId, revision, eventId, type, data, metadata, recordedAt).lastInsertRowid),
    /** Inserts unless the stream holds the event id already (then null): the duplicate check without a read first. */
    insertNew: (streamId: string, revision: bigint, eventId: string, type: string, data: string, metadata: string, recordedAt: string): bigint | null => {
      const info = insertNew.run(streamId, revision, eventId, type, data, metadata, recordedAt);
      return info.changes === 0 ? null : BigInt(info.lastInsertRowid);
    },
    readStream: (streamId: string, fromRevision: bigint, maxCount: number): RecordedEvent[] =>
      readStream.all(streamId, fromRevision, maxCount).map(toRecordedEvent),
    readAll: (after: bigint | undefined, maxCount: number): RecordedEvent[] =>
      readAll.all(after ?? -1n, maxCount).map(toRecordedEvent),
    headPosition: (): bigint => head.get() ?? -1n,
  };
}
