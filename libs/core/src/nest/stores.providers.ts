import { Inject, Injectable, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import type { EventStore } from '@lifecycle/event-store';
import type { ProjectionCatalog, SwitchableReadModel } from '@lifecycle/read-model';
import { IngestionService } from './ingestion.service.js';
import { openEventStore, openProjectionCatalog, openServedReadModel } from '../stores/open-stores.js';
import { APP_CONFIG, EVENT_STORE, PROJECTION_CATALOG, READ_MODEL, WALL_CLOCK, type WallClock } from './tokens.js';

/** One adapter per technology; the embedded SQLite ones when no server URL is configured. */
export const storeProviders: Provider[] = [
  { provide: EVENT_STORE, inject: [APP_CONFIG], useFactory: openEventStore },
  { provide: PROJECTION_CATALOG, inject: [APP_CONFIG], useFactory: openProjectionCatalog },
  // The served projection version; a rebuild switches it under running queries.
  { provide: READ_MODEL, inject: [PROJECTION_CATALOG], useFactory: openServedReadModel },
  { provide: WALL_CLOCK, useValue: (() => Date.now()) satisfies WallClock },
  IngestionService,
];

/** Closes the stores after every other shutdown hook (it is registered first, so Nest calls it last). */
@Injectable()
export class StoresCloser implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_MODEL) private readonly readModel: SwitchableReadModel,
    @Inject(PROJECTION_CATALOG) private readonly catalog: ProjectionCatalog,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.events.close();
    await this.readModel.close();
    await this.catalog.close();
  }
}
