import type { RecordedEvent } from '../event-store.port.js';
import { BatchDelivery, type BatchDeliveryOptions } from './batch-delivery.js';

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

const event = (position: number): RecordedEvent => ({
  streamId: 's',
  revision: BigInt(position),
  position: BigInt(position),
  eventId: `id-${position}`,
  type: 'T',
  data: {},
  metadata: {},
  recordedAt: '2024-01-01T00:00:00.000Z',
});

function setup(overrides: Partial<BatchDeliveryOptions> = {}) {
  const batches: number[][] = [];
  const log: string[] = [];
  const errors: unknown[] = [];
  let release: (() => void) | undefined;
  const delivery = new BatchDelivery({
    batchSize: 3,
    windowMs: 20,
    after: undefined,
    handler: async (events) => {
      log.push('handle');
      batches.push(events.map((e) => Number(e.position)));
      await new Promise<void>((done) => (release = done));
    },
    pause: () => log.push('pause'),
    resume: () => log.push('resume'),
    onIdle: () => log.push('idle'),
    onError: (error) => errors.push(error),
    ...overrides,
  });
  const finishBatch = async () => {
    await sleep(0);
    release?.();
    release = undefined;
    await sleep(0);
  };
  return { delivery, batches, log, errors, finishBatch };
}

describe('BatchDelivery', () => {
  it('delivers a full batch at once with the source paused until the handler is done', async () => {
    const { delivery, batches, log, finishBatch } = setup();
    [1, 2, 3, 4].forEach((p) => delivery.push(event(p)));
    expect(batches).toEqual([[1, 2, 3]]);
    expect(log).toEqual(['pause', 'handle']);
    delivery.push(event(5));
    delivery.push(event(6));
    expect(batches).toHaveLength(1);

    await finishBatch();
    expect(batches).toEqual([[1, 2, 3], [4, 5, 6]]);
    expect(delivery.checkpoint).toBe(3n);
    await finishBatch();
    expect(log).toEqual(['pause', 'handle', 'pause', 'handle', 'resume', 'idle']);
    expect(delivery.checkpoint).toBe(6n);
    expect(delivery.idle).toBe(true);
  });

  it('delivers what arrived within the window as a partial batch', async () => {
    const { delivery, batches, finishBatch } = setup();
    delivery.push(event(1));
    await sleep(5);
    delivery.push(event(2));
    expect(batches).toEqual([]);
    await sleep(40);
    expect(batches).toEqual([[1, 2]]);
    await finishBatch();
  });

  it('ignores events at or before the checkpoint and repeats', async () => {
    const { delivery, batches, finishBatch } = setup({ after: 10n });
    [9, 10, 11, 11, 12, 13].forEach((p) => delivery.push(event(p)));
    expect(batches).toEqual([[11, 12, 13]]);
    await finishBatch();
  });

  it('drops buffered events on clear so a restarted source can deliver them again', async () => {
    const { delivery, batches, finishBatch } = setup();
    [1, 2, 3, 4].forEach((p) => delivery.push(event(p)));
    delivery.clear();
    await finishBatch();
    expect(batches).toEqual([[1, 2, 3]]);
    [4, 5].forEach((p) => delivery.push(event(p)));
    await sleep(40);
    expect(batches).toEqual([[1, 2, 3], [4, 5]]);
    await finishBatch();
  });

  it('reports a failing handler and delivers nothing more', async () => {
    const { delivery, batches, errors } = setup({
      handler: async (events) => {
        batches.push(events.map((e) => Number(e.position)));
        throw new Error('boom');
      },
    });
    [1, 2, 3].forEach((p) => delivery.push(event(p)));
    await sleep(0);
    [4, 5, 6].forEach((p) => delivery.push(event(p)));
    await sleep(40);
    expect(batches).toEqual([[1, 2, 3]]);
    expect(errors).toEqual([new Error('boom')]);
  });

  it('stop() waits for the batch being handled and delivers nothing after', async () => {
    const { delivery, batches, finishBatch } = setup();
    [1, 2, 3, 4].forEach((p) => delivery.push(event(p)));
    let stopped = false;
    const stopping = delivery.stop().then(() => (stopped = true));
    await sleep(10);
    expect(stopped).toBe(false);
    await finishBatch();
    await stopping;
    delivery.push(event(5));
    await sleep(40);
    expect(batches).toEqual([[1, 2, 3]]);
  });
});
