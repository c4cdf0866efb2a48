import type { IngestionResult } from '@lifecycle/core';
import type { FieldError } from '@lifecycle/domain';

type Rejected = Extract<IngestionResult, { status: 'rejected' }>;

/** The field each business rejection is about, so that every rejection names one. */
const FIELD_OF_CODE: Record<string, string> = {
  FUTURE_EVENT: 'occurredAt',
  DUPLICATE_ORDER: 'data.orderId',
  UNKNOWN_ORDER: 'data.orderId',
  REFUND_EXCEEDS_ORDER: 'data.amount',
};

/** The ingestion service's lowercase `conflict` is published as CONCURRENCY_CONFLICT. */
const PUBLIC_CODE: Record<string, string> = { conflict: 'CONCURRENCY_CONFLICT' };

export interface PublicRejection {
  status: 'rejected';
  eventId: string | null;
  code: string;
  reason: string;
  errors: FieldError[];
}

/** A rejection as the API publishes it: its public code, and `errors` naming the field (or `$`). */
export function publicRejection(result: Rejected): PublicRejection {
  const code = PUBLIC_CODE[result.code] ?? result.code;
  const field = FIELD_OF_CODE[code];
  const reason = field && result.reason.startsWith(`${field}: `) ? result.reason.slice(field.length + 2) : result.reason;
  const errors = result.errors && result.errors.length > 0 ? result.errors : [{ path: field ?? '$', reason }];
  return { status: 'rejected', eventId: result.eventId, code, reason: result.reason, errors };
}
