import type { Provider } from '@nestjs/common';
import type { EventStore } from '@lifecycle/event-store';
import type { ReadModelStore } from '@lifecycle/read-model';
import { LifecycleCommands } from '../commands/lifecycle-commands.js';
import type { AppConfig } from '../config/app-config.js';
import { IngestionService } from './ingestion.service.js';
import { LifecycleQueries } from '../queries/lifecycle-queries.js';
import { APP_CONFIG, EVENT_STORE, READ_MODEL, WALL_CLOCK, type WallClock } from './tokens.js';

/** The framework-free commands and queries the bus handlers delegate to. */
export const lifecycleProviders: Provider[] = [
  {
    provide: LifecycleCommands,
    inject: [IngestionService, EVENT_STORE, APP_CONFIG, WALL_CLOCK],
    useFactory: (ingestion: IngestionService, events: EventStore, config: AppConfig, now: WallClock) =>
      new LifecycleCommands(ingestion, events, config.rules.baseCurrency, now),
  },
  {
    provide: LifecycleQueries,
    inject: [READ_MODEL, EVENT_STORE, APP_CONFIG],
    useFactory: (readModel: ReadModelStore, events: EventStore, config: AppConfig) => new LifecycleQueries(readModel, events, config.rules),
  },
];
