export * from './event-store.port.js';
export { createSqliteEventStore, type SqliteEventStoreOptions } from './sqlite/sqlite-event-store.js';
