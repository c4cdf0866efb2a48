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

/** Version `v<seq>`; AUTOINCREMENT never gives a dropped version's number again. */
const versionOf = (seq: number | bigint): string => `v${seq}`;
const seqOf = (version: string): number => (/^v\d+$/.test(version) ? Number(version.slice(1)) : -1);

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
      seq INTEGER PRIMARY KEY AUTOINCREMENT, legacy INTEGER NOT NULL DEFAULT 0, state TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS projection_pointer (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL);
  `);
  const s = {
    active: db.prepare('SELECT seq FROM projection_pointer WHERE id = 1').pluck(),
    insert: db.prepare('INSERT INTO projection_versions (legacy, state) VALUES (?, ?)'),
    setPointer: db.prepare('INSERT INTO projection_pointer (id, seq) VALUES (1, ?)'),
    movePointer: db.prepare('UPDATE projection_pointer SET seq = ? WHERE id = 1 AND seq = ?'),
    setState: db.prepare('UPDATE projection_versions SET state = ? WHERE seq = ?'),
    legacy: db.prepare('SELECT legacy FROM projection_versions WHERE seq = ?').pluck(),
    all: db.prepare('SELECT seq, state FROM projection_versions ORDER BY seq'),
    remove: db.prepare('DELETE FROM projection_versions WHERE seq = ?'),
  };

  const activeSeq = (): number | undefined => s.active.get() as number | undefined;

  const createFirst = db.transaction((): number => {
    const existing = activeSeq();
    if (existing !== undefined) return existing;
    const legacy = existsSync(join(options.dir, LEGACY_FILE)) ? 1 : 0;
    const seq = Number(s.insert.run(legacy, 'active').lastInsertRowid);
    s.setPointer.run(seq);
    return seq;
  });

  const fileOf = (version: string): string => {
    const legacy = s.legacy.get(seqOf(version)) as number | undefined;
    if (legacy === undefined) throw new ProjectionVersionError(`unknown projection version ${version}`);
    return legacy ? LEGACY_FILE : `read-model.${version}.sqlite`;
  };

  const activate = db.transaction((version: string, expected: string): boolean => {
    fileOf(version);
    if (s.movePointer.run(seqOf(version), seqOf(expected)).changes === 0) return false;
    s.setState.run('retired', seqOf(expected));
    s.setState.run('active', seqOf(version));
    return true;
  });

  return {
    // Every process polls this: a plain read, and a write transaction only on an empty catalog.
    activeVersion: async () => versionOf(activeSeq() ?? createFirst.immediate()),
    createVersion: async () => versionOf(s.insert.run(0, 'building').lastInsertRowid),
    open: async (version) => createSqliteReadModel({ file: join(options.dir, fileOf(version)) }),
    activate: async (version, expected) => activate.immediate(version, expected),
    drop: async (version) => {
      const file = fileOf(version);
      if (activeSeq() === seqOf(version)) throw new ProjectionVersionError(`projection version ${version} is served; it cannot be dropped`);
      for (const suffix of ['', '-wal', '-shm']) rmSync(join(options.dir, file + suffix), { force: true });
      s.remove.run(seqOf(version));
    },
    versions: async () =>
      (s.all.all() as Array<{ seq: number; state: ProjectionVersion['state'] }>).map(({ seq, state }) => ({ version: versionOf(seq), state })),
    close: async () => {
      db.close();
    },
  };
}
