import { nextBackoff } from './backoff.js';

describe('nextBackoff', () => {
  it('starts at 100 ms, doubles and stops at 5 s', () => {
    const delays: number[] = [];
    let ms = 0;
    for (let i = 0; i < 9; i++) delays.push((ms = nextBackoff(ms)));
    expect(delays).toEqual([100, 200, 400, 800, 1600, 3200, 5000, 5000, 5000]);
  });
});
