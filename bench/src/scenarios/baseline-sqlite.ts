import { join } from 'node:path';
import Database from 'better-sqlite3';
import { EVENT_STORE_PRAGMAS } from '../../../libs/event-store/src/sqlite/sqlite-event-store.js';
import { EVENTS_SCHEMA } from '../../../libs/event-store/src/sqlite/sqlite-statements.js';
import type { BenchContext } from '../context.js';
import { figure, type ScenarioResult } from '../report/figures.js';
import { tempDir } from '../temp-dir.js';
import { type EventRow, eventRows } from '../workload/event-rows.js';

// The event store's own table, constraints and pragmas, so the baseline is what SQLite itself costs.
const INSERT = 'INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)';

function openDb(file: string): Database.Database {
  const db = new Database(file);
  for (const pragma of EVENT_STORE_PRAGMAS) db.pragma(pragma);
  db.exec(EVENTS_SCHEMA);
  return db;
}

function insertBatched(file: string, rows: EventRow[], batch: number): number {
  const db = openDb(file);
  const insert = db.prepare(INSERT);
  const many = db.transaction((slice: EventRow[]) => {
    for (const row of slice) insert.run(row);
  });
  const started = performance.now();
  for (let i = 0; i < rows.length; i += batch) many(rows.slice(i, i + batch));
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return rows.length / seconds;
}

function insertOneByOne(file: string, rows: EventRow[]): number {
  const db = openDb(file);
  const insert = db.prepare(INSERT);
  const started = performance.now();
  for (const row of rows) insert.run(row);
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return rows.length / seconds;
}

/** 1b: raw better-sqlite3 inserts of pre-serialised event rows, 1,000 per transaction and one per transaction. */
export async function baselineSqlite(ctx: BenchContext): Promise<ScenarioResult> {
  const { sqliteBatchedRows, sqliteSingleRows } = ctx.sizes;
  const rows = eventRows(Math.max(sqliteBatchedRows, sqliteSingleRows), 33);
  const dir = tempDir('baseline-sqlite');
  try {
    ctx.progress(`1b: raw inserts, ${sqliteBatchedRows} rows batched, ${sqliteSingleRows} one per transaction`);
    const batched = insertBatched(join(dir.path, 'batched.sqlite'), rows.slice(0, sqliteBatchedRows), 1000);
    const single = insertOneByOne(join(dir.path, 'single.sqlite'), rows.slice(0, sqliteSingleRows));
    ctx.baselines.sqliteBatchedRowsPerSecond = batched;
    ctx.baselines.sqliteSingleRowsPerSecond = single;
    const avgBytes = rows.reduce((sum, r) => sum + r[4].length, 0) / rows.length;
    return {
      id: 'baseline-sqlite',
      title: '1b raw better-sqlite3 inserts',
      figures: [
        figure('1,000 rows/transaction', batched, 'rows/s'),
        figure('1 row/transaction', single, 'rows/s'),
      ],
      details: { batchedRows: sqliteBatchedRows, singleRows: sqliteSingleRows, averageDataBytes: Math.round(avgBytes), pragmas: EVENT_STORE_PRAGMAS },
    };
  } finally {
    dir.remove();
  }
}
