export * from './event-store.port.js';
export { createSqliteEventStore, type SqliteEventStoreOptions } from './sqlite/sqlite-event-store.js';
export { createEsdbEventStore, type EsdbEventStoreOptions } from './esdb/esdb-event-store.js';
export { withAppendLimit, MAX_APPEND_BYTES } from './append-limit.js';
export { appendCallsInTurn, type CallOutcomes } from './append-calls.js';
export { esdbConnectionStringProblem } from './esdb/esdb-connection-string.js';
