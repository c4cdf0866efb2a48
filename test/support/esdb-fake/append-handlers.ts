import { status as GrpcStatus, type sendUnaryData, type ServerDuplexStream, type ServerReadableStream } from '@grpc/grpc-js';
import type { AppendOutcome, FakeLog, ProposedEvent, WireExpected } from './fake-log.js';
import { protobufEmpty, shared, streams } from './grpc-modules.js';
import { callError, maxAppendSizeDetail, parseUuid, rpcStatus, streamIdentifier, streamName, wrongExpectedVersionDetail } from './wire.js';

type AppendReq = InstanceType<typeof streams.AppendReq>;
type AppendResp = InstanceType<typeof streams.AppendResp>;
type BatchReq = InstanceType<typeof streams.BatchAppendReq>;
type BatchResp = InstanceType<typeof streams.BatchAppendResp>;
type Proposed = InstanceType<typeof streams.AppendReq.ProposedMessage> | InstanceType<typeof streams.BatchAppendReq.ProposedMessage>;

/** Simulated latency of an append and the most appends the fake held at once (pipelining shows as > 1). */
export interface AppendLatency {
  delayMs: number;
  inFlight: number;
  maxInFlight: number;
}

const later = (latency: AppendLatency, answer: () => void): void => {
  if (latency.delayMs <= 0) return answer();
  latency.maxInFlight = Math.max(latency.maxInFlight, ++latency.inFlight);
  setTimeout(() => {
    latency.inFlight--;
    answer();
  }, latency.delayMs);
};

const FAILED_PRECONDITION = 9;
const INVALID_ARGUMENT = 3;

const toProposed = (message: Proposed): ProposedEvent => {
  const metadata = message.getMetadataMap();
  return {
    id: parseUuid(message.getId()).toLowerCase(),
    type: metadata.get('type') ?? '',
    contentType: metadata.get('content-type') ?? 'application/octet-stream',
    data: message.getData_asU8(),
    customMetadata: message.getCustomMetadata_asU8(),
  };
};

/** Append: a client stream of one options message then the events; answers once, at the end. */
export function appendHandler(log: FakeLog, latency: AppendLatency) {
  return (call: ServerReadableStream<AppendReq, AppendResp>, callback: sendUnaryData<AppendResp>): void => {
    let streamId = '';
    let expected: WireExpected = { kind: 'any' };
    const events: ProposedEvent[] = [];
    call.on('data', (request: AppendReq) => {
      if (request.hasOptions()) {
        const options = request.getOptions()!;
        streamId = streamName(options.getStreamIdentifier());
        if (options.hasRevision()) expected = { kind: 'revision', revision: BigInt(options.getRevision()) };
        else if (options.hasNoStream()) expected = { kind: 'no_stream' };
        else if (options.hasStreamExists()) expected = { kind: 'stream_exists' };
      } else if (request.hasProposedMessage()) events.push(toProposed(request.getProposedMessage()!));
    });
    call.on('end', () => later(latency, () => {
      const outcome = log.append(streamId, expected, events);
      if (outcome.kind === 'too_large') {
        callback(callError(GrpcStatus.INVALID_ARGUMENT, `Maximum Append Size of ${outcome.maxAppendSize} Exceeded.`, {
          exception: 'maximum-append-size-exceeded',
          'maximum-append-size': String(outcome.maxAppendSize),
        }));
        return;
      }
      const response = new streams.AppendResp();
      if (outcome.kind === 'success') {
        const success = new streams.AppendResp.Success();
        if (outcome.currentRevision < 0n) success.setNoStream(new protobufEmpty.Empty());
        else success.setCurrentRevision(outcome.currentRevision.toString());
        const position = new streams.AppendResp.Position();
        position.setCommitPosition(outcome.position.toString());
        position.setPreparePosition(outcome.position.toString());
        success.setPosition(position);
        response.setSuccess(success);
      } else {
        const wrong = new streams.AppendResp.WrongExpectedVersion();
        const empty = new protobufEmpty.Empty();
        if (outcome.current === undefined) wrong.setCurrentNoStream(empty);
        else wrong.setCurrentRevision(outcome.current.toString());
        if (outcome.expected.kind === 'revision') wrong.setExpectedRevision(outcome.expected.revision.toString());
        else if (outcome.expected.kind === 'no_stream') wrong.setExpectedNoStream(empty);
        else if (outcome.expected.kind === 'stream_exists') wrong.setExpectedStreamExists(empty);
        else wrong.setExpectedAny(empty);
        response.setWrongExpectedVersion(wrong);
      }
      callback(null, response);
    }));
  };
}

function batchResponse(correlation: ReturnType<BatchReq['getCorrelationId']>, streamId: string, outcome: AppendOutcome): BatchResp {
  const response = new streams.BatchAppendResp();
  response.setCorrelationId(correlation);
  response.setStreamIdentifier(streamIdentifier(streamId));
  if (outcome.kind === 'success') {
    const success = new streams.BatchAppendResp.Success();
    success.setCurrentRevision(outcome.currentRevision.toString());
    success.setPosition(allStreamPosition(outcome.position));
    response.setSuccess(success);
  } else if (outcome.kind === 'wrong_expected_version') {
    const detail = wrongExpectedVersionDetail(outcome.current, outcome.expected);
    response.setError(rpcStatus(FAILED_PRECONDITION, 'WrongExpectedVersion', 'event_store.client.WrongExpectedVersion', detail));
  } else {
    const detail = maxAppendSizeDetail(outcome.maxAppendSize);
    response.setError(rpcStatus(INVALID_ARGUMENT, 'MaximumAppendSizeExceeded', 'event_store.client.MaximumAppendSizeExceeded', detail));
  }
  return response;
}

function allStreamPosition(position: bigint) {
  const value = new shared.AllStreamPosition();
  value.setCommitPosition(position.toString());
  value.setPreparePosition(position.toString());
  return value;
}

/**
 * BatchAppend: one duplex call per client channel; requests carry a correlation id, options in
 * the first chunk, events in any number of chunks up to `is_final`; one answer per correlation id.
 */
export function batchAppendHandler(log: FakeLog, latency: AppendLatency) {
  return (call: ServerDuplexStream<BatchReq, BatchResp>): void => {
    const pending = new Map<string, { streamId: string; expected: WireExpected; events: ProposedEvent[] }>();
    call.on('data', (request: BatchReq) => {
      const key = parseUuid(request.getCorrelationId());
      let entry = pending.get(key);
      if (!entry) pending.set(key, (entry = { streamId: '', expected: { kind: 'any' }, events: [] }));
      if (request.hasOptions()) {
        const options = request.getOptions()!;
        entry.streamId = streamName(options.getStreamIdentifier());
        if (options.hasStreamPosition()) entry.expected = { kind: 'revision', revision: BigInt(options.getStreamPosition()) };
        else if (options.hasNoStream()) entry.expected = { kind: 'no_stream' };
        else if (options.hasStreamExists()) entry.expected = { kind: 'stream_exists' };
      }
      entry.events.push(...request.getProposedMessagesList().map(toProposed));
      if (!request.getIsFinal()) return;
      pending.delete(key);
      const { streamId, expected, events } = entry;
      later(latency, () => call.write(batchResponse(request.getCorrelationId(), streamId, log.append(streamId, expected, events))));
    });
    call.on('end', () => call.end());
  };
}
