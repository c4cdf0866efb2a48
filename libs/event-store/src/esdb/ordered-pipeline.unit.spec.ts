import { createKeyedLock, createLimiter, runOrderedPipeline } from './ordered-pipeline.js';

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

interface Item {
  key: string;
  id: number;
  prepareMs: number;
}

describe('runOrderedPipeline', () => {
  it('commits in item order while preparing ahead, one at a time per key, within the bound', async () => {
    const items: Item[] = [
      { key: 'a', id: 0, prepareMs: 30 },
      { key: 'b', id: 1, prepareMs: 1 },
      { key: 'a', id: 2, prepareMs: 1 },
      { key: 'c', id: 3, prepareMs: 5 },
      { key: 'd', id: 4, prepareMs: 1 },
    ];
    const log: string[] = [];
    const activeKeys = new Set<string>();
    let active = 0;
    let maxActive = 0;

    const results = await runOrderedPipeline(items, {
      concurrency: 3,
      keyOf: (item) => item.key,
      prepare: async (item) => {
        if (activeKeys.has(item.key)) throw new Error(`key ${item.key} ran twice at once`);
        activeKeys.add(item.key);
        active++;
        maxActive = Math.max(maxActive, active);
        log.push(`prepare ${item.id}`);
        await sleep(item.prepareMs);
        return item.id * 10;
      },
      commit: async (item, prepared) => {
        log.push(`commit ${item.id}`);
        await sleep(1);
        return prepared + 1;
      },
      finish: async (item, committed) => {
        activeKeys.delete(item.key);
        active--;
        return `${item.id}:${committed}`;
      },
    });

    expect(results).toEqual(['0:1', '1:11', '2:21', '3:31', '4:41']);
    expect(log.filter((l) => l.startsWith('commit'))).toEqual(['commit 0', 'commit 1', 'commit 2', 'commit 3', 'commit 4']);
    expect(log.indexOf('prepare 1')).toBeLessThan(log.indexOf('commit 0'));
    expect(log.indexOf('prepare 2')).toBeGreaterThan(log.indexOf('commit 0'));
    expect(maxActive).toBeLessThanOrEqual(3);
  });

  it('stops committing after a failure and rethrows it once the started items settled', async () => {
    const committed: number[] = [];
    const run = runOrderedPipeline([0, 1, 2, 3], {
      concurrency: 4,
      keyOf: (n) => String(n),
      prepare: async (n) => n,
      commit: async (n) => {
        if (n === 1) throw new Error('down');
        committed.push(n);
        return n;
      },
      finish: async (_n, c) => c,
    });
    await expect(run).rejects.toThrow('down');
    expect(committed).toEqual([0]);
  });
});

describe('runOrderedPipeline with barriers', () => {
  it('commits items between barriers together and each barrier after all before it and before all after it', async () => {
    const items = ['a', 'b', 'c', 'TICK', 'd', 'e', 'TICK2', 'f'];
    const log: string[] = [];
    let active = 0;
    let maxActive = 0;
    await runOrderedPipeline(items, {
      concurrency: 8,
      keyOf: (item) => item,
      isBarrier: (item) => item.startsWith('TICK'),
      prepare: async () => undefined,
      commit: async (item) => {
        active++;
        maxActive = Math.max(maxActive, active);
        log.push(`start ${item}`);
        await sleep(item === 'a' ? 20 : 2);
        log.push(`end ${item}`);
        active--;
      },
      finish: async () => undefined,
    });
    expect(maxActive).toBe(3);
    const at = (entry: string) => log.indexOf(entry);
    for (const before of ['a', 'b', 'c']) expect(at(`end ${before}`)).toBeLessThan(at('start TICK'));
    for (const after of ['d', 'e']) {
      expect(at(`start ${after}`)).toBeGreaterThan(at('end TICK'));
      expect(at(`end ${after}`)).toBeLessThan(at('start TICK2'));
    }
    expect(at('start f')).toBeGreaterThan(at('end TICK2'));
  });
});

describe('createKeyedLock', () => {
  it('runs tasks of one key in call order, other keys alongside, and survives a failing task', async () => {
    const lock = createKeyedLock();
    const log: string[] = [];
    const task = (name: string, ms: number, fail = false) => async () => {
      log.push(`start ${name}`);
      await sleep(ms);
      log.push(`end ${name}`);
      if (fail) throw new Error(name);
    };
    await Promise.allSettled([lock('a', task('a1', 20, true)), lock('a', task('a2', 1)), lock('b', task('b1', 1))]);
    expect(log.indexOf('start b1')).toBeLessThan(log.indexOf('end a1'));
    expect(log.indexOf('start a2')).toBeGreaterThan(log.indexOf('end a1'));
  });
});

describe('createLimiter', () => {
  it('starts tasks in call order and never runs more than the bound', async () => {
    const limit = createLimiter(2);
    let active = 0;
    let maxActive = 0;
    const started: number[] = [];
    await Promise.all(
      [0, 1, 2, 3, 4, 5].map((n) =>
        limit(async () => {
          started.push(n);
          active++;
          maxActive = Math.max(maxActive, active);
          await sleep(n % 2 === 0 ? 5 : 1);
          active--;
        }),
      ),
    );
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);
    expect(maxActive).toBe(2);
  });
});
