import { type FieldError, LOYALTY_LEVELS, STATUSES, type TransitionField, VALUE_TIERS } from '@lifecycle/domain';
import { decodeFeedCursor, InvalidCursorError, type TransitionFilter, type TransitionKey } from '@lifecycle/read-model';

export const FEED_FIELDS: readonly TransitionField[] = ['status', 'loyaltyLevel', 'valueTier'];
export const VALUES_BY_FIELD: Record<TransitionField, readonly string[]> = {
  status: STATUSES, loyaltyLevel: LOYALTY_LEVELS, valueTier: VALUE_TIERS,
};
const ALL_VALUES = [...new Set(Object.values(VALUES_BY_FIELD).flat())];
export const MAX_FEED_LIMIT = 1000;
export const MAX_WAIT_SECONDS = 30;

export class IntegrationRequestError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(errors.map((e) => `${e.path}: ${e.reason}`).join('; '));
    this.name = 'IntegrationRequestError';
  }
}

/**
 * A filter on the integration events; `prefix` names the fields in errors (`query.` or `filter.`).
 * Returns the errors instead of throwing, so that a caller can report every one.
 */
export function parseTransitionFilter(raw: Record<string, unknown>, prefix: string, errors: FieldError[]): TransitionFilter {
  const filter: TransitionFilter = {};
  const text = (name: string): string | undefined => {
    const value = raw[name];
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'string') {
      errors.push({ path: `${prefix}${name}`, reason: 'must be a string' });
      return undefined;
    }
    return value;
  };
  const field = text('field');
  if (field !== undefined) {
    if ((FEED_FIELDS as readonly string[]).includes(field)) filter.field = field as TransitionField;
    else errors.push({ path: `${prefix}field`, reason: `must be one of ${FEED_FIELDS.join('|')}` });
  }
  const allowed = filter.field ? VALUES_BY_FIELD[filter.field] : ALL_VALUES;
  for (const name of ['from', 'to'] as const) {
    const value = text(name);
    if (value === undefined) continue;
    if (allowed.includes(value)) filter[name] = value;
    else errors.push({ path: `${prefix}${name}`, reason: `must be one of ${allowed.join('|')}` });
  }
  const reactivation = raw.reactivation;
  if (reactivation !== undefined && reactivation !== '') {
    if (reactivation === true || reactivation === 'true') filter.reactivation = true;
    else if (reactivation === false || reactivation === 'false') filter.reactivation = false;
    else errors.push({ path: `${prefix}reactivation`, reason: 'must be true or false' });
  }
  return filter;
}

/** A feed cursor given at `path` (null when absent); an invalid one is reported in `errors` as null. */
export function parseFeedCursor(value: string | undefined, path: string, errors: FieldError[]): TransitionKey | null {
  try {
    return decodeFeedCursor(value);
  } catch (error) {
    if (!(error instanceof InvalidCursorError)) throw error;
    errors.push({ path, reason: 'not a cursor returned by this API' });
    return null;
  }
}

export interface FeedQuery {
  after: TransitionKey | null;
  filter: TransitionFilter;
  limit: number;
  /** Long-poll budget in ms; 0 answers at once. */
  waitMs: number;
}

/** GET /feed's query string: every parameter checked, all errors reported at once (IntegrationRequestError). */
export function parseFeedQuery(rawQuery: Record<string, unknown>, lastEventId?: unknown): FeedQuery {
  const errors: FieldError[] = [];
  // A repeated parameter arrives as an array: refused, naming it, rather than guessed at.
  const query: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(rawQuery ?? {})) {
    if (typeof value === 'string') query[name] = value;
    else if (value !== undefined) errors.push({ path: `query.${name}`, reason: 'must be given once' });
  }
  if (lastEventId !== undefined && typeof lastEventId !== 'string') {
    errors.push({ path: 'header.last-event-id', reason: 'must be given once' });
    lastEventId = undefined;
  }
  const filter = parseTransitionFilter(query, 'query.', errors);
  let after: TransitionKey | null = null;
  const cursorOf = (value: string | undefined, path: string) => parseFeedCursor(value, path, errors);
  if (typeof lastEventId === 'string' && lastEventId !== '') after = cursorOf(lastEventId, 'header.last-event-id');
  else after = cursorOf(query.after, 'query.after');
  let limit = 100;
  if (query.limit !== undefined && query.limit !== '') {
    limit = /^\d{1,4}$/.test(query.limit) ? Number(query.limit) : NaN;
    if (!(limit >= 1 && limit <= MAX_FEED_LIMIT)) errors.push({ path: 'query.limit', reason: `must be an integer 1-${MAX_FEED_LIMIT}` });
  }
  let waitMs = 0;
  if (query.wait !== undefined && query.wait !== '') {
    const seconds = /^\d{1,2}(\.\d{1,3})?$/.test(query.wait) ? Number(query.wait) : NaN;
    if (!(seconds >= 0 && seconds <= MAX_WAIT_SECONDS)) errors.push({ path: 'query.wait', reason: `must be a number of seconds 0-${MAX_WAIT_SECONDS}` });
    else waitMs = Math.round(seconds * 1000);
  }
  if (errors.length > 0) throw new IntegrationRequestError(errors);
  return { after, filter, limit, waitMs };
}
