import {
  BACKWARDS,
  END,
  FORWARDS,
  type AllStreamResolvedEvent,
  type EventStoreDBClient,
  type Position,
  type ResolvedEvent,
} from '@eventstore/db-client';
import type { RecordedEvent } from '../event-store.port.js';
import { isStreamNotFound } from './esdb-errors.js';
import { comparePositions, decodePosition, readPositionAfter } from './esdb-position.js';
import { drainRead } from './esdb-read-call.js';
import { toRecordedEvent } from './esdb-recorded-event.js';

/** The client and how long a read may receive nothing before it is cancelled. */
export interface EsdbReader {
  client: EventStoreDBClient;
  readTimeoutMs: number;
}

/** All events of a read; a missing stream reads as empty. */
export async function collectStream(
  { client, readTimeoutMs }: EsdbReader,
  streamId: string,
  fromRevision: bigint,
  maxCount?: number,
): Promise<ResolvedEvent[]> {
  try {
    return await drainRead(client.readStream(streamId, { fromRevision, direction: FORWARDS, maxCount }), readTimeoutMs);
  } catch (error) {
    if (isStreamNotFound(error)) return [];
    throw error;
  }
}

export async function readStreamEvents(reader: EsdbReader, streamId: string, fromRevision: bigint, maxCount: number): Promise<RecordedEvent[]> {
  const events = await collectStream(reader, streamId, fromRevision, maxCount);
  return events.map(toRecordedEvent).filter((e): e is RecordedEvent => e !== undefined);
}

export async function lastRevision({ client, readTimeoutMs }: EsdbReader, streamId: string): Promise<bigint | 'no_stream'> {
  try {
    const [last] = await drainRead(client.readStream(streamId, { fromRevision: END, direction: BACKWARDS, maxCount: 1 }), readTimeoutMs);
    return last?.event ? last.event.revision : 'no_stream';
  } catch (error) {
    if (isStreamNotFound(error)) return 'no_stream';
    throw error;
  }
}

/**
 * Ordinary events after `after`, forwards. Client v6's readAll takes no server-side filter (the
 * KurrentDB client's does), so system events are skipped here, page after page, until `maxCount`
 * ordinary events are found or the end of $all is reached.
 */
export async function readAllAfter(reader: EsdbReader, after: bigint | undefined, maxCount: number): Promise<RecordedEvent[]> {
  const found: RecordedEvent[] = [];
  const pageSize = Math.min(Math.max(maxCount, 64), 4096);
  let cursor: Position | undefined = after === undefined || after < 0n ? undefined : decodePosition(after);
  while (found.length < maxCount) {
    const { page, complete } = await readAllPage(reader, cursor, pageSize, FORWARDS);
    const fresh = cursor ? page.filter((e) => comparePositions(e.event!.position, cursor!) > 0) : page;
    for (const resolved of fresh) {
      const event = toRecordedEvent(resolved);
      if (event && (after === undefined || event.position > after)) found.push(event);
      if (found.length === maxCount) break;
    }
    if (complete || fresh.length === 0) break;
    cursor = fresh[fresh.length - 1]!.event!.position;
  }
  return found;
}

/** The position of the last ordinary event in $all, -1n when there is none. */
export async function lastOrdinaryPosition(reader: EsdbReader): Promise<bigint> {
  const pageSize = 32;
  let cursor: Position | undefined;
  for (;;) {
    const { page, complete } = await readAllPage(reader, cursor, pageSize, BACKWARDS);
    const fresh = cursor ? page.filter((e) => comparePositions(e.event!.position, cursor!) < 0) : page;
    for (const resolved of fresh) {
      const event = toRecordedEvent(resolved);
      if (event) return event.position;
    }
    if (complete || fresh.length === 0) return -1n;
    cursor = fresh[fresh.length - 1]!.event!.position;
  }
}

async function readAllPage(
  { client, readTimeoutMs }: EsdbReader,
  cursor: Position | undefined,
  maxCount: number,
  direction: typeof FORWARDS | typeof BACKWARDS,
): Promise<{ page: AllStreamResolvedEvent[]; complete: boolean }> {
  const fromPosition = cursor ?? (direction === FORWARDS ? readPositionAfter(undefined) : END);
  const read = await drainRead(client.readAll({ fromPosition, direction, maxCount, resolveLinkTos: false }), readTimeoutMs);
  const page = read.filter((resolved: AllStreamResolvedEvent) => resolved.event !== undefined);
  return { page, complete: read.length < maxCount };
}
