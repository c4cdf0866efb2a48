export * from './read-model.port.js';
export * from './cursor.js';
export { createSqliteReadModel, type SqliteReadModelOptions } from './sqlite/sqlite-read-model.js';
export { createMongoReadModel, type MongoReadModelOptions } from './mongo/mongo-read-model.js';
export * from './projection-catalog.port.js';
export { createSwitchableReadModel, type SwitchableReadModel } from './switchable-read-model.js';
export { createSqliteProjectionCatalog, type SqliteProjectionCatalogOptions } from './sqlite/sqlite-projection-catalog.js';
export { createMongoProjectionCatalog, type MongoProjectionCatalogOptions } from './mongo/mongo-projection-catalog.js';
export * from './transition-key.js';
