import { jsonEvent, type AllStreamResolvedEvent, type EventData, type ResolvedEvent } from '@eventstore/db-client';
import type { NewEvent, RecordedEvent } from '../event-store.port.js';
import { positionOrUnknown } from './esdb-position.js';

/** Metadata key holding the store's timestamp; reserved, stripped again on read. */
export const RECORDED_AT = 'recordedAt';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const eventKey = (eventId: string): string => eventId.toLowerCase();

/** A port event → the client's JSON event: lower-cased UUID id, metadata with `recordedAt` stamped. */
export function toEventData(event: NewEvent, recordedAt: string): EventData {
  const id = eventKey(event.eventId);
  if (!UUID.test(id)) throw new TypeError(`event id ${event.eventId} is not a UUID`);
  return jsonEvent({
    id,
    type: event.type,
    data: event.data,
    metadata: { ...event.metadata, [RECORDED_AT]: recordedAt },
  });
}

/** System events ($-prefixed types, e.g. links `$>`, or $-prefixed streams) are not part of the port's log. */
export const isSystemEvent = (streamId: string, type: string): boolean => type.startsWith('$') || streamId.startsWith('$');

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);

/**
 * A client resolved event → the port's RecordedEvent; undefined for what the port does not carry:
 * system events, unresolved links and payloads that are not JSON objects (written by other tools).
 */
export function toRecordedEvent(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | undefined {
  const event = resolved.event;
  if (!event || resolved.link || isSystemEvent(event.streamId, event.type)) return undefined;
  if (!event.isJson || !isPlainObject(event.data)) return undefined;
  const { metadata, recordedAt } = splitMetadata(event.metadata, event.created);
  return {
    streamId: event.streamId,
    revision: event.revision,
    position: positionOrUnknown(event.position),
    eventId: eventKey(event.id),
    type: event.type,
    data: event.data,
    metadata,
    recordedAt,
  };
}

/** Separates the stamped `recordedAt` from the caller's metadata; falls back to the server's created date. */
export function splitMetadata(raw: unknown, created: Date): { metadata: Record<string, string>; recordedAt: string } {
  const metadata: Record<string, string> = {};
  let recordedAt: string | undefined;
  if (isPlainObject(raw)) {
    for (const [key, value] of Object.entries(raw)) {
      if (key === RECORDED_AT && typeof value === 'string') recordedAt = value;
      else if (typeof value === 'string') metadata[key] = value;
      else if (value !== undefined && value !== null) metadata[key] = typeof value === 'object' ? JSON.stringify(value) : String(value);
    }
  }
  return { metadata, recordedAt: recordedAt ?? created.toISOString() };
}
