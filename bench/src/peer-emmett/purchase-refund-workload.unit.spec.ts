import { type PeerCommand, peerWorkload } from './purchase-refund-workload.js';

/** A brute-force decider over the commands: the rejections and the lifetime net the workload promises. */
function replay(commands: PeerCommand[]): { rejected: number; net: number } {
  const orders = new Map<string, { total: number; refunded: number }>();
  let rejected = 0;
  let net = 0;
  for (const c of commands) {
    if (c.kind === 'purchase') {
      orders.set(c.orderId, { total: c.amountMinor, refunded: 0 });
      net += c.amountMinor;
      continue;
    }
    const order = orders.get(c.orderId);
    if (!order || order.refunded + c.amountMinor > order.total) {
      rejected++;
      continue;
    }
    order.refunded += c.amountMinor;
    net -= c.amountMinor;
  }
  return { rejected, net };
}

describe('peer-emmett workload', () => {
  const options = { warmup: 200, sequential: 500, concurrent: 1_000, lanes: 64, seed: 12 };
  const workload = peerWorkload(options);

  it('is deterministic for a seed and differs for another', () => {
    expect(peerWorkload(options)).toEqual(workload);
    expect(peerWorkload({ ...options, seed: 13 }).sequential[0].eventId).not.toBe(workload.sequential[0].eventId);
  });

  it('holds the requested commands, with distinct event ids', () => {
    expect(workload.warmup).toHaveLength(200);
    expect(workload.sequential).toHaveLength(500);
    expect(workload.lanes).toHaveLength(64);
    expect(workload.lanes.flat()).toHaveLength(1_000);
    const ids = [...workload.warmup, ...workload.sequential, ...workload.lanes.flat()].map((c) => c.eventId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives each lane its own customers, so commands in flight never share a stream', () => {
    const laneOf = new Map<string, number>();
    workload.lanes.forEach((lane, i) => lane.forEach((c) => {
      expect(laneOf.get(c.customerId) ?? i).toBe(i);
      laneOf.set(c.customerId, i);
    }));
    const others = new Set([...workload.warmup, ...workload.sequential].map((c) => c.customerId));
    expect([...laneOf.keys()].some((id) => others.has(id))).toBe(false);
    expect(workload.warmup.some((c) => workload.sequential.some((s) => s.customerId === c.customerId))).toBe(false);
  });

  it('promises the rejections and the lifetime net that a decider replaying it finds', () => {
    const sequential = replay(workload.sequential);
    const concurrent = replay(workload.lanes.flat());
    const warmup = replay(workload.warmup);
    expect(workload.expectedRejections).toEqual({ sequential: sequential.rejected, concurrent: concurrent.rejected });
    expect(sequential.rejected).toBeGreaterThan(0);
    expect(workload.expectedLifetimeNet).toBe(warmup.net + sequential.net + concurrent.net);
    expect(workload.customers).toBe(new Set([...workload.warmup, ...workload.sequential, ...workload.lanes.flat()].map((c) => c.customerId)).size);
  });

  it('keeps every customer\'s commands in time order', () => {
    const last = new Map<string, string>();
    for (const c of [...workload.warmup, ...workload.sequential, ...workload.lanes.flat()]) {
      expect(c.occurredAt > (last.get(c.customerId) ?? '')).toBe(true);
      last.set(c.customerId, c.occurredAt);
    }
  });
});
