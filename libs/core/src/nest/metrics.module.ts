import { Module } from '@nestjs/common';
import { LifecycleMetrics } from './lifecycle-metrics.js';

/** The process's Prometheus metrics; import it beside LifecycleCoreModule (API and projector). */
@Module({ providers: [LifecycleMetrics], exports: [LifecycleMetrics] })
export class MetricsModule {}
