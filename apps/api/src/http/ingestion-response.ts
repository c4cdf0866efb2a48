import type { IngestionResult } from '@lifecycle/core';
import { ApiError } from './api-error.js';

const STATUS_OF_CODE: Record<string, number> = {
  INVALID_EVENT: 400,
  FUTURE_EVENT: 422,
  UNKNOWN_ORDER: 422,
  REFUND_EXCEEDS_ORDER: 422,
  DUPLICATE_ORDER: 409,
  conflict: 409,
};

/** 201 for an appended event, 200 for an acknowledged duplicate; a rejection becomes its error status. */
export function ingestionResponse(result: IngestionResult): { status: number; body: IngestionResult } {
  if (result.status === 'rejected') {
    throw new ApiError(STATUS_OF_CODE[result.code] ?? 400, result.code, result.reason, result.errors);
  }
  return { status: result.status === 'accepted' ? 201 : 200, body: result };
}

/** Batch summary counts alongside the per-event results. */
export function batchResponse(results: IngestionResult[]) {
  const count = (status: IngestionResult['status']) => results.filter((r) => r.status === status).length;
  const positions = results.flatMap((r) => (r.status === 'accepted' ? [BigInt(r.position)] : []));
  const lastPosition = positions.reduce<bigint | null>((max, p) => (max === null || p > max ? p : max), null);
  return {
    accepted: count('accepted'),
    duplicates: count('duplicate'),
    rejected: count('rejected'),
    lastPosition: lastPosition === null ? null : lastPosition.toString(),
    results,
  };
}
