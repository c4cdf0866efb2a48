export { validateEvent, validateRouteEvent } from './validate-event.js';
export type { EventRoute, ValidationOutcome, ValidationSettings } from './validate-event.js';
