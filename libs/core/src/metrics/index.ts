export { LifecycleMetrics } from './lifecycle-metrics.js';
export { MetricsModule } from './metrics.module.js';
