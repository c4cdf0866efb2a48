import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { EventStore } from '@lifecycle/event-store';
import type { ProjectionCatalog, SwitchableReadModel } from '@lifecycle/read-model';
import type { AppConfig } from '../config/app-config.js';
import { VersionCoordinator } from '../projection/runtime/version-coordinator.js';
import { APP_CONFIG, EVENT_STORE, PROJECTION_CATALOG, READ_MODEL, WALL_CLOCK, type WallClock } from './tokens.js';
import { ProjectorService } from './projector.service.js';

/** Projection versions of this process (see VersionCoordinator): bootstraps the projector, rebuilds, switches, follows. */
@Injectable()
export class ProjectionVersionsService extends VersionCoordinator implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(EVENT_STORE) events: EventStore,
    @Inject(READ_MODEL) readModel: SwitchableReadModel,
    @Inject(PROJECTION_CATALOG) catalog: ProjectionCatalog,
    @Inject(WALL_CLOCK) now: WallClock,
    projector: ProjectorService,
  ) {
    super({ config, events, readModel, catalog, now, runtime: projector, log: new Logger('ProjectionVersions') });
  }

  onApplicationBootstrap(): Promise<void> {
    return this.bootstrap();
  }

  onApplicationShutdown(): Promise<void> {
    return this.shutdown();
  }
}
