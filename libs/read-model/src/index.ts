export * from './read-model.port.js';
export * from './cursor.js';
export { createSqliteReadModel, type SqliteReadModelOptions } from './sqlite/sqlite-read-model.js';
