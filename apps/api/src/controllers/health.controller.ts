import { Controller, Get, Inject } from '@nestjs/common';
import { type AppConfig, APP_CONFIG, ProjectionVersionsService, ProjectorService } from '@lifecycle/core';
import { rulesVersion } from '@lifecycle/domain';

@Controller('health')
export class HealthController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly projector: ProjectorService,
    private readonly projections: ProjectionVersionsService,
  ) {}

  @Get()
  async health() {
    const projector = await this.projector.status();
    const rebuild = this.projections.progress;
    const rebuilding = rebuild !== null && ['building', 'switching'].includes(rebuild.state);
    return {
      status: projector.error ? 'degraded' : rebuilding ? 'rebuilding' : 'ok',
      stores: {
        eventStore: this.config.eventStoreConnectionString ? 'eventstoredb' : 'sqlite',
        readModel: this.config.mongodbUri ? 'mongodb' : 'sqlite',
        dataDir: this.config.eventStoreConnectionString && this.config.mongodbUri ? null : this.config.dataDir,
      },
      projector: { ...projector, ...this.projector.foreignEvents() },
      projection: { version: this.projections.version, rebuild },
      rulesVersion: rulesVersion(this.config.rules),
      clock: projector.clockDate,
    };
  }
}
