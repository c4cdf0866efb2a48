import type { IngestionResult } from '@lifecycle/core';
import { ApiError } from './api-error.js';
import { type PublicRejection, publicRejection } from './rejection-problem.js';

const STATUS_OF_CODE: Record<string, number> = {
  INVALID_EVENT: 400,
  FUTURE_EVENT: 422,
  UNKNOWN_ORDER: 422,
  REFUND_EXCEEDS_ORDER: 422,
  DUPLICATE_ORDER: 409,
  CONCURRENCY_CONFLICT: 409,
};

const text = { type: 'string' } as const;

/**
 * Fastify response schemas of the single-event route: its 201 and 200 bodies are serialised by
 * a compiled serializer instead of JSON.stringify. Properties in the order of IngestionResult,
 * none required (a missing one is left out, never a 500); the OpenAPI document describes the
 * same bodies (Accepted, Duplicate).
 */
export const INGESTION_RESPONSE_SCHEMAS = {
  201: { type: 'object', properties: { status: text, eventId: text, streamId: text, revision: text, position: text } },
  200: { type: 'object', properties: { status: text, eventId: text, streamId: text } },
} as const;

/** 201 for an appended event, 200 for an acknowledged duplicate; a rejection becomes its error status. */
export function ingestionResponse(result: IngestionResult): { status: number; body: IngestionResult } {
  if (result.status === 'rejected') {
    const rejection = publicRejection(result);
    throw new ApiError(STATUS_OF_CODE[rejection.code] ?? 400, rejection.code, rejection.reason, rejection.errors);
  }
  return { status: result.status === 'accepted' ? 201 : 200, body: result };
}

type BatchResult = (Exclude<IngestionResult, { status: 'rejected' }> | PublicRejection) & { index: number; line?: number };

/**
 * Batch summary counts alongside the per-event results; each result carries the `index` of
 * its event in the batch, and its `line` when the body was NDJSON.
 */
export function batchResponse(results: IngestionResult[], lines?: number[]) {
  const count = (status: IngestionResult['status']) => results.filter((r) => r.status === status).length;
  const positions = results.flatMap((r) => (r.status === 'accepted' ? [BigInt(r.position)] : []));
  const lastPosition = positions.reduce<bigint | null>((max, p) => (max === null || p > max ? p : max), null);
  return {
    accepted: count('accepted'),
    duplicates: count('duplicate'),
    rejected: count('rejected'),
    lastPosition: lastPosition === null ? null : lastPosition.toString(),
    results: results.map((r, index): BatchResult => ({
      ...(r.status === 'rejected' ? publicRejection(r) : r),
      index,
      ...(lines ? { line: lines[index] } : {}),
    })),
  };
}
