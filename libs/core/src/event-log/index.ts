export * from './event-codec.js';
export * from './foreign-event.js';
export * from './hash-chain.js';
export * from './customer-events.js';
export * from './clock-ticks.js';
export * from './read-log-batches.js';
export * from './admin-log.js';
