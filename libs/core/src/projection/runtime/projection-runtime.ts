import { rulesVersion, type RulesConfig } from '@lifecycle/domain';
import type { EventStore, Subscription } from '@lifecycle/event-store';
import type { ProjectionMeta, ReadModelStore } from '@lifecycle/read-model';
import { catchUp } from '../catch-up.js';
import { Projector } from '../projector.js';
import { rebuildProjection } from '../rebuild/rebuild-projection.js';
import { createCheckpointWaiters, pollCheckpoint } from './checkpoint-waiters.js';
import { readHighWaterMark } from './high-water-mark.js';
import { subscribeLive } from './live-subscription.js';
import { projectorStatus, type ProjectorStatus } from './projector-status.js';
import { RetryBackoff } from './retry-backoff.js';
import { RulesMismatchError } from './rules-mismatch.error.js';
import { describeError, type RuntimeLog } from './runtime-log.js';
import { createRuntimeMachine, isProjecting, isSubscribed, type RuntimeMachine, type RuntimeState } from './runtime-state.js';

export interface ProjectionRuntimeConfig {
  rules: RulesConfig;
  projectorBatchSize: number;
  /** This process projects (PROJECTOR=on). */
  projector: boolean;
  /** REBUILD_MEMORY_MB: a catch-up from position 0 folds in memory and flushes past it. */
  rebuildMemoryMb: number;
}

/**
 * Runs the projector as a catch-up subscription over the whole log, when this process projects:
 * start, retry, restart, pause around a version switch, read-your-writes waits and status. Its
 * state is the projector region of the runtime machine; the version coordinator drives the other.
 */
export class ProjectionRuntime {
  projector: Projector;
  /** Retries of failing batches and of subscription restarts; tests shorten its delays. */
  readonly backoff = new RetryBackoff();
  /** The one state of this process's projection runtime, shared with the version coordinator. */
  readonly machine: RuntimeMachine = createRuntimeMachine();
  private subscription: Subscription | null = null;
  private restartTimer: NodeJS.Timeout | null = null;
  private readonly waiters = createCheckpointWaiters(() => this.projector.checkpoint);

  constructor(
    private readonly config: ProjectionRuntimeConfig,
    private readonly events: EventStore,
    private readonly readModel: ReadModelStore,
    private readonly log: RuntimeLog,
  ) {
    this.projector = this.freshProjector();
  }

  get state(): RuntimeState {
    return this.machine.state;
  }

  /** Starts the live subscription from the checkpoint; throws RulesMismatchError when the read model has other rules. */
  start(): Promise<void> {
    return this.subscribe(null);
  }

  /** Projects everything appended so far, in this process (the CLI's wait after an import). */
  async catchUpOnce(): Promise<bigint | null> {
    const meta = await this.init();
    if (meta.checkpoint === null) {
      // From position 0: folded in memory and bulk-loaded (safe settings: this is the served version), then on as usual.
      await rebuildProjection({
        eventStore: this.events, target: this.readModel, rules: this.config.rules, memoryBudgetMb: this.config.rebuildMemoryMb,
        batchSize: this.config.projectorBatchSize,
      });
      await this.projector.init();
    }
    await catchUp(this.events, this.projector, this.config.projectorBatchSize);
    return this.projector.checkpoint;
  }

  /** Stops the live subscription after its current batch (the checkpoint of that batch is saved). */
  async pause(): Promise<void> {
    this.machine.dispatch({ type: 'paused' });
    await this.release();
  }

  /** After the read model switched to another version: a fresh projector over it, live again if it was. */
  async restart(live: boolean): Promise<void> {
    await this.pause();
    this.projector = this.freshProjector();
    if (live) await this.start();
    else await this.projector.init();
    this.waiters.release();
  }

  /** This process projects (or will again after a scheduled restart). */
  get live(): boolean {
    return isProjecting(this.state);
  }

  /** Stops for good (process shutdown) after the current batch. */
  async shutdown(): Promise<void> {
    const subscribed = isSubscribed(this.state);
    this.machine.dispatch({ type: 'shutdown', part: 'projector' });
    await this.release();
    if (subscribed) this.log.log(`stopped after the current batch; checkpoint ${String(this.projector.checkpoint)} saved`);
  }

