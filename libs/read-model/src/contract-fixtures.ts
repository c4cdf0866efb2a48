import {
  applyBusinessEvent, applyDayEnd, type BusinessEvent, type CustomerState, type Cutoffs, dayEndAsOf, defaultRules,
} from '@lifecycle/domain';
import type { CustomerRecord, StoredTransition } from './read-model.port.js';

/**
 * A small population for the read-model contract, built by folding events through the domain.
 * Ids are chosen so that ordinal order matters ('10' < '2' < '9') and net12 ties occur.
 */
export const rules = defaultRules('EUR');

/** The cutoffs in force while folding: VIP down to (9000, '11'), KEY to (5000, '10'), STANDARD to (3000, '3'). */
export const FOLD_CUTOFFS: Cutoffs = {
  populationSize: 6,
  VIP: { net12: 9000, customerId: '11' },
  KEY: { net12: 5000, customerId: '10' },
  STANDARD: { net12: 3000, customerId: '3' },
};

/** Positions beyond 2^53, so that only an exact bigint round-trip keeps them. */
export const BASE_POSITION = 2n ** 53n;
export const DAY_END_DATE = '2024-04-09';
export const DAY_END_POSITION = BASE_POSITION + 1000n;

const T0 = Date.parse('2024-01-01T00:00:00.000Z');
const on = (day: number): string => new Date(T0 + day * 86_400_000).toISOString();

type EventSpec =
  | { type: 'purchase'; day: number; amount: number }
  | { type: 'quote'; day: number }
  | { type: 'churn'; day: number };

const SPECS: Array<[string, EventSpec[]]> = [
  ['1', []],
  ['10', [{ type: 'purchase', day: 10, amount: 5000 }]],
  ['9', [{ type: 'purchase', day: 12, amount: 5000 }]],
  ['11', [{ type: 'purchase', day: 5, amount: 4000 }, { type: 'purchase', day: 20, amount: 5000 }]],
  ['3', [{ type: 'purchase', day: 3, amount: 3000 }]],
  ['4', [{ type: 'quote', day: 5 }]],
  ['5', [{ type: 'purchase', day: 1, amount: 2000 }, { type: 'churn', day: 2 }, { type: 'purchase', day: 6, amount: 1000 }]],
  ['2', [{ type: 'purchase', day: 2, amount: 1500 }, { type: 'churn', day: 30 }]],
];

function toEvent(customerId: string, spec: EventSpec, n: number): BusinessEvent {
  const base = { eventId: `evt-${customerId}-${n}`, customerId, occurredAt: on(spec.day) };
  switch (spec.type) {
    case 'purchase':
      return { ...base, type: 'PurchaseCompleted', data: { orderId: `o-${customerId}-${n}`, total: { amountMinor: spec.amount, currency: 'EUR' }, salesChannel: 'ONLINE' } };
    case 'quote':
      return { ...base, type: 'InteractionRecorded', data: { interactionId: `i-${customerId}-${n}`, channel: 'EMAIL', direction: 'INBOUND', intent: 'QUOTE_REQUEST' } };
    case 'churn':
      return { ...base, type: 'CustomerChurnDeclared', data: { reason: 'MANUAL' } };
  }
}

export interface Fixture {
  /** By customerId, in the order above. */
  records: Map<string, CustomerRecord>;
  /** Every transition, in position order. */
  transitions: StoredTransition[];
}

/** Folds every customer's events (a registration first), then ends a day that makes '10' ACTIVE. */
export function buildFixture(): Fixture {
  const records = new Map<string, CustomerRecord>();
  const transitions: StoredTransition[] = [];
  let position = BASE_POSITION;
  const ctx = { clockAsOf: null, cutoffs: FOLD_CUTOFFS, rules };
  for (const [customerId, specs] of SPECS) {
    const events: BusinessEvent[] = [
      { eventId: `evt-${customerId}-0`, type: 'CustomerRegistered', customerId, occurredAt: on(0), data: { kind: 'CONSUMER', relation: 'END_CUSTOMER', displayName: `Customer ${customerId}` } },
      ...specs.map((spec, i) => toEvent(customerId, spec, i + 1)),
    ];
    let state: CustomerState | undefined;
    for (const event of events) {
      position += 1n;
      const step = applyBusinessEvent(state, event, ctx);
      state = step.state;
      transitions.push(...step.transitions.map((tr) => ({ ...tr, position })));
    }
    records.set(customerId, { state: state as CustomerState, lastPosition: position, tierDirty: false });
  }
  const ten = records.get('10') as CustomerRecord;
  const dayEnd = applyDayEnd(ten.state, DAY_END_DATE, dayEndAsOf(DAY_END_DATE), rules);
  records.set('10', { state: dayEnd.state, lastPosition: DAY_END_POSITION, tierDirty: false });
  transitions.push(...dayEnd.transitions.map((tr) => ({ ...tr, position: DAY_END_POSITION })));
  return { records, transitions };
}

export const ids = (records: Iterable<CustomerRecord>): string[] => [...records].map((r) => r.state.customerId);
export const ordinal = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
