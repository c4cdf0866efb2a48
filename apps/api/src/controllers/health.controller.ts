import { basename } from 'node:path';
import { Controller, Get, Inject, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import type { AppConfig } from '@lifecycle/core';
import { APP_CONFIG, GetProjectionStatusQuery } from '@lifecycle/core/nest';
import { rulesVersion } from '@lifecycle/domain';
import { RequireRole, ROLES } from '../auth/roles.js';
import { ReadinessService } from '../health/readiness.service.js';

@Controller('health')
export class HealthController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queries: QueryBus,
    private readonly readiness: ReadinessService,
  ) {}

  /** Any valid key (every role; open without keys on loopback). The detail below, with 503 and `status: "not_ready"` (and the failed checks) while /health/ready fails. */
  @Get()
  @RequireRole(...ROLES)
  async health(@Res({ passthrough: true }) reply: FastifyReply) {
    const { ready, result } = await this.readiness.check();
    if (ready) return this.payload();
    reply.status(503);
    const notReady = Object.fromEntries(Object.entries(result.error ?? {}).map(([check, r]) => [check, (r as { message?: string }).message ?? 'down']));
    const detail = await this.payload().catch((error: Error) => ({ error: error.message }));
    return { ...detail, status: 'not_ready', notReady };
  }

  private async payload() {
    const { projector, projection } = await this.queries.execute(new GetProjectionStatusQuery());
    const { rebuild } = projection;
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
      projection,
      rulesVersion: rulesVersion(this.config.rules),
      clock: projector.clockDate,
    };
  }
}
