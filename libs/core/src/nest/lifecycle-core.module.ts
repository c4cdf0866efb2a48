import { type DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type { AppConfig } from '../config/app-config.js';
import { IngestionService } from './ingestion.service.js';
import { ProjectionVersionsService } from './projection-versions.service.js';
import { ProjectorService } from './projector.service.js';
import { ClockSchedulerService } from './clock-scheduler.service.js';
import { commandHandlers } from './commands/index.js';
import { integrationExports, integrationProviders } from './integration.providers.js';
import { lifecycleProviders } from './lifecycle.providers.js';
import { queryHandlers } from './queries/index.js';
import { storeProviders, StoresCloser } from './stores.providers.js';
import { APP_CONFIG, EVENT_STORE, PROJECTION_CATALOG, READ_MODEL, WALL_CLOCK } from './tokens.js';

/**
 * Ports, adapters, the command and query buses with their handlers, the projector and the
 * clock: shared by the API, the projector process and the CLI. Entry points dispatch on the
 * CommandBus and the QueryBus; the handlers delegate to the framework-free core.
 */
@Module({})
export class LifecycleCoreModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: LifecycleCoreModule,
      global: true,
      imports: [CqrsModule.forRoot()],
      providers: [
        StoresCloser,
        { provide: APP_CONFIG, useValue: config },
        ...storeProviders,
        ...lifecycleProviders,
        ProjectorService,
        ProjectionVersionsService,
        ClockSchedulerService,
        ...integrationProviders,
        ...commandHandlers,
        ...queryHandlers,
      ],
      exports: [
        APP_CONFIG, EVENT_STORE, READ_MODEL, PROJECTION_CATALOG, WALL_CLOCK, IngestionService,
        ProjectorService, ProjectionVersionsService, ClockSchedulerService,
        ...integrationExports,
      ],
    };
  }
}
