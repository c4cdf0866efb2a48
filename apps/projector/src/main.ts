import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigError, LifecycleCoreModule, loadConfig } from '@lifecycle/core';

/**
 * The projector (and the clock scheduler) as its own process, for production next to an API
 * started with PROJECTOR=off. On SIGTERM/SIGINT it finishes the current batch, whose commit
 * carries the checkpoint, and exits.
 */
try {
  const config = { ...loadConfig(), projector: true };
  const context = await NestFactory.createApplicationContext(LifecycleCoreModule.forRoot(config), { logger: ['log', 'warn', 'error'] });
  context.enableShutdownHooks();
  new Logger('Projector').log(`projecting (clock scheduler ${config.clockScheduler ? 'on' : 'off'})`);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
