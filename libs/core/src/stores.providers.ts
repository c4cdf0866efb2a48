import { join } from 'node:path';
import { Inject, Injectable, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { createEsdbEventStore, createSqliteEventStore, type EventStore } from '@lifecycle/event-store';
import {
  createMongoProjectionCatalog, createSqliteProjectionCatalog, createSwitchableReadModel, type ProjectionCatalog,
  type SwitchableReadModel,
} from '@lifecycle/read-model';
import type { AppConfig } from './config/app-config.js';
import { IngestionService } from './nest/ingestion.service.js';
import { APP_CONFIG, EVENT_STORE, PROJECTION_CATALOG, READ_MODEL, WALL_CLOCK, type WallClock } from './tokens.js';

type StoreConfig = Pick<AppConfig, 'dataDir' | 'eventStoreConnectionString' | 'mongodbUri'>;

/** EventStoreDB when its URL is configured, the embedded SQLite log otherwise. */
export function openEventStore(config: StoreConfig): EventStore {
  if (config.eventStoreConnectionString) return createEsdbEventStore({ connectionString: config.eventStoreConnectionString });
  return createSqliteEventStore({ file: join(config.dataDir, 'events.sqlite') });
}

/** MongoDB when its URI is configured, the embedded SQLite files otherwise. */
export function openProjectionCatalog(config: StoreConfig): Promise<ProjectionCatalog> | ProjectionCatalog {
  if (config.mongodbUri) return createMongoProjectionCatalog({ uri: config.mongodbUri });
  return createSqliteProjectionCatalog({ dir: config.dataDir });
}

/** One adapter per technology; the embedded SQLite ones when no server URL is configured. */
export const storeProviders: Provider[] = [
  {
    provide: EVENT_STORE,
    inject: [APP_CONFIG],
    useFactory: openEventStore,
  },
  {
    provide: PROJECTION_CATALOG,
    inject: [APP_CONFIG],
    useFactory: openProjectionCatalog,
  },
  {
    // The served projection version; a rebuild switches it under running queries.
    provide: READ_MODEL,
    inject: [PROJECTION_CATALOG],
    useFactory: async (catalog: ProjectionCatalog): Promise<SwitchableReadModel> => {
      const version = await catalog.activeVersion();
      return createSwitchableReadModel(version, await catalog.open(version));
    },
  },
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
