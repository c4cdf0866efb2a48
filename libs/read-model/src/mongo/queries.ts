import type { RankKey } from '@lifecycle/domain';
import { decodeCursor, decodeStringCursor, encodeCursor, InvalidCursorError } from '../cursor.js';
import type { CustomerFilter, TransitionFilter, TransitionKey } from '../read-model.port.js';

/** The ranking: net12 descending, then customerId ascending (the server compares strings bytewise). */
export const RANK_SORT = { net12: -1, _id: 1 } as const;
export const ID_SORT = { _id: 1 } as const;

/** P, the ranked population; stating `net12 > 0` lets the planner use the partial ranking index. */
export const IN_POPULATION = { net12: { $gt: 0 } };
export const TIER_DIRTY = { tierDirty: true };

/** `$exists` repeats the partial index's filter, so the index is eligible whatever the planner infers. */
export const dueFilter = (asOf: number) => ({ nextDueAt: { $exists: true, $lte: asOf } });

/** Keys ranked after `key` (exclusive). */
const rankedAfter = (key: RankKey) => ({
  $or: [{ net12: { $lt: key.net12 } }, { net12: key.net12, _id: { $gt: key.customerId } }],
});

/** Keys ranked at or before `key` (inclusive). */
const rankedUpTo = (key: RankKey) => ({
  $or: [{ net12: { $gt: key.net12 } }, { net12: key.net12, _id: { $lte: key.customerId } }],
});

/**
 * Customers of P in (after, until]. The plain net12 bounds bracket the scan on the ranking
 * index; the `$or`s settle the ties at either end by customerId.
 */
export function rankRangeFilter(after: RankKey | null, until: RankKey) {
  if (after === null) return { net12: { $gt: 0, $gte: until.net12 }, ...rankedUpTo(until) };
  return { net12: { $gt: 0, $gte: until.net12, $lte: after.net12 }, $and: [rankedAfter(after), rankedUpTo(until)] };
}

/** A segment (any of status, loyaltyLevel, valueTier) from just after a customerId, for keyset paging by `_id`. */
export function segmentFilter(filter: CustomerFilter, afterId: string | null) {
  return {
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.loyaltyLevel ? { loyaltyLevel: filter.loyaltyLevel } : {}),
    ...(filter.valueTier ? { valueTier: filter.valueTier } : {}),
    ...(afterId === null ? {} : { _id: { $gt: afterId } }),
  };
}

export const transitionsFilter = (customerId: string, afterId: string | null) =>
  afterId === null ? { customerId } : { customerId, _id: { $gt: afterId } };

/** Cursors carry the last `_id` returned. */
export const encodeIdCursor = (id: string): string => encodeCursor(id);

export const decodeIdCursor = (cursor: string | null): string | null => decodeStringCursor(cursor);

/**
 * transitionsAfter as an `_id` range: ids sort by (zero-padded position, field rank, customerId),
 * the TransitionKey order, so the `_id` index serves it.
 */
export function transitionsAfterFilter(after: TransitionKey | null, until: bigint, filter: TransitionFilter) {
  const pad = (position: bigint) => position.toString().padStart(19, '0');
  const idRange: { $lt: string; $gt?: string } = { $lt: pad(until + 1n) };
  if (after !== null) idRange.$gt = `${pad(after.position)}:${after.fieldRank}:${after.customerId}`;
  return {
    _id: idRange,
    ...(filter.field !== undefined ? { field: filter.field } : {}),
    ...(filter.from !== undefined ? { from: filter.from } : {}),
    ...(filter.to !== undefined ? { to: filter.to } : {}),
    ...(filter.reactivation === true ? { reactivation: true as const } : filter.reactivation === false ? { reactivation: { $ne: true as const } } : {}),
  };
}