  /**
   * Read-your-writes: resolves true once the projection has passed `position`, false after the
   * timeout. When another process projects, the stored checkpoint is polled.
   */
  async waitFor(position: bigint, timeoutMs: number): Promise<boolean> {
    if (isSubscribed(this.state)) return this.waiters.wait(position, timeoutMs);
    const checkpoint = this.projector.checkpoint;
    if (checkpoint !== null && checkpoint >= position) return true;
    return pollCheckpoint(async () => (await this.readModel.loadMeta()).checkpoint, position, timeoutMs);
  }

  async status(): Promise<ProjectorStatus> {
    const mark = await readHighWaterMark(this.events, this.readModel);
    const status = projectorStatus({
      inProcess: this.config.projector, state: this.state, backoff: this.backoff, mark,
      inMemory: { checkpoint: this.projector.checkpoint, clockDate: this.projector.clock.date },
    });
    // Caught up again once a recovered projection has reached the head.
    if (status.running && status.lag === '0' && this.machine.dispatch({ type: 'caught-up', generation: this.state.generation })) {
      return { ...status, caughtUp: true };
    }
    return status;
  }

  /** Events of streams or types this process's projector skipped as not its own (zero where another process projects). */
  foreignEvents(): { foreignEvents: number; lastForeignEvent: Projector['stats']['lastForeignEvent'] } {
    return { foreignEvents: this.projector.stats.foreignEvents, lastForeignEvent: this.projector.stats.lastForeignEvent };
  }

  /** Subscribes unless a subscription exists; `expected`: only if no pause or restart came in between (a scheduled restart). */
  private async subscribe(expected: number | null): Promise<void> {
    if (isSubscribed(this.state)) return;
    const meta = await this.init();
    if (expected !== null && this.state.generation !== expected) return;
    if (!this.machine.dispatch({ type: 'subscribed' })) return;
    const generation = this.state.generation;
    const current = (): boolean => generation === this.state.generation;
    this.subscription = subscribeLive({
      events: this.events, projector: this.projector, after: meta.checkpoint, batchSize: this.config.projectorBatchSize, backoff: this.backoff,
      stale: () => !current(),
      onBatchFailed: (failure, error) => {
        this.machine.dispatch({ type: 'batch-failed', generation });
        this.log.error(`projection batch failed (attempt ${failure.retries}), retrying in ${failure.nextRetryMs} ms: ${describeError(error)}`);
      },
      onBatch: () => {
        this.machine.dispatch({ type: 'batch-succeeded', generation });
        this.waiters.release();
      },
      onCaughtUp: () => {
        if (!current()) return;
        this.machine.dispatch({ type: 'caught-up', generation });
        this.log.log(`caught up at position ${String(this.projector.checkpoint)}`);
      },
      onError: (error) => {
        // The subscription itself failed (e.g. reading the log): start again from the stored checkpoint.
        if (!this.machine.dispatch({ type: 'subscription-failed', generation })) return;
        this.subscription = null;
        this.scheduleRestart(error);
      },
    });
  }

  private scheduleRestart(error: unknown): void {
    const failure = this.backoff.recordFailure(error);
    this.log.error(`projection stopped (attempt ${failure.retries}), restarting in ${failure.nextRetryMs} ms: ${describeError(error)}`);
    const generation = this.state.generation;
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      if (generation !== this.state.generation) return;
      this.projector = this.freshProjector();
      this.subscribe(generation).then(() => this.backoff.succeeded(), (next: unknown) => {
        if (next instanceof RulesMismatchError) {
          if (this.machine.dispatch({ type: 'restart-refused', generation, error: next.message })) this.log.error(`projection stopped: ${next.message}`);
        } else if (this.machine.dispatch({ type: 'subscription-failed', generation })) this.scheduleRestart(next);
      });
    }, failure.nextRetryMs);
  }

  /** Lets go of the subscription and a scheduled restart, after the machine left the running phases. */
  private async release(): Promise<void> {
    const subscription = this.subscription;
    this.subscription = null;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;
    this.backoff.stop();
    await subscription?.stop();
  }

  private freshProjector(): Projector {
    return new Projector(this.readModel, this.config.rules);
  }

  private async init(): Promise<ProjectionMeta> {
    const meta = await this.projector.init();
    const expected = rulesVersion(this.config.rules);
    if (meta.rulesVersion !== expected) throw new RulesMismatchError(meta.rulesVersion, expected);
    return meta;
  }
}
