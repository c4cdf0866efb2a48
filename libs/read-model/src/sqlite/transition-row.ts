import type { StoredTransition } from '../read-model.port.js';

/** A transitions row, read with safeIntegers so that positions beyond 2^53 stay exact: every integer column is a bigint. */
export interface TransitionRow {
  seq: bigint;
  position: bigint;
  customer_id: string;
  field: string;
  from_value: string | null;
  to_value: string;
  t: bigint;
  cause_event_id: string | null;
  cause_date: string | null;
  reactivation: bigint;
  snapshot: string | null;
}

/** The columns the transitions insert takes, in the order of transitionRowValues. */
export const TRANSITION_INSERT_COLUMNS = 'position, customer_id, field, from_value, to_value, t, cause_event_id, cause_date, reactivation, snapshot';

/** `snapshotJson`: the snapshot serialised, when the caller has it already (a step's transitions share one snapshot). */
export function transitionRowValues(tr: StoredTransition, snapshotJson: string | null = tr.snapshot ? JSON.stringify(tr.snapshot) : null): unknown[] {
  const cause = tr.cause as { eventId?: string; dayEnded?: string };
  return [
    tr.position, tr.customerId, tr.field, tr.from, tr.to, tr.t, cause.eventId ?? null, cause.dayEnded ?? null, tr.reactivation ? 1 : 0,
    snapshotJson,
  ];
}

/** A customer's transition history: without the snapshot, as it was before the feed. */
export const toTransition = (row: TransitionRow): StoredTransition => ({
  customerId: row.customer_id,
  field: row.field as StoredTransition['field'],
  from: row.from_value,
  to: row.to_value,
  t: Number(row.t),
  cause: row.cause_event_id !== null ? { eventId: row.cause_event_id } : { dayEnded: row.cause_date as string },
  ...(row.reactivation ? { reactivation: true as const } : {}),
  position: row.position,
});

/** A transition of the feed: with the snapshot where the row has one. */
export const toFeedTransition = (row: TransitionRow): StoredTransition =>
  (row.snapshot ? { ...toTransition(row), snapshot: JSON.parse(row.snapshot) as StoredTransition['snapshot'] } : toTransition(row));
