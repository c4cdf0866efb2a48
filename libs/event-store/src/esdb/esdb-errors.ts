import { ErrorType, WrongExpectedVersionError } from '@eventstore/db-client';
import { WrongExpectedRevisionError, type ExpectedRevision } from '../event-store.port.js';
import { toPortActualRevision } from './esdb-revision.js';

export const isWrongExpectedVersion = (error: unknown): error is WrongExpectedVersionError =>
  error instanceof WrongExpectedVersionError;

/**
 * The client's WrongExpectedVersionError → the port's error. `expected` is what the caller asked for
 * (the client can only report its own form, e.g. 'stream_exists'); `actual` comes from the server.
 */
export function toWrongExpectedRevisionError(
  streamId: string,
  requested: ExpectedRevision,
  error: WrongExpectedVersionError,
): WrongExpectedRevisionError {
  return new WrongExpectedRevisionError(streamId, requested, toPortActualRevision(error.actualVersion));
}

const typeOf = (error: unknown): string | undefined =>
  typeof error === 'object' && error !== null && typeof (error as { type?: unknown }).type === 'string'
    ? (error as { type: string }).type
    : undefined;

export const isStreamNotFound = (error: unknown): boolean => typeOf(error) === ErrorType.STREAM_NOT_FOUND;

/** Errors retrying cannot fix: bad credentials or arguments, a server too old for the call. */
const FATAL: ReadonlySet<string> = new Set([ErrorType.ACCESS_DENIED, ErrorType.INVALID_ARGUMENT, ErrorType.UNSUPPORTED]);

/** Whether a dropped subscription should be resubscribed (connection loss, leader change, deadline...). */
export const isTransient = (error: unknown): boolean => !FATAL.has(typeOf(error) ?? '');
