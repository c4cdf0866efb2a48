/** The Nest wiring of the core: the module, the injection tokens, the providers and the Nest services. */
export * from './lifecycle-core.module.js';
export * from './commands/index.js';
export * from './queries/index.js';
export * from './tokens.js';
export * from './integration.tokens.js';
export * from './metrics.module.js';
export * from './lifecycle-metrics.js';
export * from './pino-nest-logger.js';
export * from './clock-scheduler.service.js';
export * from './webhook-delivery.service.js';
export * from './projector.service.js';
export * from './ingestion.service.js';
export * from './projection-versions.service.js';
