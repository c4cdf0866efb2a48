import { Controller, Get, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { LifecycleMetrics } from '@lifecycle/core/nest';
import { RequireRole } from '../auth/roles.js';

/** Prometheus scrape endpoint (text exposition format). */
@Controller('metrics')
@RequireRole('metrics')
export class MetricsController {
  constructor(private readonly metrics: LifecycleMetrics) {}

  @Get()
  async metricsText(@Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    reply.type(this.metrics.registry.contentType);
    return this.metrics.registry.metrics();
  }
}
