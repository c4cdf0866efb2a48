import { rulesVersion } from '@lifecycle/domain';
import type { ProjectionVersion } from '@lifecycle/read-model';
import { followServedVersion } from './follow-version.js';
import { RebuildInProgressError } from './rebuild-in-progress.error.js';
import { type RebuildProgress, RebuildTracker } from './rebuild-progress.js';
import { rebuildVersion, VERSION_POLL_MS, type VersionDeps } from './rebuild-version.js';
import { RulesMismatchError } from './rules-mismatch.error.js';
import { isRebuilding, isShuttingDown, type RuntimeMachine } from './runtime-state.js';

export interface VersionCoordinatorDeps extends VersionDeps {
  config: VersionDeps['config'] & { projectionRebuild: 'refuse' | 'auto'; followProjectionVersions: boolean };
  now: () => number;
}

/**
 * Projection versions: starts the live projector on the served version, rebuilds a new version
 * from position 0 while the served one keeps answering, switches atomically, drops the old one,
 * and follows switches made by other processes. Its state is the version region of the runtime machine.
 */
export class VersionCoordinator {
  private tracker: RebuildTracker | null = null;
  /** The running rebuild, awaited by wait() and at shutdown. */
  private running: Promise<RebuildProgress> | null = null;
  private watcher: NodeJS.Timeout | null = null;

  constructor(private readonly deps: VersionCoordinatorDeps) {}

  private get machine(): RuntimeMachine {
    return this.deps.runtime.machine;
  }

  /** Follows other processes' switches and, when this process projects, starts the live projector (or a rebuild, PROJECTION_REBUILD=auto). */
  async bootstrap(): Promise<void> {
    const { config, runtime, log } = this.deps;
    if (config.followProjectionVersions) {
      this.watcher = setInterval(() => void this.follow(), VERSION_POLL_MS);
      this.watcher.unref();
    }
    if (!config.projector) return;
    try {
      await runtime.start();
    } catch (error) {
      if (!(error instanceof RulesMismatchError) || config.projectionRebuild !== 'auto') throw error;
      log.warn(`${error.message}; PROJECTION_REBUILD=auto: serving version ${this.version} unchanged while a new one is built`);
      await this.start();
    }
  }

  /** A running rebuild stops after its current batch and removes its unfinished version. */
  async shutdown(): Promise<void> {
    if (this.watcher) clearInterval(this.watcher);
    this.machine.dispatch({ type: 'shutdown', part: 'versions' });
    await this.running?.catch(() => undefined);
  }

  get version(): string {
    return this.deps.readModel.version;
  }

  /** The current or last rebuild of this process. */
  get progress(): RebuildProgress | null {
    return this.tracker ? { ...this.tracker.progress } : null;
  }

  /**
   * Registers a new version and builds it in the background; resolves with the first progress.
   * Throws RebuildInProgressError while another rebuild of this process runs (or a switch is followed).
   */
  async start(onProgress?: (progress: RebuildProgress) => void): Promise<RebuildProgress> {
    const { config, events, readModel, catalog, log } = this.deps;
    if (isShuttingDown(this.machine.state)) throw new Error('the process is shutting down; no rebuild starts');
    if (!this.machine.dispatch({ type: 'rebuild-requested' })) throw new RebuildInProgressError(isRebuilding(this.machine.state) ? this.progress : null);
    let tracker: RebuildTracker;
    try {
      const from = readModel.version;
      const to = await catalog.createVersion();
      tracker = new RebuildTracker(from, to, rulesVersion(config.rules), await events.headPosition(), this.deps.now);
    } catch (error) {
      this.machine.dispatch({ type: 'rebuild-ended' });
      throw error;
    }
    this.tracker = tracker;
    const report = (progress: RebuildProgress): void => onProgress?.({ ...progress });
    this.running = rebuildVersion(this.deps, tracker, report).finally(() => {
      this.machine.dispatch({ type: 'rebuild-ended' });
      this.running = null;
    });
    this.running.catch((error: unknown) => log.error(`rebuild failed: ${(error as Error).message}`));
    return { ...tracker.progress };
  }

  /** Waits for the running rebuild (the CLI). */
  async wait(): Promise<RebuildProgress | null> {
    await this.running;
    const progress = this.progress;
    if (progress?.state === 'failed') throw new Error(`the rebuild failed: ${progress.error}`);
    return progress;
  }

  versions(): Promise<ProjectionVersion[]> {
    return this.deps.catalog.versions();
  }

  private async follow(): Promise<void> {
    if (!this.machine.dispatch({ type: 'follow-started' })) return;
    try {
      await followServedVersion(this.deps);
    } catch (error) {
      this.deps.log.error(`could not follow the projection version (retrying in ${VERSION_POLL_MS} ms): ${(error as Error).message}`);
    } finally {
      this.machine.dispatch({ type: 'follow-ended' });
    }
  }
}
