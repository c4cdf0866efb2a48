import { randomUUID } from 'node:crypto';
import { status as GrpcStatus, type ServerWritableStream } from '@grpc/grpc-js';
import type { FakeLog, FakeRecord } from './fake-log.js';
import { streams } from './grpc-modules.js';
import { callError, readEventResponse, streamIdentifier, streamName } from './wire.js';

type ReadReq = InstanceType<typeof streams.ReadReq>;
type ReadCall = ServerWritableStream<ReadReq, InstanceType<typeof streams.ReadResp>>;
type Options = NonNullable<ReturnType<ReadReq['getOptions']>>;

export interface ReadFaults {
  /** Reads (not subscriptions) are held without an answer while this is true. */
  stallReads: boolean;
  /** Live subscription calls, so that a fault can drop them. */
  subscriptions: Set<ReadCall>;
}

const BACKWARDS = 1;
const MAX_U64 = 2n ** 64n - 1n;

/** Writes with flow control: waits for 'drain' when the call's buffer is full. */
async function send(call: ReadCall, message: InstanceType<typeof streams.ReadResp>): Promise<void> {
  if (!call.write(message)) await new Promise<void>((resume) => call.once('drain', resume));
}

function filterOf(options: Options): (record: FakeRecord) => boolean {
  if (!options.hasFilter()) return () => true;
  const filter = options.getFilter()!;
  const onType = filter.hasEventType();
  const expression = onType ? filter.getEventType()! : filter.getStreamIdentifier()!;
  const regex = expression.getRegex() ? new RegExp(expression.getRegex()) : undefined;
  const prefixes = expression.getPrefixList();
  return (record) => {
    const subject = onType ? record.type : record.streamId;
    if (regex) return regex.test(subject);
    return prefixes.length === 0 || prefixes.some((prefix) => subject.startsWith(prefix));
  };
}

/** Records of a one-off read, in the order the server sends them. */
function selectRecords(log: FakeLog, options: Options): FakeRecord[] | 'stream_not_found' {
  const backwards = options.getReadDirection() === BACKWARDS;
  const count = options.hasCount() ? BigInt(options.getCount()) : MAX_U64;
  const limit = count > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(count);
  const keep = filterOf(options);
  let candidates: FakeRecord[];
  if (options.hasStream()) {
    const stream = options.getStream()!;
    const records = log.stream(streamName(stream.getStreamIdentifier()));
    if (!records) return 'stream_not_found';
    if (stream.hasStart()) candidates = backwards ? [] : records;
    else if (stream.hasEnd()) candidates = backwards ? [...records].reverse() : [];
    else {
      const from = Number(BigInt(stream.getRevision()));
      candidates = backwards ? records.slice(0, from + 1).reverse() : records.slice(from);
    }
  } else {
    const all = options.getAll()!;
    // Forwards from a position is inclusive; backwards from a position returns what is before it.
    if (all.hasStart()) candidates = backwards ? [] : log.all;
    else if (all.hasEnd()) candidates = backwards ? [...log.all].reverse() : [];
    else {
      const index = log.indexAtOrAfter(BigInt(all.getPosition()!.getCommitPosition()));
      candidates = backwards ? log.all.slice(0, index).reverse() : log.all.slice(index);
    }
  }
  const selected: FakeRecord[] = [];
  for (const record of candidates) {
    if (selected.length >= limit) break;
    if (keep(record)) selected.push(record);
  }
  return selected;
}

async function serveRead(log: FakeLog, call: ReadCall, options: Options, faults: ReadFaults): Promise<void> {
  while (faults.stallReads && !call.cancelled) await new Promise((r) => setTimeout(r, 10));
  if (call.cancelled) return;
  const selected = selectRecords(log, options);
  if (selected === 'stream_not_found') {
    const notFound = new streams.ReadResp.StreamNotFound();
    notFound.setStreamIdentifier(streamIdentifier(streamName(options.getStream()!.getStreamIdentifier())));
    const response = new streams.ReadResp();
    response.setStreamNotFound(notFound);
    await send(call, response);
  } else {
    for (const record of selected) {
      if (call.cancelled) return;
      await send(call, readEventResponse(record));
    }
  }
  call.end();
}

/**
 * A catch-up subscription: confirmation, the events after the start (exclusive of a given
 * position), `caughtUp` (as servers >= 23.10 send it), then live events as they are written.
 */
async function serveSubscription(log: FakeLog, call: ReadCall, options: Options, faults: ReadFaults): Promise<void> {
  const keep = filterOf(options);
  const all = options.getAll();
  if (!all) {
    call.emit('error', callError(GrpcStatus.UNIMPLEMENTED, 'the fake serves subscriptions to $all only'));
    return;
  }
  const live: FakeRecord[] = [];
  let wake: (() => void) | undefined;
  const unsubscribe = log.onRecord((record) => {
    live.push(record);
    wake?.();
  });
  faults.subscriptions.add(call);
  const done = new Promise<void>((resolve) => {
    call.on('cancelled', resolve);
    call.on('close', resolve);
  });
  try {
    const confirmation = new streams.ReadResp.SubscriptionConfirmation();
    confirmation.setSubscriptionId(randomUUID());
    const confirm = new streams.ReadResp();
    confirm.setConfirmation(confirmation);
    await send(call, confirm);
    let index = 0;
    if (all.hasEnd()) index = log.all.length;
    else if (all.hasPosition()) {
      const after = BigInt(all.getPosition()!.getCommitPosition());
      index = log.indexAtOrAfter(after);
      if (log.all[index]?.position === after) index++;
    }
    const caughtUpAt = log.all.length;
    live.length = 0;
    for (; index < caughtUpAt && !call.cancelled; index++) {
      const record = log.all[index]!;
      if (keep(record)) await send(call, readEventResponse(record));
    }
    const caughtUp = new streams.ReadResp();
    caughtUp.setCaughtUp(new streams.ReadResp.CaughtUp());
    if (!call.cancelled) await send(call, caughtUp);
    // Events written while catching up were already read from the log above or follow it.
    const seen = caughtUpAt > 0 ? log.all[caughtUpAt - 1]!.position : -1n;
    const pending = (): FakeRecord | undefined => {
      while (live.length > 0) {
        const record = live.shift()!;
        if (record.position > seen) return record;
      }
      return undefined;
    };
    while (!call.cancelled && faults.subscriptions.has(call)) {
      const record = pending();
      if (record) {
        if (keep(record)) await send(call, readEventResponse(record));
        continue;
      }
      await Promise.race([done, new Promise<void>((resolve) => (wake = resolve))]);
      wake = undefined;
    }
  } finally {
    unsubscribe();
    faults.subscriptions.delete(call);
  }
}

export function readHandler(log: FakeLog, faults: ReadFaults) {
  return (call: ReadCall): void => {
    const options = call.request.getOptions();
    const run = !options
      ? Promise.resolve(call.emit('error', callError(GrpcStatus.INVALID_ARGUMENT, 'read without options')))
      : options.hasSubscription()
        ? serveSubscription(log, call, options, faults)
        : serveRead(log, call, options, faults);
    run.catch((error: unknown) => {
      if (!call.cancelled) call.emit('error', callError(GrpcStatus.INTERNAL, String(error)));
    });
  };
}
