import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

/** The projector's connection: WAL, a large page cache, checkpoints every 10,000 pages. */
export const WRITER_PRAGMAS = [
  'journal_mode = WAL',
  'synchronous = NORMAL',
  'cache_size = -262144',
  'temp_store = MEMORY',
  'wal_autocheckpoint = 10000',
];

export const READER_PRAGMAS = ['cache_size = -65536'];

/** Opens (creating its folder) the file the projector writes; `:memory:` opens a private database. */
export function openWriter(file: string): Database.Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const writer = new Database(file);
  for (const pragma of WRITER_PRAGMAS) writer.pragma(pragma);
  return writer;
}

/**
 * Queries read through their own connection, so they never see a projection batch before it
 * commits. A private `:memory:` database has no second connection: the writer serves both.
 */
export function openReader(file: string, writer: Database.Database): Database.Database {
  if (file === ':memory:') return writer;
  const reader = new Database(file);
  for (const pragma of READER_PRAGMAS) reader.pragma(pragma);
  return reader;
}

export function closeConnections(writer: Database.Database, reader: Database.Database): void {
  if (reader !== writer) reader.close();
  writer.close();
}
