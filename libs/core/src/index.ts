/**
 * The framework-free core: logic only, no Nest. Its Nest wiring (the module, the injection
 * tokens, the providers and the Nest services) is `@lifecycle/core/nest`.
 */
// configuration and the adapters it selects
export * from './config/app-config.js';
export * from './stores/open-stores.js';
// the event log: codec, hash chain, customer and clock reads, batched reads, the admin stream
export * from './event-log/index.js';
// the write side: commands, ingestion, validation, history import
export * from './commands/lifecycle-commands.js';
export * from './ingestion/ingestion.js';
export * from './ingestion/ingestion-result.js';
export * from './ingestion/clock-errors.js';
export * from './validation/index.js';
export * from './import/history-importer.js';
export * from './import/import-summary.js';
export * from './import/import-guard.js';
export * from './import/parse-line.js';
// the read side: queries and the projection
export * from './queries/lifecycle-queries.js';
export * from './queries/query-results.js';
export type { SegmentDay, CountsByField } from './queries/segment-series.js';
export * from './projection/projector.js';
export * from './projection/catch-up.js';
export * from './projection/rebuild/rebuild-projection.js';
export { RebuildInProgressError } from './projection/runtime/rebuild-in-progress.error.js';
export { VERSION_POLL_MS } from './projection/runtime/rebuild-version.js';
export type { ProjectorStatus } from './projection/runtime/projector-status.js';
export * from './projection/runtime/rebuild-progress.js';
export * from './projection/runtime/rules-mismatch.error.js';
// audit: as-of, verify, compare, export
export * from './audit/verify-chains.js';
export * from './audit/customer-as-of.js';
export * from './audit/export-log.js';
export * from './audit/verify-projection.js';
export * from './audit/compare-read-models.js';
// integration events and webhooks, API keys, logging
export * from './integration/index.js';
export * from './auth/api-keys.js';
export * from './auth/keys-file.js';
export * from './auth/key-changes.js';
export * from './logging/index.js';
