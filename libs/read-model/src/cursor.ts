/** Opaque paging cursors: base64url of the last key returned. */
export const encodeCursor = (key: unknown): string => Buffer.from(JSON.stringify(key)).toString('base64url');

export function decodeCursor<T>(cursor: string | null): T | null {
  if (cursor === null || cursor === '') return null;
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
