import { buildFixture } from '../contract-fixtures.js';
import type { StoredTransition } from '../read-model.port.js';
import { TRANSITION_INSERT_COLUMNS, type TransitionRow, toFeedTransition, toTransition, transitionRowValues } from './transition-row.js';

/** The row SQLite gives back for an insert of transitionRowValues, read with safeIntegers. */
function rowOf(tr: StoredTransition, seq: bigint): TransitionRow {
  const columns = TRANSITION_INSERT_COLUMNS.split(', ');
  const row = Object.fromEntries(transitionRowValues(tr).map((value, i) => [columns[i], typeof value === 'number' ? BigInt(value) : value]));
  return { seq, ...row } as TransitionRow;
}

const { transitions: plain } = buildFixture();
const SNAPSHOT = { status: 'ACTIVE', loyaltyLevel: 'REPEAT', valueTier: 'VIP', net12: 9000, orders12: 2, lastPurchaseAt: 1705708800000 };
/** The fixture's transitions, every other one with a snapshot as the projector records it. */
const transitions: StoredTransition[] = plain.map((tr, i) => (i % 2 === 0 ? { ...tr, snapshot: SNAPSHOT } : tr));

describe('transition rows', () => {
  it('takes one value per inserted column', () => {
    for (const tr of transitions) expect(transitionRowValues(tr)).toHaveLength(TRANSITION_INSERT_COLUMNS.split(', ').length);
  });

  it('round-trips every transition of the feed, causes, reactivations and positions beyond 2^53 included', () => {
    expect(transitions.some((tr) => 'dayEnded' in tr.cause)).toBe(true);
    expect(transitions.some((tr) => tr.reactivation)).toBe(true);
    expect(transitions.some((tr) => tr.snapshot === undefined)).toBe(true);
    transitions.forEach((tr, i) => expect(toFeedTransition(rowOf(tr, BigInt(i + 1)))).toEqual(tr));
  });

  it('leaves the snapshot out of a customer\'s history', () => {
    const tr = transitions.find((t) => t.snapshot !== undefined) as StoredTransition;
    const { snapshot, ...history } = tr;
    expect(snapshot).toBeDefined();
    expect(toTransition(rowOf(tr, 1n))).toEqual(history);
  });

  it('reads a row stored before the snapshot column as a transition without one', () => {
    const tr = plain[0];
    expect(tr).not.toHaveProperty('snapshot');
    const row = rowOf(tr, 1n);
    expect(row.snapshot).toBeNull();
    expect(toFeedTransition(row)).toEqual(tr);
    expect(toFeedTransition(row)).not.toHaveProperty('snapshot');
  });
});
