import type { NewEvent } from './event-store.port.js';

/**
 * The JSON text of each event's data and metadata, written once per append: the append
 * limit's size estimate writes them, the insert reuses them. Kept only until the adapter's
 * append call ends (`clear`), so an event changed between two appends is written afresh.
 */
export interface EventTexts {
  data(event: NewEvent): string;
  metadata(event: NewEvent): string;
  clear(): void;
}

export function createEventTexts(): EventTexts {
  const texts = new Map<NewEvent, { data: string; metadata: string }>();
  const of = (event: NewEvent): { data: string; metadata: string } => {
    let text = texts.get(event);
    if (!text) {
      text = { data: JSON.stringify(event.data), metadata: JSON.stringify(event.metadata) };
      texts.set(event, text);
    }
    return text;
  };
  return {
    data: (event) => of(event).data,
    metadata: (event) => of(event).metadata,
    clear: () => texts.clear(),
  };
}

/** No memory: each call writes the text (for adapters that serialise events themselves). */
export const UNCACHED_TEXTS: EventTexts = {
  data: (event) => JSON.stringify(event.data),
  metadata: (event) => JSON.stringify(event.metadata),
  clear: () => {},
};
