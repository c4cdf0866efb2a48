import { type DynamicModule, Module } from '@nestjs/common';
import { LifecycleCommands } from '../commands/lifecycle-commands.js';
import type { AppConfig } from '../config/app-config.js';
import { IngestionService } from '../ingestion/ingestion.service.js';
import { ProjectionVersionsService } from '../projection/projection-versions.service.js';
import { ProjectorService } from '../projection/projector.service.js';
import { LifecycleQueries } from '../queries/lifecycle-queries.js';
import { ClockSchedulerService } from './clock-scheduler.service.js';
import { integrationExports, integrationProviders } from './integration.providers.js';
import { lifecycleProviders } from './lifecycle.providers.js';
import { storeProviders, StoresCloser } from './stores.providers.js';
import { APP_CONFIG, EVENT_STORE, PROJECTION_CATALOG, READ_MODEL, WALL_CLOCK } from './tokens.js';

/** Ports, adapters, commands and queries, the projector and the clock: shared by the API, the projector process and the CLI. */
@Module({})
export class LifecycleCoreModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: LifecycleCoreModule,
      global: true,
      providers: [
        StoresCloser,
        { provide: APP_CONFIG, useValue: config },
        ...storeProviders,
        ...lifecycleProviders,
        ProjectorService,
        ProjectionVersionsService,
        ClockSchedulerService,
        ...integrationProviders,
      ],
      exports: [
        APP_CONFIG, EVENT_STORE, READ_MODEL, PROJECTION_CATALOG, WALL_CLOCK, IngestionService, LifecycleCommands, LifecycleQueries,
        ProjectorService, ProjectionVersionsService, ClockSchedulerService,
        ...integrationExports,
      ],
    };
  }
}
