import { Long } from 'mongodb';
import { toBigInt, toLong } from './int64.js';

describe('int64 positions', () => {
  it('converts bigints to Longs and back exactly, beyond 2^53', () => {
    for (const value of [0n, 1n, 2n ** 53n + 1n, 2n ** 63n - 1n, -(2n ** 63n)]) {
      const long = toLong(value);
      expect(Long.isLong(long)).toBe(true);
      expect(toBigInt(long)).toBe(value);
    }
  });

  it('refuses values outside the int64 range', () => {
    expect(() => toLong(2n ** 63n)).toThrow(RangeError);
    expect(() => toLong(-(2n ** 63n) - 1n)).toThrow(RangeError);
  });

  it('reads bigints, safe integers and Longs, and nothing else', () => {
    expect(toBigInt(42n)).toBe(42n);
    expect(toBigInt(42)).toBe(42n);
    expect(toBigInt(Long.fromString('9007199254740993'))).toBe(9007199254740993n);
    expect(() => toBigInt(2 ** 53)).toThrow(TypeError);
    expect(() => toBigInt(1.5)).toThrow(TypeError);
    expect(() => toBigInt('7')).toThrow(TypeError);
    expect(() => toBigInt(null)).toThrow(TypeError);
  });
});
