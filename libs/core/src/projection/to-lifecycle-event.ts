import type { LifecycleEvent } from '@lifecycle/domain';
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

/** Metadata keys the store adds on append; the rest is what the sender sent. */
export const STORE_METADATA_KEYS = ['recordedAt', 'hash', 'previousHash'];

function envelopeMetadata(metadata: Record<string, string>): Record<string, string> | undefined {
  const entries = Object.entries(metadata ?? {}).filter(([key]) => !STORE_METADATA_KEYS.includes(key));
  return entries.length ? Object.fromEntries(entries) : undefined;
}
