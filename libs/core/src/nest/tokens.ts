/** Injection tokens of the ports and the configuration. */
export const APP_CONFIG = Symbol('APP_CONFIG');
export const EVENT_STORE = Symbol('EVENT_STORE');
export const READ_MODEL = Symbol('READ_MODEL');
export const PROJECTION_CATALOG = Symbol('PROJECTION_CATALOG');
export const WALL_CLOCK = Symbol('WALL_CLOCK');

/** The only reader of the wall clock: validation (future events) and the scheduler use it; the rules never do. */
export type WallClock = () => number;
