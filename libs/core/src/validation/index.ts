export { validateEvent, validateRouteEvent } from './validate-event.js';
export type { EventRoute, ValidationOutcome, ValidationSettings } from './validate-event.js';
export { MAX_EVENT_DEPTH, tooDeepPath } from './json-depth.js';
