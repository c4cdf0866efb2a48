export * from './integration-event.js';
export * from './feed-query.js';
export * from './transition-feed.js';
export * from './webhooks/webhook-config.js';
export * from './webhooks/webhook-payload.js';
export * from './webhooks/webhook-dispatcher.js';
export * from './webhooks/webhook-subscriptions.js';
