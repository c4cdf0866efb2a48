import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { type ProjectionCatalog, type ProjectionVersion, ProjectionVersionError } from '../projection-catalog.port.js';
import { createSqliteReadModel } from './sqlite-read-model.js';

export interface SqliteProjectionCatalogOptions {
  /** DATA_DIR: the catalog is `projections.sqlite` there, each version a `read-model.<version>.sqlite`. */
  dir: string;
}

/** The read model file of the builds before projection versions; adopted as the first version. */
const LEGACY_FILE = 'read-model.sqlite';

interface VersionRow {
  version: string;
  file: string;
  state: ProjectionVersion['state'];
}

/**
 * Embedded projection versions: one SQLite file per version, so a rebuild never contends for
 * the served version's write lock, and dropping a version deletes its file. The pointer and the
 * list of versions live in a small catalog file beside them.
 */
export function createSqliteProjectionCatalog(options: SqliteProjectionCatalogOptions): ProjectionCatalog {
  mkdirSync(options.dir, { recursive: true });
  const db = new Database(join(options.dir, 'projections.sqlite'));
  db.pragma('journal_mode = WAL');
  db.exec(`
    CREATE TABLE IF NOT EXISTS projection_versions (
      seq INTEGER PRIMARY KEY AUTOINCREMENT, version TEXT NOT NULL UNIQUE, file TEXT NOT NULL, state TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS projection_pointer (id INTEGER PRIMARY KEY CHECK (id = 1), version TEXT NOT NULL);
  `);
  const s = {
    active: db.prepare('SELECT version FROM projection_pointer WHERE id = 1').pluck(),
    // AUTOINCREMENT: a dropped version's number is never given again.
    insert: db.prepare("INSERT INTO projection_versions (version, file, state) VALUES ('#' || random(), '', ?)"),
    name: db.prepare('UPDATE projection_versions SET version = ?, file = ? WHERE seq = ?'),
    setPointer: db.prepare('INSERT INTO projection_pointer (id, version) VALUES (1, ?)'),
    movePointer: db.prepare('UPDATE projection_pointer SET version = ? WHERE id = 1 AND version = ?'),
    setState: db.prepare('UPDATE projection_versions SET state = ? WHERE version = ?'),
    get: db.prepare('SELECT version, file, state FROM projection_versions WHERE version = ?'),
    all: db.prepare('SELECT version, state FROM projection_versions ORDER BY seq'),
    remove: db.prepare('DELETE FROM projection_versions WHERE version = ?'),
  };

  const register = (state: ProjectionVersion['state'], file?: string): string => {
    const seq = s.insert.run(state).lastInsertRowid;
    const version = `v${seq}`;
    s.name.run(version, file ?? `read-model.${version}.sqlite`, seq);
    return version;
  };

  const activeVersion = db.transaction((): string => {
    const active = s.active.get() as string | undefined;
    if (active !== undefined) return active;
    const version = register('active', existsSync(join(options.dir, LEGACY_FILE)) ? LEGACY_FILE : undefined);
    s.setPointer.run(version);
    return version;
  });

  const rowOf = (version: string): VersionRow => {
    const row = s.get.get(version) as VersionRow | undefined;
    if (!row) throw new ProjectionVersionError(`unknown projection version ${version}`);
    return row;
  };

  const activate = db.transaction((version: string, expected: string): boolean => {
    rowOf(version);
    if (s.movePointer.run(version, expected).changes === 0) return false;
    s.setState.run('retired', expected);
    s.setState.run('active', version);
    return true;
  });

  return {
    activeVersion: async () => activeVersion.immediate(),
    createVersion: async () => db.transaction(() => register('building')).immediate(),
    open: async (version) => createSqliteReadModel({ file: join(options.dir, rowOf(version).file) }),
    activate: async (version, expected) => activate.immediate(version, expected),
    drop: async (version) => {
      const { file } = rowOf(version);
      if (s.active.get() === version) throw new ProjectionVersionError(`projection version ${version} is served; it cannot be dropped`);
      for (const suffix of ['', '-wal', '-shm']) rmSync(join(options.dir, file + suffix), { force: true });
      s.remove.run(version);
    },
    versions: async () => s.all.all() as ProjectionVersion[],
    close: async () => {
      db.close();
    },
  };
}
