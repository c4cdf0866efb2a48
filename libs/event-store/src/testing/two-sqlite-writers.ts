import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore } from '../event-store.port.js';
import { createSqliteEventStore } from '../sqlite/sqlite-event-store.js';

export interface TwoWriters {
  dir: string;
  /** This process's store. */
  mine: EventStore;
  /** Another writer on the same file (as another process would open it). */
  theirs: EventStore;
}

/** For a jest suite: before each test, two SQLite stores on one fresh temp file; closed and removed after it. */
export function twoSqliteWritersOnOneFile(prefix: string): TwoWriters {
  const writers = {} as TwoWriters;
  beforeEach(() => {
    writers.dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
    writers.mine = createSqliteEventStore({ file: join(writers.dir, 'events.db') });
    writers.theirs = createSqliteEventStore({ file: join(writers.dir, 'events.db') });
  });
  afterEach(async () => {
    await writers.mine.close();
    await writers.theirs.close();
    rmSync(writers.dir, { recursive: true, force: true });
  });
  return writers;
}
