import { basename } from 'node:path';
import { Controller, Get, Inject } from '@nestjs/common';
import { type AppConfig, APP_CONFIG, ProjectionVersionsService, ProjectorService } from '@lifecycle/core';
import { rulesVersion } from '@lifecycle/domain';
import { RequireRole, ROLES } from '../auth/roles.js';

@Controller('health')
export class HealthController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly projector: ProjectorService,
    private readonly projections: ProjectionVersionsService,
  ) {}

  /** Details of the service: any valid key (every role); open without keys on loopback. */
  @Get()
  @RequireRole(...ROLES)
  async health() {
    const projector = await this.projector.status();
    const rebuild = this.projections.progress;
    const rebuilding = rebuild !== null && ['building', 'switching'].includes(rebuild.state);
    return {
      status: projector.error ? 'degraded' : rebuilding ? 'rebuilding' : 'ok',
      stores: {
        eventStore: this.config.eventStoreConnectionString ? 'eventstoredb' : 'sqlite',
        readModel: this.config.mongodbUri ? 'mongodb' : 'sqlite',
        // The folder's name only: absolute paths tell an attacker about the host.
        dataDir: this.config.eventStoreConnectionString && this.config.mongodbUri ? null : basename(this.config.dataDir),
      },
      projector,
      projection: { version: this.projections.version, rebuild },
      rulesVersion: rulesVersion(this.config.rules),
      clock: projector.clockDate,
    };
  }
}
