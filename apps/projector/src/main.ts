import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigError, createLogger, loadConfig } from '@lifecycle/core';
import { LifecycleMetrics, PinoNestLogger } from '@lifecycle/core/nest';
import { startMetricsServer } from './metrics-server.js';
import { ProjectorAppModule } from './projector-app.module.js';

/**
 * The projector (and the clock scheduler) as its own process, for production next to an API
 * started with PROJECTOR=off. On SIGTERM/SIGINT it finishes the current batch, whose commit
 * carries the checkpoint, and exits. Its metrics are on METRICS_PORT.
 */
const log = createLogger();
try {
  const config = { ...loadConfig(), projector: true };
  const context = await NestFactory.createApplicationContext(ProjectorAppModule.forRoot(config), { logger: new PinoNestLogger(log) });
  context.enableShutdownHooks();
  const metrics = await startMetricsServer(context.get(LifecycleMetrics), config.metricsPort, config.host);
  process.once('SIGTERM', () => metrics.server.close());
  process.once('SIGINT', () => metrics.server.close());
  new Logger('Projector').log({ event: 'projector.started', clockScheduler: config.clockScheduler, metricsPort: metrics.port, msg: `projecting (clock scheduler ${config.clockScheduler ? 'on' : 'off'}); metrics on :${metrics.port}/metrics` });
} catch (error) {
  if (error instanceof ConfigError) for (const problem of error.problems) log.fatal({ event: 'config.invalid', problem }, `invalid configuration: ${problem}`);
  else log.fatal({ err: error }, 'projector failed to start');
  process.exit(1);
}
