import { createHash } from 'node:crypto';
import { customerStream } from '@lifecycle/event-store';
import { DEFAULT_WINDOW, GeneratedLog } from './generate-log.js';

/** A row as the event store writes it, already serialised. */
export type EventRow = [streamId: string, revision: number, eventId: string, type: string, data: string, metadata: string, recordedAt: string];

/** The first `count` business events of the batch-ingest workload as event-store rows (data and metadata serialised as the store writes them). */
export function eventRows(count: number, seed: number): EventRow[] {
  const log = new GeneratedLog({ seed, customers: Math.ceil(count / 9), prefix: 'rows', ...DEFAULT_WINDOW });
  const revisions = new Map<string, number>();
  const recordedAt = new Date().toISOString();
  const rows: EventRow[] = [];
  for (const event of log.businessEvents(count)) {
    const { eventId, type, metadata: _none, ...body } = event;
    const streamId = customerStream(event.customerId);
    const revision = (revisions.get(streamId) ?? -1) + 1;
    revisions.set(streamId, revision);
    const data = JSON.stringify(body);
    // The store's metadata of an ingested event is its chain hash.
    const metadata = JSON.stringify({ hash: createHash('sha256').update(data).digest('hex') });
    rows.push([streamId, revision, eventId, type, data, metadata, recordedAt]);
  }
  return rows;
}
