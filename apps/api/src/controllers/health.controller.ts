import { Controller, Get, Inject } from '@nestjs/common';
import { type AppConfig, APP_CONFIG, ProjectorService } from '@lifecycle/core';
import { rulesVersion } from '@lifecycle/domain';

@Controller('health')
export class HealthController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly projector: ProjectorService,
  ) {}

  @Get()
  async health() {
    const projector = await this.projector.status();
    return {
      status: projector.error ? 'degraded' : 'ok',
      stores: {
        eventStore: this.config.eventStoreConnectionString ? 'eventstoredb' : 'sqlite',
        readModel: this.config.mongodbUri ? 'mongodb' : 'sqlite',
        dataDir: this.config.eventStoreConnectionString && this.config.mongodbUri ? null : this.config.dataDir,
      },
      projector,
      rulesVersion: rulesVersion(this.config.rules),
      clock: this.projector.projector.clock.date,
    };
  }
}
