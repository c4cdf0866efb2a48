export { validateEvent, validateRouteEvent } from './validate-event.js';
export type { EventRoute, ValidationOutcome, ValidationSettings } from './validate-event.js';
export { MAX_EVENT_DEPTH, tooDeepPath } from './json-depth.js';
export { MAX_FIELD_LENGTH, MAX_TEXT_LENGTH, METADATA_LIMITS } from './field.validators.js';
