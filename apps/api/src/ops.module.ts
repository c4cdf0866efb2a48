import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { MetricsModule } from '@lifecycle/core/nest';
import { ProbesController } from './health/probes.controller.js';
import { ReadinessService } from './health/readiness.service.js';
import { MetricsController } from './metrics/metrics.controller.js';

/** Operations: liveness/readiness probes (terminus) and Prometheus metrics. */
@Module({
  imports: [TerminusModule.forRoot({ logger: false }), MetricsModule],
  controllers: [ProbesController, MetricsController],
  providers: [ReadinessService],
  exports: [ReadinessService, MetricsModule],
})
export class OpsModule {}
