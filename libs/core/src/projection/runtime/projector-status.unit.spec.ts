import type { ProjectionMeta } from '@lifecycle/read-model';
import { lagOf } from './high-water-mark.js';
import { projectorStatus } from './projector-status.js';
import { initialRuntimeState, type RuntimeEvent, type RuntimeState, transition } from './runtime-state.js';

const state = (...events: RuntimeEvent[]): RuntimeState => [{ type: 'subscribed' } as RuntimeEvent, ...events].reduce(transition, initialRuntimeState);
const meta = (checkpoint: bigint | null): ProjectionMeta => ({ checkpoint, rulesVersion: 'r', clockDate: '2025-01-02', clockAsOf: null, cutoffs: null });
const healthy = { failure: null, totalRetries: 0 };
const inMemory = { checkpoint: 3n, clockDate: '2025-01-01' };

describe('projector status', () => {
  it('is running and caught up when live without a failure, with the stored checkpoint and its lag', () => {
    const s = projectorStatus({ inProcess: true, state: state({ type: 'caught-up', generation: 1 }), backoff: healthy, mark: { head: 9n, meta: meta(7n) }, inMemory });
    expect(s).toMatchObject({ mode: 'in-process', running: true, caughtUp: true, checkpoint: '7', head: '9', lag: '2', clockDate: '2025-01-02', error: null, retries: 0 });
  });

  it('reports a failing batch: not running, the error, retries and the next delay', () => {
    const failure = { error: 'disk full', retries: 3, since: '2026-01-01T00:00:00.000Z', nextRetryMs: 400 };
    const s = projectorStatus({
      inProcess: true, state: state({ type: 'batch-failed', generation: 1 }), backoff: { failure, totalRetries: 5 }, mark: { head: 9n, meta: meta(7n) }, inMemory,
    });
    expect(s).toMatchObject({ running: false, caughtUp: false, error: 'disk full', retries: 3, failingSince: failure.since, nextRetryMs: 400, totalRetries: 5 });
  });

  it('reports a halted projector by its error, and falls back to memory when the stores cannot be read', () => {
    const halted = state({ type: 'subscription-failed', generation: 1 }, { type: 'restart-refused', generation: 1, error: 'other rules' });
    const s = projectorStatus({ inProcess: false, state: halted, backoff: healthy, mark: { head: null, meta: null }, inMemory });
    expect(s).toMatchObject({ mode: 'external', running: false, error: 'other rules', checkpoint: '3', head: null, lag: null, clockDate: '2025-01-01' });
  });

  it('counts the whole log as lag before the first checkpoint', () => {
    expect(lagOf(4n, null)).toBe(5n);
    expect(lagOf(4n, 4n)).toBe(0n);
    expect(lagOf(null, 1n)).toBeNull();
  });
});
