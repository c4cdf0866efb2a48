/**
 * The purchase/refund decider of scenario peer-emmett, in Emmett's shape (decide/evolve over a
 * customer stream), with the rules of our decider: a duplicate eventId is a no-op, a second
 * purchase of an orderId, a refund of an unknown order and a refund over the order's remaining
 * amount are rejected.
 */
export class CommandRejected extends Error {
  constructor(code) {
    super(code);
    this.code = code;
  }
}

export const initialState = () => ({ eventIds: new Set(), orders: new Map() });

export function evolve(state, event) {
  const eventIds = new Set(state.eventIds).add(event.data.eventId);
  const orders = new Map(state.orders);
  if (event.type === 'PurchaseRecorded') {
    orders.set(event.data.orderId, { total: event.data.amountMinor, refunded: 0 });
  } else if (event.type === 'RefundRecorded') {
    const order = orders.get(event.data.orderId);
    if (order) orders.set(event.data.orderId, { ...order, refunded: order.refunded + event.data.amountMinor });
  }
  return { eventIds, orders };
}

export function decide(command, state) {
  const { data } = command;
  if (state.eventIds.has(data.eventId)) return [];
  if (command.type === 'RecordPurchase') {
    if (state.orders.has(data.orderId)) throw new CommandRejected('DUPLICATE_ORDER');
    return { type: 'PurchaseRecorded', data };
  }
  const order = state.orders.get(data.orderId);
  if (!order) throw new CommandRejected('UNKNOWN_ORDER');
  if (order.refunded + data.amountMinor > order.total) throw new CommandRejected('REFUND_EXCEEDS_ORDER');
  return { type: 'RefundRecorded', data };
}

/** A workload command (bench/src/peer-emmett/purchase-refund-workload.ts) as an Emmett command. */
export function toCommand(command) {
  const { kind, ...data } = command;
  return { type: kind === 'purchase' ? 'RecordPurchase' : 'RecordRefund', data };
}
