import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { EventStore } from '@lifecycle/event-store';
import type { ReadModelStore } from '@lifecycle/read-model';
import type { AppConfig } from '../config/app-config.js';
import { ProjectionRuntime } from '../projection/runtime/projection-runtime.js';
import { APP_CONFIG, EVENT_STORE, READ_MODEL } from './tokens.js';

/** The live projector of this process (see ProjectionRuntime); ProjectionVersionsService starts it. */
@Injectable()
export class ProjectorService extends ProjectionRuntime implements OnApplicationShutdown {
  constructor(@Inject(APP_CONFIG) config: AppConfig, @Inject(EVENT_STORE) events: EventStore, @Inject(READ_MODEL) readModel: ReadModelStore) {
    super(config, events, readModel, new Logger('Projector'));
  }

  onApplicationShutdown(): Promise<void> {
    return this.shutdown();
  }
}
