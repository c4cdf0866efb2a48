import { setTimeout as delay } from 'node:timers/promises';
import type { RulesConfig } from '@lifecycle/domain';
import type { EventStore, RecordedEvent } from '@lifecycle/event-store';
import type { ProjectionCatalog, ReadModelStore, SwitchableReadModel } from '@lifecycle/read-model';
import { catchUp } from '../catch-up.js';
import { Projector } from '../projector.js';
import { buildFreshVersion } from './build-fresh-version.js';
import type { ProjectionRuntime } from './projection-runtime.js';
import type { RebuildProgress, RebuildTracker } from './rebuild-progress.js';
import type { RuntimeLog } from './runtime-log.js';
import { isShuttingDown } from './runtime-state.js';

/** How often a process checks which projection version is served (another process may switch it). */
export const VERSION_POLL_MS = 1000;
/** After a switch, the old version stays this long, so that processes still reading it follow first. */
const DROP_GRACE_MS = 2 * VERSION_POLL_MS + 500;

export interface VersionDeps {
  config: { rules: RulesConfig; projectorBatchSize: number; projector: boolean; rebuildMemoryMb: number };
  events: EventStore;
  readModel: SwitchableReadModel;
  catalog: ProjectionCatalog;
  runtime: ProjectionRuntime;
  log: RuntimeLog;
}

/**
 * One rebuild, registered as `tracker.progress.toVersion`: builds it from position 0 while the
 * served version answers, pauses the live projector, catches up the tail, switches atomically
 * (compare-and-set in the catalog), resumes the live projector on it and drops the old version.
 * On failure the unfinished version is removed and the live projector resumes where it was.
 */
export async function rebuildVersion(deps: VersionDeps, tracker: RebuildTracker, report: (progress: RebuildProgress) => void): Promise<RebuildProgress> {
  const { config, events, readModel, catalog, runtime, log } = deps;
  const { fromVersion: from, toVersion: to } = tracker.progress;
  log.log(`rebuilding into projection version ${to} while ${from} serves`);
  let store: ReadModelStore | null = await catalog.open(to);
  try {
    const onBatch = (batch: RecordedEvent[]): void => {
      report(tracker.advance(batch.length, batch[batch.length - 1].position));
      if (isShuttingDown(runtime.state)) throw new Error('the process is shutting down; the rebuild was abandoned');
    };
    await buildFreshVersion({
      events, store, rules: config.rules, batchSize: config.projectorBatchSize, memoryBudgetMb: config.rebuildMemoryMb, onBatch,
    });

    runtime.machine.dispatch({ type: 'rebuild-built' });
    report(tracker.enter('switching'));
    const live = runtime.live;
    await runtime.pause();
    let switched = false;
    try {
      const tail = new Projector(store, config.rules);
      await tail.init();
      await catchUp(events, tail, config.projectorBatchSize, onBatch);
      if (readModel.version !== from || !(await catalog.activate(to, from))) {
        throw new Error(`projection version ${from} is no longer the served one: another rebuild switched first`);
      }
      const old = readModel.switchTo(to, store);
      store = null;
      switched = true;
      await runtime.restart(live || config.projector);
      log.log(`serving projection version ${to}`);
      runtime.machine.dispatch({ type: 'rebuild-switched' });
      report(tracker.enter('dropping-old'));
      await delay(DROP_GRACE_MS);
      await old.close();
      await catalog.drop(from);
    } finally {
      if (!switched) await runtime.restart(live).catch((error: unknown) => log.error(String(error)));
    }
    report(tracker.enter('done'));
    return tracker.progress;
  } catch (error) {
    report(tracker.fail(error));
    if (store) {
      await store.close();
      await catalog.drop(to).catch(() => undefined);
    }
    throw error;
  }
}
