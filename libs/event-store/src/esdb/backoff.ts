const FIRST_MS = 100;
const MAX_MS = 5000;

/** Delay before the next resubscription: 100 ms, doubling, at most 5 s. */
export const nextBackoff = (previousMs: number): number => Math.min(MAX_MS, previousMs <= 0 ? FIRST_MS : previousMs * 2);
