import type { ReadModelStore } from '../read-model.port.js';
import type { BulkLoadable } from '../rebuild-sink.port.js';
import { sqliteProjectionStatements } from './projection-statements.js';
import { createSqliteBulkLoad } from './sqlite-bulk-load.js';
import { sqliteQueryStatements } from './query-statements.js';
import { closeConnections, openReader, openWriter } from './sqlite-connections.js';
import { applySchema } from './sqlite-schema.js';
import { sqliteStatsQueries } from './stats-queries.js';

export interface SqliteReadModelOptions {
  /** The read model's file (one per projection version), or `:memory:`. */
  file: string;
}

/** The embedded read model: one SQLite file (WAL); each commit is one transaction carrying its checkpoint. */
export function createSqliteReadModel(options: SqliteReadModelOptions): ReadModelStore & BulkLoadable {
  const writer = openWriter(options.file);
  applySchema(writer);
  const reader = openReader(options.file, writer);
  return {
    ...sqliteProjectionStatements(writer),
    ...sqliteQueryStatements(reader),
    ...sqliteStatsQueries(reader),
    rebuildSink: (sinkOptions) => createSqliteBulkLoad(writer, sinkOptions),
    close: async () => closeConnections(writer, reader),
  };
}
