import type { Candidate } from '../ingestion/ingestion-result.js';

/** The metadata key naming the API key that sent an event; set by the server only. */
export const KEY_ID_METADATA = 'keyId';

/**
 * Records who sent an event: the sending key's id replaces whatever `metadata.keyId` the
 * client put there; without a key (open loopback mode) a client-supplied `keyId` is dropped,
 * as nobody could vouch for it.
 */
export function stampKeyId(candidate: Candidate, keyId: string | undefined): Candidate {
  if (!candidate.ok) return candidate;
  const { [KEY_ID_METADATA]: _claimed, ...rest } = candidate.event.metadata ?? {};
  const metadata = keyId === undefined ? rest : { ...rest, [KEY_ID_METADATA]: keyId };
  const event = { ...candidate.event };
  if (Object.keys(metadata).length > 0) event.metadata = metadata;
  else delete event.metadata;
  return { ok: true, event };
}
