import type { Candidate } from '../ingestion/ingestion-result.js';
import { validateEvent } from '../validation/index.js';

/** Stands for an NDJSON line that is not JSON, so it is rejected per line rather than failing its batch. */
export const UNPARSEABLE_LINE = Symbol('unparseable line');

export function parseNdjsonLine(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return UNPARSEABLE_LINE;
  }
}

/** Validates one envelope of the import format (or an unparseable line). */
export function toCandidate(raw: unknown, baseCurrency: string): Candidate {
  if (raw === UNPARSEABLE_LINE) {
    return { ok: false, rejection: { code: 'INVALID_EVENT', reason: '$: unparseable line', errors: [{ path: '$', reason: 'unparseable line' }] } };
  }
  const outcome = validateEvent(raw, { baseCurrency });
  if (outcome.ok) return outcome;
  const eventId = (raw as { eventId?: unknown } | null)?.eventId;
  return { ok: false, rejection: outcome.rejection, eventId: typeof eventId === 'string' ? eventId : null };
}
