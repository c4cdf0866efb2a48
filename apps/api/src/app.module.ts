import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { AppConfig } from '@lifecycle/core';
import { LifecycleCoreModule } from '@lifecycle/core/nest';
import { AuthModule } from './auth/auth.module.js';
import { AdminController } from './controllers/admin.controller.js';
import { AuditController } from './controllers/audit.controller.js';
import { CustomersController } from './controllers/customers.controller.js';
import { HealthController } from './controllers/health.controller.js';
import { IngestionController } from './controllers/ingestion.controller.js';
import { SegmentsController } from './controllers/segments.controller.js';
import { StatsController } from './controllers/stats.controller.js';
import { UiController } from './controllers/ui.controller.js';
import { FeedController } from './controllers/feed.controller.js';
import { WebhooksController } from './controllers/webhooks.controller.js';
import { ApiExceptionFilter } from './http/api-exception.filter.js';
import { Consistency } from './http/consistency.js';
import { OpsModule } from './ops.module.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [LifecycleCoreModule.forRoot(config), OpsModule, AuthModule],
      controllers: [IngestionController, AuditController, CustomersController, SegmentsController, HealthController, AdminController,
        StatsController, UiController, FeedController, WebhooksController],
      providers: [Consistency, { provide: APP_FILTER, useClass: ApiExceptionFilter }],
    };
  }
}
