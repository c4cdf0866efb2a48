import { createHash } from 'node:crypto';
import type { NewEvent } from '@lifecycle/event-store';

/** JSON with object keys sorted at every level, so equal values hash equally. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** Metadata the chain does not cover: the hash itself and what the store stamps on append. */
export const UNHASHED_METADATA = ['hash', 'recordedAt'];

/**
 * The SHA-256 link of an event to the previous event of its stream: over the canonical JSON
 * of the previous hash (null for the first event) and the event (id lower-cased, type, body,
 * sender metadata).
 */
export function chainHash(previousHash: string | null, event: Pick<NewEvent, 'eventId' | 'type' | 'data' | 'metadata'>): string {
  const metadata = Object.fromEntries(Object.entries(event.metadata ?? {}).filter(([key]) => !UNHASHED_METADATA.includes(key)));
  const canonical = canonicalJson({
    previousHash,
    event: { eventId: event.eventId.toLowerCase(), type: event.type, data: event.data, metadata },
  });
  return createHash('sha256').update(canonical).digest('hex');
}

/** Adds the chain hash to an event's metadata. */
export const chained = (previousHash: string | null, event: NewEvent): NewEvent => ({
  ...event,
  metadata: { ...event.metadata, hash: chainHash(previousHash, event) },
});
