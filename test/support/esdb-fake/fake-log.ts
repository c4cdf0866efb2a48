import { randomUUID } from 'node:crypto';

/** One record of the fake's transaction log: an event with its stream revision and log position. */
export interface FakeRecord {
  streamId: string;
  revision: bigint;
  /** Log position; commit = prepare for every record, as for each event of an append since 20.x. */
  position: bigint;
  id: string;
  type: string;
  contentType: string;
  data: Uint8Array;
  customMetadata: Uint8Array;
  /** .NET ticks (100 ns since the Unix epoch, as the server reports `created`). */
  created: bigint;
}

export interface ProposedEvent {
  id: string;
  type: string;
  contentType: string;
  data: Uint8Array;
  customMetadata: Uint8Array;
}

/** Expected revision as sent on the wire. */
export type WireExpected = { kind: 'any' } | { kind: 'no_stream' } | { kind: 'stream_exists' } | { kind: 'revision'; revision: bigint };

export type AppendOutcome =
  | { kind: 'success'; currentRevision: bigint; position: bigint }
  | { kind: 'wrong_expected_version'; current: bigint | undefined; expected: WireExpected }
  | { kind: 'too_large'; maxAppendSize: number };

/** EventStoreDB's default MaxAppendSize: 1 MiB per append request. */
export const MAX_APPEND_SIZE = 1024 * 1024;
/** Bytes added to the log position per record besides its payload (a record header, roughly). */
const RECORD_OVERHEAD = 96n;
const TICKS_PER_MS = 10_000n;

/**
 * The fake's state, with EventStoreDB's rules: revisions per stream from 0, log positions that
 * grow with the bytes written (so they are neither dense nor 0-based), optimistic concurrency by
 * expected revision with the server's idempotent retry of the same events at the same expected
 * revision, the append size limit (event data + metadata + type, as the server's size on disk),
 * and system events (`$`-types in `$`-streams) interleaved in `$all`.
 */
export class FakeLog {
  readonly all: FakeRecord[] = [];
  private readonly streams = new Map<string, FakeRecord[]>();
  private readonly listeners = new Set<(record: FakeRecord) => void>();
  private nextPosition = 0n;
  private userAppends = 0;

  constructor(
    private readonly options: { maxAppendSize: number; systemEventEvery: number },
  ) {
    this.writeSystemEvent('$epochs', '$epoch-information');
  }

  stream(streamId: string): FakeRecord[] | undefined {
    return this.streams.get(streamId);
  }

  onRecord(listener: (record: FakeRecord) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  append(streamId: string, expected: WireExpected, events: ProposedEvent[]): AppendOutcome {
    const size = events.reduce((sum, e) => sum + e.data.length + e.customMetadata.length + 2 * e.type.length, 0);
    if (size > this.options.maxAppendSize) return { kind: 'too_large', maxAppendSize: this.options.maxAppendSize };
    const records = this.streams.get(streamId);
    const current = records ? BigInt(records.length - 1) : undefined;
    const expectedLast = expected.kind === 'no_stream' ? -1n : expected.kind === 'revision' ? expected.revision : undefined;
    const replay = expectedLast !== undefined && records ? this.idempotentReplay(records, expectedLast, events) : undefined;
    if (replay) return replay;
    const met =
      expected.kind === 'any' ||
      (expected.kind === 'no_stream' && !records) ||
      (expected.kind === 'stream_exists' && !!records) ||
      (expected.kind === 'revision' && current === expected.revision);
    if (!met) return { kind: 'wrong_expected_version', current, expected };
    if (events.length === 0) return { kind: 'success', currentRevision: current ?? -1n, position: this.nextPosition };
    let last: FakeRecord | undefined;
    for (const event of events) last = this.write(streamId, event);
    this.userAppends++;
    if (this.options.systemEventEvery > 0 && this.userAppends % this.options.systemEventEvery === 0) {
      this.writeSystemEvent('$stats-127.0.0.1:2113', '$statsCollected');
    }
    return { kind: 'success', currentRevision: last!.revision, position: last!.position };
  }

  /** A system event, as the server writes them on its own (stats, epochs, stream metadata). */
  writeSystemEvent(streamId: string, type: string): FakeRecord {
    const data = new TextEncoder().encode(JSON.stringify({ at: new Date().toISOString() }));
    return this.write(streamId, { id: randomUUID(), type, contentType: 'application/json', data, customMetadata: new Uint8Array() });
  }

  /** The same events appended again at the same expected revision: acknowledged without writing. */
  private idempotentReplay(records: FakeRecord[], expectedLast: bigint, events: ProposedEvent[]): AppendOutcome | undefined {
    const from = Number(expectedLast + 1n);
    if (events.length === 0 || from + events.length > records.length) return undefined;
    if (!events.every((event, i) => records[from + i]!.id === event.id)) return undefined;
    const last = records[from + events.length - 1]!;
    return { kind: 'success', currentRevision: last.revision, position: last.position };
  }

  private write(streamId: string, event: ProposedEvent): FakeRecord {
    let records = this.streams.get(streamId);
    if (!records) this.streams.set(streamId, (records = []));
    const record: FakeRecord = {
      streamId,
      revision: BigInt(records.length),
      position: this.nextPosition,
      ...event,
      created: BigInt(Date.now()) * TICKS_PER_MS,
    };
    this.nextPosition += RECORD_OVERHEAD + BigInt(event.data.length + event.customMetadata.length + streamId.length + event.type.length);
    records.push(record);
    this.all.push(record);
    for (const listener of this.listeners) listener(record);
    return record;
  }

  /** Index of the first record at or after `position` in $all. */
  indexAtOrAfter(position: bigint): number {
    let low = 0;
    let high = this.all.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.all[mid]!.position < position) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
