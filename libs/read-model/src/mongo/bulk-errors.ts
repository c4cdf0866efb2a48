import { MongoBulkWriteError, type WriteError } from 'mongodb';

export const DUPLICATE_KEY = 11000;

export interface WriteErrorLike {
  code?: number;
  index: number;
}

/**
 * The indexes of the operations that failed on a duplicate key, or null when anything else
 * failed too (another write error, a write concern error, no write error at all).
 */
export function duplicateKeyIndexes(writeErrors: readonly WriteErrorLike[], writeConcernFailed: boolean): number[] | null {
  if (writeConcernFailed || writeErrors.length === 0) return null;
  if (writeErrors.some((e) => e.code !== DUPLICATE_KEY)) return null;
  return [...new Set(writeErrors.map((e) => e.index))].sort((a, b) => a - b);
}

/** `duplicateKeyIndexes` of a bulkWrite rejection; null for any other error. */
export function duplicateKeyFailures(error: unknown): number[] | null {
  if (!(error instanceof MongoBulkWriteError)) return null;
  const writeErrors = ([] as WriteError[]).concat(error.writeErrors ?? []);
  return duplicateKeyIndexes(writeErrors, error.result?.getWriteConcernError() !== undefined);
}
