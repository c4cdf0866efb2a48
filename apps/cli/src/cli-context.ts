import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { type AppConfig, createLogger, loadConfig } from '@lifecycle/core';
import { LifecycleCoreModule, PinoNestLogger } from '@lifecycle/core/nest';

/**
 * The same core module as the service, without the subscription and the scheduler: the CLI
 * reads and writes the same stores (DATA_DIR, or the server URLs). Its log (warnings and
 * errors unless LOG_LEVEL says otherwise) goes to stderr, so stdout holds only results.
 * A `read` command refuses a DATA_DIR without an event log instead of creating an empty one.
 */
export async function withContext<T>(
  work: (context: INestApplicationContext, config: AppConfig) => Promise<T>, options: { read?: boolean } = {},
): Promise<T> {
  const config = { ...loadConfig(), projector: false, clockScheduler: false, followProjectionVersions: false };
  if (options.read && !config.eventStoreConnectionString && !existsSync(join(config.dataDir, 'events.sqlite'))) {
    throw new Error(`DATA_DIR ${config.dataDir} holds no event log (events.sqlite): import history first, or point DATA_DIR at the service's data`);
  }
  const log = createLogger({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' }, process.stderr);
  const context = await NestFactory.createApplicationContext(LifecycleCoreModule.forRoot(config), { logger: new PinoNestLogger(log) });
  context.enableShutdownHooks();
  try {
    return await work(context, config);
  } finally {
    await context.close();
  }
}
