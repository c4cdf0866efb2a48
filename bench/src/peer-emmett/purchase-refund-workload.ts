import { Prng } from '../workload/prng.js';

/** One command of scenario peer-emmett: a purchase, or a refund of one of the customer's earlier orders. */
export type PeerCommand =
  | { kind: 'purchase'; customerId: string; eventId: string; occurredAt: string; orderId: string; amountMinor: number }
  | { kind: 'refund'; customerId: string; eventId: string; occurredAt: string; orderId: string; refundId: string; amountMinor: number };

/** The same commands for both stacks, with what a correct decider must answer. */
export interface PeerWorkload {
  /** Issued one after another before the timed phases, on customers of their own (JIT, caches); not timed. */
  warmup: PeerCommand[];
  /** Issued one after another, interleaved over their customers. */
  sequential: PeerCommand[];
  /** One lane per in-flight command; a lane owns its customers, so concurrent commands never share a stream. */
  lanes: PeerCommand[][];
  /** Refunds over their order's remaining amount, which both deciders must reject. */
  expectedRejections: { sequential: number; concurrent: number };
  /** Sum over all customers (warm-up ones included) of purchases minus accepted refunds (minor units): the read models must agree on it. */
  expectedLifetimeNet: number;
  customers: number;
}

const COMMANDS_PER_CUSTOMER = 5;
const START_MS = Date.UTC(2024, 0, 1);
const HOUR_MS = 3_600_000;

interface CustomerPlan {
  commands: PeerCommand[];
  rejections: number;
  net: number;
}

/**
 * A customer's commands in order: purchases, and refunds of a random earlier order, one in ten
 * of them over the order's remaining amount (a rejection for both deciders).
 */
function planCustomer(customerId: string, count: number, rng: Prng): CustomerPlan {
  const orders: Array<{ orderId: string; total: number; refunded: number }> = [];
  const commands: PeerCommand[] = [];
  let at = START_MS + rng.int(0, 24 * 30) * HOUR_MS;
  let rejections = 0;
  let net = 0;
  for (let i = 0; i < count; i++) {
    at += rng.int(1, 24 * 14) * HOUR_MS;
    const common = { customerId, eventId: rng.uuid(), occurredAt: new Date(at).toISOString() };
    if (orders.length === 0 || rng.chance(0.7)) {
      const order = { orderId: `${customerId}-o${orders.length}`, total: rng.int(500, 20_000), refunded: 0 };
      orders.push(order);
      net += order.total;
      commands.push({ ...common, kind: 'purchase', orderId: order.orderId, amountMinor: order.total });
      continue;
    }
    const order = rng.pick(orders);
    const remaining = order.total - order.refunded;
    const over = remaining === 0 || rng.chance(0.1);
    const amountMinor = over ? remaining + rng.int(1, 1_000) : rng.int(1, remaining);
    if (over) rejections++;
    else {
      order.refunded += amountMinor;
      net -= amountMinor;
    }
    commands.push({ ...common, kind: 'refund', orderId: order.orderId, refundId: `${customerId}-r${i}`, amountMinor });
  }
  return { commands, rejections, net };
}

/** Round-robin over the customers' lists, each customer's commands kept in order. */
function interleave(lists: PeerCommand[][]): PeerCommand[] {
  const out: PeerCommand[] = [];
  for (let i = 0; out.length < lists.reduce((n, l) => n + l.length, 0); i++) {
    for (const list of lists) if (i < list.length) out.push(list[i]);
  }
  return out;
}

/** `warmup`, `sequential` and `concurrent` commands (about five per customer) over distinct customers, `lanes` lanes for the last. */
export function peerWorkload(options: { warmup: number; sequential: number; concurrent: number; lanes: number; seed: number }): PeerWorkload {
  const rng = new Prng(options.seed);
  let lifetimeNet = 0;
  let customers = 0;
  const plans = (prefix: string, total: number): CustomerPlan[] => {
    const plans: CustomerPlan[] = [];
    for (let c = 0, left = total; left > 0; c++) {
      const plan = planCustomer(`${prefix}-${c.toString().padStart(6, '0')}`, Math.min(COMMANDS_PER_CUSTOMER, left), rng);
      left -= plan.commands.length;
      lifetimeNet += plan.net;
      customers++;
      plans.push(plan);
    }
    return plans;
  };
  const warmup = plans('warm', options.warmup);
  const sequential = plans('seq', options.sequential);
  const concurrent = plans('conc', options.concurrent);
  const lanes = Array.from({ length: options.lanes }, (_, lane) =>
    interleave(concurrent.filter((_, c) => c % options.lanes === lane).map((p) => p.commands)));
  const rejections = (list: CustomerPlan[]) => list.reduce((n, p) => n + p.rejections, 0);
  return {
    warmup: interleave(warmup.map((p) => p.commands)),
    sequential: interleave(sequential.map((p) => p.commands)),
    lanes,
    expectedRejections: { sequential: rejections(sequential), concurrent: rejections(concurrent) },
    expectedLifetimeNet: lifetimeNet,
    customers,
  };
}
