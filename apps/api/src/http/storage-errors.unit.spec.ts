import { storageFailure } from './storage-errors.js';

const withCode = (code: string) => Object.assign(new Error(code), { code });

describe('storageFailure', () => {
  it.each([['SQLITE_FULL'], ['ENOSPC'], ['EDQUOT']])('answers %s as 507 INSUFFICIENT_STORAGE with a retry hint', (code) => {
    expect(storageFailure(withCode(code))).toMatchObject({ status: 507, code: 'INSUFFICIENT_STORAGE', retryAfterSeconds: expect.any(Number) });
  });

  it.each([
    ['a busy SQLite file', withCode('SQLITE_BUSY')],
    ['an I/O error', withCode('SQLITE_IOERR_WRITE')],
    ['MongoDB out of reach', Object.assign(new Error('x'), { name: 'MongoServerSelectionError' })],
    ['EventStoreDB unavailable', Object.assign(new Error('x'), { type: 'unavailable' })],
  ])('answers %s as 503 STORE_UNAVAILABLE', (_name, error) => {
    expect(storageFailure(error)).toMatchObject({ status: 503, code: 'STORE_UNAVAILABLE' });
  });

  it('leaves programming errors to the 500 path', () => {
    expect(storageFailure(new TypeError('x is undefined'))).toBeNull();
    expect(storageFailure(withCode('SQLITE_CONSTRAINT_UNIQUE'))).toBeNull();
    expect(storageFailure('text')).toBeNull();
  });
});
