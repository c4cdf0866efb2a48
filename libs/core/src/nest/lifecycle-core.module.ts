import { type DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AdvanceClockHandler } from '../commands/advance-clock.handler.js';
import { IngestBatchHandler } from '../commands/ingest-batch.handler.js';
import { RecordCustomerEventHandler } from '../commands/record-customer-event.handler.js';
import type { AppConfig } from '../config/app-config.js';
import { ClockSchedulerService } from './clock-scheduler.service.js';
import { ProjectionVersionsService } from '../projection/projection-versions.service.js';
import { ProjectorService } from '../projection/projector.service.js';
import { GetCustomerHandler } from '../queries/get-customer.handler.js';
import { ExplainCustomerHandler } from '../queries/explain-customer.handler.js';
import { GetAsOfHandler } from '../queries/get-as-of.handler.js';
import { GetHistoryHandler } from '../queries/get-history.handler.js';
import { GetSegmentsHandler } from '../queries/get-segments.handler.js';
import { GetTransitionsHandler } from '../queries/get-transitions.handler.js';
import { ListCustomersHandler } from '../queries/list-customers.handler.js';
import { GetCutoffsRangeHandler } from '../queries/get-cutoffs-range.handler.js';
import { GetSegmentsDailyHandler } from '../queries/get-segments-daily.handler.js';
import { IngestionService } from '../ingestion/ingestion.service.js';
import { storeProviders, StoresCloser } from './stores.providers.js';
import { integrationExports, integrationProviders } from './integration.providers.js';
import { APP_CONFIG, EVENT_STORE, PROJECTION_CATALOG, READ_MODEL, WALL_CLOCK } from './tokens.js';

const handlers = [
  RecordCustomerEventHandler, IngestBatchHandler, AdvanceClockHandler,
  GetCustomerHandler, ListCustomersHandler, GetSegmentsHandler,
  GetHistoryHandler, GetAsOfHandler, GetTransitionsHandler, ExplainCustomerHandler,
  GetSegmentsDailyHandler, GetCutoffsRangeHandler,
];

/** Ports, adapters, command and query handlers, the projector and the clock: shared by the API, the projector process and the CLI. */
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
        ProjectorService,
        ProjectionVersionsService,
        ClockSchedulerService,
        ...handlers,
        ...integrationProviders,
      ],
      exports: [
        APP_CONFIG, EVENT_STORE, READ_MODEL, PROJECTION_CATALOG, WALL_CLOCK, IngestionService, ProjectorService, ProjectionVersionsService,
        ClockSchedulerService,
        ...integrationExports,
      ],
    };
  }
}
