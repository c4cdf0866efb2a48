import { hash } from 'node:crypto';
import type { NewEvent } from '@lifecycle/event-store';
import { canonicalJson, canonicalJsonWithout } from './canonical-json.js';

export { canonicalJson };

/** Metadata the chain does not cover: the hash itself and what the store stamps on append. */
export const UNHASHED_METADATA = ['hash', 'recordedAt'];

/**
 * The SHA-256 link of an event to the previous event of its stream: over the canonical JSON
 * of the previous hash (null for the first event) and the event (id lower-cased, type, body,
 * sender metadata).
 */
export function chainHash(previousHash: string | null, event: Pick<NewEvent, 'eventId' | 'type' | 'data' | 'metadata'>): string {
  // The one-shot digest: a third of the time of createHash().update().digest() for a short text.
  return hash('sha256', chainText(previousHash, event), 'hex');
}

/**
 * The hashed text: canonicalJson({ previousHash, event: { eventId, type, data, metadata } })
 * written directly, its keys in sorted order (the property test compares the two).
 */
export function chainText(previousHash: string | null, event: Pick<NewEvent, 'eventId' | 'type' | 'data' | 'metadata'>): string {
  let text = '{"event":{';
  if (event.data !== undefined) text += '"data":' + canonicalJson(event.data) + ',';
  text += '"eventId":' + JSON.stringify(event.eventId.toLowerCase());
  text += ',"metadata":' + canonicalJsonWithout(event.metadata ?? {}, UNHASHED_METADATA);
  if (event.type !== undefined) text += ',"type":' + canonicalJson(event.type);
  text += '}';
  if (previousHash !== undefined) text += ',"previousHash":' + JSON.stringify(previousHash);
  return text + '}';
}

/** Adds the chain hash to an event's metadata. */
export const chained = (previousHash: string | null, event: NewEvent): NewEvent => ({
  ...event,
  metadata: { ...event.metadata, hash: chainHash(previousHash, event) },
});
