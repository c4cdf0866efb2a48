import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { QueryStore, WebhookStore } from '@lifecycle/read-model';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG, READ_MODEL, WALL_CLOCK, type WallClock } from './tokens.js';
import { WEBHOOK_STORE } from './integration.tokens.js';
import { WebhookDispatcher } from '../integration/webhooks/webhook-dispatcher.js';

/**
 * Runs webhook delivery in the process that projects (the API with PROJECTOR=on, or
 * apps/projector), as a loop of its own beside the projector. Closes the webhook store on shutdown.
 */
@Injectable()
export class WebhookDeliveryService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Webhooks');
  readonly dispatcher: WebhookDispatcher;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(WEBHOOK_STORE) private readonly store: WebhookStore,
    @Inject(READ_MODEL) readModel: QueryStore,
    @Inject(WALL_CLOCK) now: WallClock,
  ) {
    this.dispatcher = new WebhookDispatcher(store, readModel, config.webhooks, {
      now,
      log: (level, message) => this.logger[level](message),
    });
  }

  onApplicationBootstrap(): void {
    if (this.config.projector) this.dispatcher.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.dispatcher.stop();
    await this.store.close();
  }
}
