import { type BusinessEvent, type LifecycleEvent, parseInstant } from '@lifecycle/domain';
import type { NewEvent, RecordedEvent } from '@lifecycle/event-store';

/** The stored form of an envelope: `data` holds everything but eventId, type and metadata. */
export function toNewEvent(event: LifecycleEvent, metadata: Record<string, string>): NewEvent {
  const { eventId, type, metadata: _ignored, ...body } = event;
  return { eventId, type, data: body as Record<string, unknown>, metadata };
}

export function toLifecycleEvent(recorded: RecordedEvent): LifecycleEvent {
  const event = { eventId: recorded.eventId, type: recorded.type, ...recorded.data } as LifecycleEvent;
  const metadata = envelopeMetadata(recorded.metadata);
  if (metadata) event.metadata = metadata;
  return event;
}

/** A customer stream's event; the caller knows the record is one (see foreignEventReason). */
export const toBusinessEvent = (recorded: RecordedEvent): BusinessEvent => toLifecycleEvent(recorded) as BusinessEvent;

/** The date of a clock-stream DayEnded, read without decoding the whole envelope. */
export const dayEndedDate = (recorded: RecordedEvent): string => (recorded.data as { data: { date: string } }).data.date;

/** When a recorded lifecycle event occurred (ms); every envelope the codec wrote has a valid instant. */
export const occurredAtOf = (recorded: RecordedEvent): number => parseInstant(String(recorded.data.occurredAt)) as number;

/** Metadata keys the store adds on append; the rest is what the sender sent. */
export const STORE_METADATA_KEYS = ['recordedAt', 'hash', 'previousHash'];

function envelopeMetadata(metadata: Record<string, string>): Record<string, string> | undefined {
  const entries = Object.entries(metadata ?? {}).filter(([key]) => !STORE_METADATA_KEYS.includes(key));
  return entries.length ? Object.fromEntries(entries) : undefined;
}
