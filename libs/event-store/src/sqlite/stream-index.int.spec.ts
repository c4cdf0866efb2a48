import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { NewEvent } from '../event-store.port.js';
import { prepareStatements } from './sqlite-statements.js';
import { createStreamIndex } from './stream-index.js';
import { twoSqliteWritersOnOneFile } from '../testing/two-sqlite-writers.js';

const newEvent = (): NewEvent => ({ eventId: randomUUID(), type: 'TestHappened', data: {}, metadata: {} });
const names = (set: ReadonlySet<string> | null | undefined) => (set ? [...set].sort() : set);

describe('sqlite stream index (existingStreams)', () => {
  const writers = twoSqliteWritersOnOneFile('stream-index');

  it('knows the streams stored before it was first asked, and the ones this store appends to', async () => {
    await writers.mine.append({ streamId: 'a', expectedRevision: 'no_stream', events: [newEvent()] });
    expect(names(await writers.mine.existingStreams!(['a', 'b']))).toEqual(['a']);
    await writers.mine.appendMany([
      { streamId: 'b', expectedRevision: 'no_stream', events: [newEvent()] },
      { streamId: 'c', expectedRevision: 5n, events: [newEvent()] }, // conflicts: c stays unknown
    ]);
    expect(names(await writers.mine.existingStreams!(['a', 'b', 'c']))).toEqual(['a', 'b']);
  });

  it('sees the streams another connection (another process) created after the index was built', async () => {
    expect(names(await writers.mine.existingStreams!(['x', 'y']))).toEqual([]);
    await writers.theirs.append({ streamId: 'x', expectedRevision: 'no_stream', events: [newEvent()] });
    expect(names(await writers.mine.existingStreams!(['x', 'y']))).toEqual(['x']);
    await writers.mine.append({ streamId: 'y', expectedRevision: 'no_stream', events: [newEvent()] });
    await writers.theirs.append({ streamId: 'z', expectedRevision: 'no_stream', events: [newEvent()] });
    expect(names(await writers.mine.existingStreams!(['x', 'y', 'z', 'w']))).toEqual(['x', 'y', 'z']);
    expect(names(await writers.theirs.existingStreams!(['x', 'y', 'z', 'w']))).toEqual(['x', 'y', 'z']);
  });

  it('builds over several calls, a chunk of names each, and finds a stream another connection created meanwhile', () => {
    const file = join(writers.dir, 'chunked.db');
    const db = new Database(file);
    const other = new Database(file);
    const mineStatements = prepareStatements(db);
    const otherStatements = prepareStatements(other);
    for (const [i, name] of ['b', 'd', 'f', 'h', 'j'].entries()) mineStatements.insert(name, 0n, `e${i}`, 'T', '{}', '{}', 'now');
    const index = createStreamIndex(db, 100, 2);
    expect(index.existing(['b'])).toBeNull(); // b, d
    // Created by another process in the range already read.
    otherStatements.insert('a', 0n, 'x1', 'T', '{}', '{}', 'now');
    expect(index.existing(['b'])).toBeNull(); // f, h
    expect(names(index.existing(['a', 'b', 'c', 'j']))).toEqual(['a', 'b', 'j']); // j: complete, then caught up
    db.close();
    other.close();
  });

  it('stops answering (null) once the log holds more streams than its limit', () => {
    const db = new Database(':memory:');
    const statements = prepareStatements(db);
    const index = createStreamIndex(db, 2);
    statements.insert('a', 0n, 'e1', 'T', '{}', '{}', 'now');
    statements.insert('b', 0n, 'e2', 'T', '{}', '{}', 'now');
    expect(names(index.existing(['a', 'c']))).toEqual(['a']);
    index.added(['c']);
    expect(index.existing(['a'])).toBeNull();
    db.close();
  });
});
