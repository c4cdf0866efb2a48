import { setTimeout as delay } from 'node:timers/promises';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { rulesVersion } from '@lifecycle/domain';
import type { EventStore } from '@lifecycle/event-store';
import type { ProjectionCatalog, ReadModelStore, SwitchableReadModel } from '@lifecycle/read-model';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG, EVENT_STORE, PROJECTION_CATALOG, READ_MODEL, WALL_CLOCK, type WallClock } from '../tokens.js';
import { catchUp } from './catch-up.js';
import { Projector } from './projector.js';
import { rebuildProjection } from './rebuild/rebuild-projection.js';
import { ProjectorService } from './projector.service.js';
import type { RebuildProgress } from './rebuild-progress.js';
import { RebuildTracker } from './rebuild-progress.js';
import { RulesMismatchError } from './rules-mismatch.error.js';

/** How often a process checks which projection version is served (another process may switch it). */
export const VERSION_POLL_MS = 1000;
/** After a switch, the old version stays this long, so that processes still reading it follow first. */
const DROP_GRACE_MS = 2 * VERSION_POLL_MS + 500;

export class RebuildInProgressError extends Error {
  constructor(readonly progress: RebuildProgress | null) {
    super(`a rebuild${progress ? ` into projection version ${progress.toVersion}` : ''} is already running`);
    this.name = 'RebuildInProgressError';
  }
}

/**
 * Projection versions: starts the live projector on the served version, rebuilds a new version
 * from position 0 while the served one keeps answering, switches atomically, drops the old one,
 * and follows switches made by other processes.
 */
@Injectable()
export class ProjectionVersionsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ProjectionVersions');
  private tracker: RebuildTracker | null = null;
  private running: Promise<RebuildProgress> | null = null;
  private busy = false;
  private stopping = false;
  private watcher: NodeJS.Timeout | null = null;
  private following = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_MODEL) private readonly readModel: SwitchableReadModel,
    @Inject(PROJECTION_CATALOG) private readonly catalog: ProjectionCatalog,
    @Inject(WALL_CLOCK) private readonly now: WallClock,
    private readonly projector: ProjectorService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.followProjectionVersions) {
      this.watcher = setInterval(() => void this.follow(), VERSION_POLL_MS);
      this.watcher.unref();
    }
    if (!this.config.projector) return;
    try {
      await this.projector.start();
    } catch (error) {
      if (!(error instanceof RulesMismatchError) || this.config.projectionRebuild !== 'auto') throw error;
      this.logger.warn(`${error.message}; PROJECTION_REBUILD=auto: serving version ${this.readModel.version} unchanged while a new one is built`);
      await this.start();
    }
  }

  /** A running rebuild stops after its current batch and removes its unfinished version. */
  async onApplicationShutdown(): Promise<void> {
    if (this.watcher) clearInterval(this.watcher);
    this.stopping = true;
    await this.running?.catch(() => undefined);
  }

  get version(): string {
    return this.readModel.version;
  }

  /** The current or last rebuild of this process. */
  get progress(): RebuildProgress | null {
    return this.tracker ? { ...this.tracker.progress } : null;
  }

  /**
   * Registers a new version and builds it in the background; resolves with the first progress.
   * Throws RebuildInProgressError while another rebuild of this process runs.
   */
  async start(onProgress?: (progress: RebuildProgress) => void): Promise<RebuildProgress> {
    if (this.busy) throw new RebuildInProgressError(this.progress);
    this.busy = true;
    let tracker: RebuildTracker;
    try {
      const from = this.readModel.version;
      const to = await this.catalog.createVersion();
      tracker = new RebuildTracker(from, to, rulesVersion(this.config.rules), await this.events.headPosition(), this.now);
    } catch (error) {
      this.busy = false;
      throw error;
    }
    this.tracker = tracker;
    this.running = this.rebuild(tracker, onProgress).finally(() => {
      this.busy = false;
      this.running = null;
    });
    this.running.catch((error: unknown) => this.logger.error(`rebuild failed: ${(error as Error).message}`));
    return { ...tracker.progress };
  }

  /** Waits for the running rebuild (the CLI). */
  async wait(): Promise<RebuildProgress | null> {
    await this.running;
    const progress = this.progress;
    if (progress?.state === 'failed') throw new Error(`the rebuild failed: ${progress.error}`);
    return progress;
  }

  versions() {
    return this.catalog.versions();
  }

  private async rebuild(tracker: RebuildTracker, onProgress?: (progress: RebuildProgress) => void): Promise<RebuildProgress> {
    const { fromVersion: from, toVersion: to } = tracker.progress;
    const report = (progress: RebuildProgress): void => onProgress?.({ ...progress });
    this.logger.log(`rebuilding into projection version ${to} while ${from} serves`);
    let store: ReadModelStore | null = await this.catalog.open(to);
    try {
      const projector = new Projector(store, this.config.rules);
      await projector.init();
      const onBatch = (batch: Array<{ position: bigint }>): void => {
        report(tracker.advance(batch.length, batch[batch.length - 1].position));
        if (this.stopping) throw new Error('the process is shutting down; the rebuild was abandoned');
      };
      await rebuildProjection({
        eventStore: this.events, target: store, rules: this.config.rules, memoryBudgetMb: this.config.rebuildMemoryMb,
        batchSize: this.config.projectorBatchSize, unsafe: true, onProgress: onBatch,
      }).then(() => projector.init());

      report(tracker.enter('switching'));
      const live = this.projector.live;
      await this.projector.pause();
      let switched = false;
      try {
        await catchUp(this.events, projector, this.config.projectorBatchSize, onBatch);
        if (this.readModel.version !== from || !(await this.catalog.activate(to, from))) {
          throw new Error(`projection version ${from} is no longer the served one: another rebuild switched first`);
        }
        const old = this.readModel.switchTo(to, store);
        store = null;
        switched = true;
        await this.projector.restart(live || this.config.projector);
        this.logger.log(`serving projection version ${to}`);
        report(tracker.enter('dropping-old'));
        await delay(DROP_GRACE_MS);
        await old.close();
        await this.catalog.drop(from);
      } finally {
        if (!switched) await this.projector.restart(live).catch((error: unknown) => this.logger.error(String(error)));
      }
      report(tracker.enter('done'));
      return tracker.progress;
    } catch (error) {
      report(tracker.fail(error));
      if (store) {
        await store.close();
        await this.catalog.drop(to).catch(() => undefined);
      }
      throw error;
    }
  }

  /** Follows a switch made by another process (the CLI's rebuild, the API's admin endpoint). */
  private async follow(): Promise<void> {
    if (this.following || this.running) return;
    this.following = true;
    try {
      const active = await this.catalog.activeVersion();
      if (active === this.readModel.version) return;
      const store = await this.catalog.open(active);
      const live = this.projector.live;
      await this.projector.pause();
      const old = this.readModel.switchTo(active, store);
      try {
        await this.projector.restart(live);
      } finally {
        // Queries that started on the old version finish before it closes.
        setTimeout(() => void old.close(), VERSION_POLL_MS).unref();
      }
      this.logger.log(`following the switch to projection version ${active}`);
    } catch (error) {
      this.logger.error(`could not follow the projection version (retrying in ${VERSION_POLL_MS} ms): ${(error as Error).message}`);
    } finally {
      this.following = false;
    }
  }
}
