import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { rulesVersion } from '@lifecycle/domain';
import type { EventStore, Subscription } from '@lifecycle/event-store';
import type { ReadModelStore } from '@lifecycle/read-model';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG, EVENT_STORE, READ_MODEL } from '../tokens.js';
import { catchUp } from './catch-up.js';
import { Projector } from './projector.js';

const POLL_MS = 25;

/** Runs the projector as a catch-up subscription over the whole log, when this process projects. */
@Injectable()
export class ProjectorService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Projector');
  readonly projector: Projector;
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

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.projector) return;
    const meta = await this.init();
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

  private async init() {
    const meta = await this.projector.init();
    const expected = rulesVersion(this.config.rules);
    if (meta.rulesVersion !== expected) {
      throw new Error(
        `the read model was built with rules version ${meta.rulesVersion}, the configuration is ${expected}; ` +
          'run `npm run cli -- projections rebuild` so that one rules version is served',
      );
    }
    return meta;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = null;
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

  async status(): Promise<{ mode: 'in-process' | 'external'; running: boolean; caughtUp: boolean; checkpoint: string | null; head: string; lag: string; error: string | null }> {
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
      error: this.lastError,
    };
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
