import { Metadata, status as GrpcStatus } from '@grpc/grpc-js';
import type { FakeRecord, WireExpected } from './fake-log.js';
import { protobufAny, protobufEmpty, shared, status, streams } from './grpc-modules.js';

const encoder = new TextEncoder();

export const streamName = (identifier: { getStreamName_asU8(): Uint8Array } | undefined): string =>
  Buffer.from(identifier?.getStreamName_asU8() ?? new Uint8Array()).toString('utf8');

export function streamIdentifier(streamId: string) {
  const identifier = new shared.StreamIdentifier();
  identifier.setStreamName(encoder.encode(streamId));
  return identifier;
}

export function uuid(id: string) {
  const value = new shared.UUID();
  value.setString(id);
  return value;
}

export const parseUuid = (value: InstanceType<typeof shared.UUID> | undefined): string => value?.getString() ?? '';

/** A record as the server sends it in a ReadResp (positions on stream reads too, as since 22.6). */
export function readEventResponse(record: FakeRecord) {
  const recorded = new streams.ReadResp.ReadEvent.RecordedEvent();
  recorded.setId(uuid(record.id));
  recorded.setStreamIdentifier(streamIdentifier(record.streamId));
  recorded.setStreamRevision(record.revision.toString());
  recorded.setPreparePosition(record.position.toString());
  recorded.setCommitPosition(record.position.toString());
  const metadata = recorded.getMetadataMap();
  metadata.set('type', record.type);
  metadata.set('content-type', record.contentType);
  metadata.set('created', record.created.toString());
  recorded.setCustomMetadata(record.customMetadata);
  recorded.setData(record.data);
  const event = new streams.ReadResp.ReadEvent();
  event.setEvent(recorded);
  event.setCommitPosition(record.position.toString());
  const response = new streams.ReadResp();
  response.setEvent(event);
  return response;
}

/** A google.rpc.Status carrying one of the server's typed details, as BatchAppend reports errors. */
export function rpcStatus(code: number, message: string, typeName: string, detail: { serializeBinary(): Uint8Array }) {
  const any = new protobufAny.Any();
  any.pack(detail.serializeBinary(), typeName);
  const result = new status.Status();
  result.setCode(code);
  result.setMessage(message);
  result.setDetails(any);
  return result;
}

export function wrongExpectedVersionDetail(current: bigint | undefined, expected: WireExpected) {
  const detail = new shared.WrongExpectedVersion();
  const empty = new protobufEmpty.Empty();
  if (current === undefined) detail.setCurrentNoStream(empty);
  else detail.setCurrentStreamRevision(current.toString());
  if (expected.kind === 'revision') detail.setExpectedStreamPosition(expected.revision.toString());
  else if (expected.kind === 'no_stream') detail.setExpectedNoStream(empty);
  else if (expected.kind === 'stream_exists') detail.setExpectedStreamExists(empty);
  else detail.setExpectedAny(empty);
  return detail;
}

export function maxAppendSizeDetail(maxAppendSize: number) {
  const detail = new shared.MaximumAppendSizeExceeded();
  detail.setMaxappendsize(maxAppendSize);
  return detail;
}

/** The trailers the server sends with a failed unary/streaming call (the client maps `exception`). */
export function callError(code: GrpcStatus, details: string, trailers: Record<string, string> = {}) {
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(trailers)) metadata.set(key, value);
  return Object.assign(new Error(details), { code, details, metadata });
}
