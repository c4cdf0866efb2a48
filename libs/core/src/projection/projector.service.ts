import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { rulesVersion } from '@lifecycle/domain';
import type { EventStore, Subscription } from '@lifecycle/event-store';
import type { ReadModelStore } from '@lifecycle/read-model';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG, EVENT_STORE, READ_MODEL } from '../tokens.js';
import { catchUp } from './catch-up.js';
import { Projector } from './projector.js';
import { rebuildProjection } from './rebuild/rebuild-projection.js';
import { RetryBackoff } from './retry-backoff.js';
import { RulesMismatchError } from './rules-mismatch.error.js';

const POLL_MS = 5;

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

/**
 * Runs the projector as a catch-up subscription over the whole log, when this process projects.
 * ProjectionVersionsService starts it, and pauses and restarts it around a version switch.
 */
@Injectable()
export class ProjectorService implements OnApplicationShutdown {
  private readonly logger = new Logger('Projector');
  projector: Projector;
  private subscription: Subscription | null = null;
  private waiters: Array<{ position: bigint; resolve: () => void }> = [];
  private caughtUp = false;
  private lastError: string | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_MODEL) private readonly readModel: ReadModelStore,
  ) {
    this.projector = new Projector(readModel, config.rules);
  }

  /** Retries of failing batches and of subscription restarts; tests shorten its delays. */
  readonly backoff = new RetryBackoff();
  private restartTimer: NodeJS.Timeout | null = null;
  private generation = 0;

  /** Starts the live subscription from the checkpoint; throws RulesMismatchError when the read model has other rules. */
  async start(): Promise<void> {
    if (this.subscription) return;
    const meta = await this.init();
    this.caughtUp = false;
    this.lastError = null;
    const generation = ++this.generation;
    this.subscription = this.events.subscribeToAll({
      after: meta.checkpoint ?? undefined,
      batchSize: this.config.projectorBatchSize,
      handler: async (batch) => {
        // A failing batch (storage error, disk full, store unreachable) is retried as it is,
        // forever; the projector's position guards make a retry after a partial write a no-op.
        await this.backoff.run(() => this.projector.handle(batch), () => generation !== this.generation, (failure, error) => {
          this.caughtUp = false;
          this.logger.error(`projection batch failed (attempt ${failure.retries}), retrying in ${failure.nextRetryMs} ms: ${(error as Error)?.stack ?? String(error)}`);
        });
        this.release();
      },
      onCaughtUp: () => {
        this.caughtUp = true;
        this.logger.log(`caught up at position ${String(this.projector.checkpoint)}`);
      },
      onError: (error) => {
        if (generation !== this.generation) return;
        // The subscription itself failed (e.g. reading the log): start again from the stored checkpoint.
        this.subscription = null;
        this.scheduleRestart(error);
      },
    });
  }

  private scheduleRestart(error: unknown): void {
    const failure = this.backoff.recordFailure(error);
    this.caughtUp = false;
    this.logger.error(`projection stopped (attempt ${failure.retries}), restarting in ${failure.nextRetryMs} ms: ${(error as Error)?.stack ?? String(error)}`);
    const generation = this.generation;
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      if (generation !== this.generation) return;
      this.projector = new Projector(this.readModel, this.config.rules);
      this.start().then(() => this.backoff.succeeded(), (next: unknown) => {
        if (next instanceof RulesMismatchError) {
          this.lastError = next.message;
          this.logger.error(`projection stopped: ${next.message}`);
        } else if (generation === this.generation) this.scheduleRestart(next);
      });
    }, failure.nextRetryMs);
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
    const subscription = this.subscription;
    this.subscription = null;
    this.generation += 1;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;
    this.backoff.stop();
    await subscription?.stop();
  }

  /** After the read model switched to another version: a fresh projector over it, live again if it was. */
  async restart(live: boolean): Promise<void> {
    await this.pause();
    this.projector = new Projector(this.readModel, this.config.rules);
    if (live) await this.start();
    else await this.projector.init();
    this.release();
  }

  get live(): boolean {
    return this.subscription !== null || this.restartTimer !== null;
  }

  private async init() {
    const meta = await this.projector.init();
    const expected = rulesVersion(this.config.rules);
    if (meta.rulesVersion !== expected) throw new RulesMismatchError(meta.rulesVersion, expected);
    return meta;
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.subscription) return;
    await this.pause();
    this.logger.log(`stopped after the current batch; checkpoint ${String(this.projector.checkpoint)} saved`);
  }

  /**
   * Read-your-writes: resolves true once the projection has passed `position`, false after the
   * timeout. When another process projects, the stored checkpoint is polled.
   */
  async waitFor(position: bigint, timeoutMs: number): Promise<boolean> {
    if (this.reached(position)) return true;
    if (!this.subscription) return this.pollCheckpoint(position, timeoutMs);
    return new Promise<boolean>((resolve) => {
      const waiter = {
        position,
        resolve: () => {
          clearTimeout(timer);
          resolve(true);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve(this.reached(position));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  private async pollCheckpoint(position: bigint, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { checkpoint } = await this.readModel.loadMeta();
      if (checkpoint !== null && checkpoint >= position) return true;
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, Math.min(POLL_MS, Math.max(1, deadline - Date.now()))));
    }
  }

  async status(): Promise<ProjectorStatus> {
    const failure = this.backoff.failure;
    // Health must answer while a store fails: what cannot be read is reported, not thrown.
    const head = await this.events.headPosition().catch(() => null);
    const meta = await this.readModel.loadMeta().catch(() => null);
    const checkpoint = meta ? meta.checkpoint : this.projector.checkpoint;
    const lag = head === null ? null : checkpoint === null ? head + 1n : head - checkpoint;
    const running = this.subscription !== null && failure === null && this.lastError === null;
    // Caught up again once a recovered projection has reached the head.
    if (running && lag === 0n) this.caughtUp = true;
    return {
      mode: this.config.projector ? 'in-process' : 'external',
      running,
      caughtUp: this.caughtUp && running,
      checkpoint: checkpoint === null ? null : checkpoint.toString(),
      head: head === null ? null : head.toString(),
      lag: lag === null ? null : lag.toString(),
      clockDate: meta?.clockDate ?? this.projector.clock.date,
      error: failure?.error ?? this.lastError,
      retries: failure?.retries ?? 0,
      failingSince: failure?.since ?? null,
      nextRetryMs: failure?.nextRetryMs ?? null,
      totalRetries: this.backoff.totalRetries,
    };
  }

  /** Events of streams or types this process's projector skipped as not its own (zero where another process projects). */
  foreignEvents(): { foreignEvents: number; lastForeignEvent: Projector['stats']['lastForeignEvent'] } {
    return { foreignEvents: this.projector.stats.foreignEvents, lastForeignEvent: this.projector.stats.lastForeignEvent };
  }

  private reached(position: bigint): boolean {
    const checkpoint = this.projector.checkpoint;
    return checkpoint !== null && checkpoint >= position;
  }

  private release(): void {
    const ready = this.waiters.filter((w) => this.reached(w.position));
    if (ready.length === 0) return;
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const waiter of ready) waiter.resolve();
  }
}
