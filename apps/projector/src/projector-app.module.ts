import { type DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from '@lifecycle/core';
import { LifecycleCoreModule, MetricsModule } from '@lifecycle/core/nest';

/** The projector process: the core module (projector and clock scheduler) and its metrics. */
@Module({})
export class ProjectorAppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: ProjectorAppModule, imports: [LifecycleCoreModule.forRoot(config), MetricsModule] };
  }
}
