import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { ProbesController } from './health/probes.controller.js';
import { ReadinessService } from './health/readiness.service.js';

/** Operations: liveness/readiness probes (terminus), and what goes with them. */
@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [ProbesController],
  providers: [ReadinessService],
  exports: [ReadinessService],
})
export class OpsModule {}
