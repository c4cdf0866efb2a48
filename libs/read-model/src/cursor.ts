/** Opaque paging cursors: base64url of the last key returned. */
export const encodeCursor = (key: unknown): string => Buffer.from(JSON.stringify(key)).toString('base64url');

export function decodeCursor<T>(cursor: string | null): T | null {
  if (cursor === null || cursor === '') return null;
  // A query string can repeat the parameter (an array) or be anything else a client sends.
  if (typeof cursor !== 'string') throw new InvalidCursorError();
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as T;
  } catch {
    throw new InvalidCursorError();
  }
}

export class InvalidCursorError extends Error {
  constructor() {
    super('cursor: not a cursor returned by this API');
    this.name = 'InvalidCursorError';
  }
}

/** A cursor that must hold a string key (a customer id, a document id); anything else decoded is invalid. */
export function decodeStringCursor(cursor: string | null): string | null {
  const key = decodeCursor<unknown>(cursor);
  if (key === null ? isGiven(cursor) : typeof key !== 'string') throw new InvalidCursorError();
  return key as string | null;
}

/** A cursor that must hold a row sequence number (a non-negative safe integer). */
export function decodeSequenceCursor(cursor: string | null): number | null {
  const key = decodeCursor<unknown>(cursor);
  if (key === null ? isGiven(cursor) : !(typeof key === 'number' && Number.isSafeInteger(key) && key >= 0)) throw new InvalidCursorError();
  return key as number | null;
}

/** A cursor was sent but decoded to JSON null: not one this API hands out. */
const isGiven = (cursor: string | null): boolean => cursor !== null && cursor !== '';
