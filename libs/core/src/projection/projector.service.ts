import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { rulesVersion } from '@lifecycle/domain';
import type { EventStore, Subscription } from '@lifecycle/event-store';
import type { ReadModelStore } from '@lifecycle/read-model';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG, EVENT_STORE, READ_MODEL } from '../tokens.js';
import { catchUp } from './catch-up.js';
import { Projector } from './projector.js';
import { RulesMismatchError } from './rules-mismatch.error.js';

const POLL_MS = 5;

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

  /** Starts the live subscription from the checkpoint; throws RulesMismatchError when the read model has other rules. */
  async start(): Promise<void> {
    if (this.subscription) return;
    const meta = await this.init();
    this.caughtUp = false;
    this.lastError = null;
    this.subscription = this.events.subscribeToAll({
      after: meta.checkpoint ?? undefined,
      batchSize: this.config.projectorBatchSize,
      handler: async (batch) => {
        await this.projector.handle(batch);
        this.release();
      },
      onCaughtUp: () => {
        this.caughtUp = true;
        this.logger.log(`caught up at position ${String(this.projector.checkpoint)}`);
      },
      onError: (error) => {
        this.lastError = (error as Error).message;
        this.logger.error(`projection stopped: ${(error as Error).stack ?? String(error)}`);
      },
    });
  }

  /** Projects everything appended so far, in this process (the CLI's wait after an import). */
  async catchUpOnce(): Promise<bigint | null> {
    await this.init();
    await catchUp(this.events, this.projector, this.config.projectorBatchSize);
    return this.projector.checkpoint;
  }

  /** Stops the live subscription after its current batch (the checkpoint of that batch is saved). */
  async pause(): Promise<void> {
    const subscription = this.subscription;
    this.subscription = null;
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
    return this.subscription !== null;
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

  async status(): Promise<{ mode: 'in-process' | 'external'; running: boolean; caughtUp: boolean; checkpoint: string | null; head: string; lag: string; clockDate: string | null; error: string | null }> {
    const head = await this.events.headPosition();
    const meta = await this.readModel.loadMeta();
    const checkpoint = meta.checkpoint;
    return {
      mode: this.config.projector ? 'in-process' : 'external',
      running: this.subscription !== null && this.lastError === null,
      caughtUp: this.caughtUp,
      checkpoint: checkpoint === null ? null : checkpoint.toString(),
      head: head.toString(),
      lag: (checkpoint === null ? head + 1n : head - checkpoint).toString(),
      clockDate: meta.clockDate,
      error: this.lastError,
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
