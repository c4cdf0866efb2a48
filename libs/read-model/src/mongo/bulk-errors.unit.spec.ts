import { DUPLICATE_KEY, duplicateKeyFailures, duplicateKeyIndexes } from './bulk-errors.js';

describe('bulk write errors', () => {
  it('returns the operations that failed on a duplicate key only', () => {
    expect(duplicateKeyIndexes([{ code: DUPLICATE_KEY, index: 4 }, { code: DUPLICATE_KEY, index: 1 }], false)).toEqual([1, 4]);
  });

  it('gives up on any other failure', () => {
    expect(duplicateKeyIndexes([{ code: DUPLICATE_KEY, index: 1 }, { code: 121, index: 2 }], false)).toBeNull();
    expect(duplicateKeyIndexes([{ code: DUPLICATE_KEY, index: 1 }], true)).toBeNull();
    expect(duplicateKeyIndexes([], false)).toBeNull();
    expect(duplicateKeyIndexes([{ index: 0 }], false)).toBeNull();
  });

  it('ignores errors that are not bulk write errors', () => {
    expect(duplicateKeyFailures(new Error('E11000 duplicate key'))).toBeNull();
    expect(duplicateKeyFailures({ code: DUPLICATE_KEY, writeErrors: [{ code: DUPLICATE_KEY, index: 0 }] })).toBeNull();
  });
});
