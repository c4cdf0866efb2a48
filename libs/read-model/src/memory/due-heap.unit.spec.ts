import { DueHeap } from './due-heap.js';

describe('DueHeap', () => {
  it('pops entries in nextDueAt order and compacts to the entries kept', () => {
    const heap = new DueHeap();
    const values = [50, 3, 99, 3, 17, 0, 64, 8, 8, 42];
    values.forEach((dueAt, i) => heap.push({ dueAt, customerId: `c${i}` }));
    heap.compact((entry) => entry.customerId !== 'c1');
    const popped: number[] = [];
    for (let entry = heap.pop(); entry; entry = heap.pop()) popped.push(entry.dueAt);
    expect(popped).toEqual([0, 3, 8, 8, 17, 42, 50, 64, 99]);
    expect(heap.length).toBe(0);
  });
});
