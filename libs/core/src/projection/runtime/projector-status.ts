import type { HighWaterMark } from './high-water-mark.js';
import { lagOf } from './high-water-mark.js';
import type { RetryBackoff } from './retry-backoff.js';
import { haltedError, isHealthy, type RuntimeState } from './runtime-state.js';

export interface ProjectorStatus {
  mode: 'in-process' | 'external';
  running: boolean;
  caughtUp: boolean;
  checkpoint: string | null;
  /** null when the log cannot be read right now (lag too). */
  head: string | null;
  lag: string | null;
  clockDate: string | null;
  error: string | null;
  /** Failed attempts of the current failure; 0 while healthy. */
  retries: number;
  failingSince: string | null;
  nextRetryMs: number | null;
  totalRetries: number;
}

/** What /health shows of the projector: its state, the high-water mark (stored, else in memory) and the current failure. */
export function projectorStatus(input: {
  inProcess: boolean;
  state: RuntimeState;
  backoff: Pick<RetryBackoff, 'failure' | 'totalRetries'>;
  mark: HighWaterMark;
  inMemory: { checkpoint: bigint | null; clockDate: string | null };
}): ProjectorStatus {
  const { state, backoff, mark, inMemory } = input;
  const failure = backoff.failure;
  const checkpoint = mark.meta ? mark.meta.checkpoint : inMemory.checkpoint;
  const lag = lagOf(mark.head, checkpoint);
  const running = isHealthy(state) && failure === null;
  return {
    mode: input.inProcess ? 'in-process' : 'external',
    running,
    caughtUp: running && state.projector.kind === 'live',
    checkpoint: checkpoint === null ? null : checkpoint.toString(),
    head: mark.head === null ? null : mark.head.toString(),
    lag: lag === null ? null : lag.toString(),
    clockDate: mark.meta?.clockDate ?? inMemory.clockDate,
    error: failure?.error ?? haltedError(state),
    retries: failure?.retries ?? 0,
    failingSince: failure?.since ?? null,
    nextRetryMs: failure?.nextRetryMs ?? null,
    totalRetries: backoff.totalRetries,
  };
}
