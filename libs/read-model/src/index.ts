export * from './read-model.port.js';
export * from './cursor.js';
export { createSqliteReadModel, type SqliteReadModelOptions } from './sqlite/sqlite-read-model.js';
export { createMongoReadModel, type MongoReadModelOptions } from './mongo/mongo-read-model.js';
