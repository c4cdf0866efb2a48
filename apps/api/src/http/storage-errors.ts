/** An error of a store that retrying later can fix: answered 507/503 with Retry-After, never 500. */
export interface StorageFailure {
  status: 507 | 503;
  code: 'INSUFFICIENT_STORAGE' | 'STORE_UNAVAILABLE';
  retryAfterSeconds: number;
  message: string;
}

const FULL = new Set(['SQLITE_FULL', 'ENOSPC', 'EDQUOT']);
/** Locks held too long by another writer, I/O errors, a read-only or vanished file. */
const UNAVAILABLE = /^(SQLITE_(BUSY|LOCKED|IOERR|READONLY|CANTOPEN|PROTOCOL)|EIO|EROFS|EMFILE|ENFILE)/;
/** Driver errors of MongoDB and EventStoreDB that mean "not reachable right now". */
const UNREACHABLE_NAMES = new Set(['MongoServerSelectionError', 'MongoNetworkError', 'MongoNetworkTimeoutError', 'MongoNotConnectedError', 'MongoPoolClearedError']);
const UNREACHABLE_TYPES = new Set(['unavailable', 'deadline-exceeded', 'not-leader', 'timeout', 'cancelled']);

export function storageFailure(error: unknown): StorageFailure | null {
  if (typeof error !== 'object' || error === null) return null;
  const { code, name, type } = error as { code?: unknown; name?: unknown; type?: unknown };
  if (typeof code === 'string' && FULL.has(code)) {
    return { status: 507, code: 'INSUFFICIENT_STORAGE', retryAfterSeconds: 30, message: 'the store is out of space; nothing was stored, retry later' };
  }
  if ((typeof code === 'string' && UNAVAILABLE.test(code)) || UNREACHABLE_NAMES.has(String(name)) || UNREACHABLE_TYPES.has(String(type))) {
    return { status: 503, code: 'STORE_UNAVAILABLE', retryAfterSeconds: 5, message: 'the store is unavailable right now; retry later' };
  }
  return null;
}
