import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { type AppConfig, LifecycleCoreModule, loadConfig } from '@lifecycle/core';

/**
 * The same core module as the service, without the subscription and the scheduler: the CLI
 * reads and writes the same stores (DATA_DIR, or the server URLs).
 */
export async function withContext<T>(work: (context: INestApplicationContext, config: AppConfig) => Promise<T>): Promise<T> {
  const config = { ...loadConfig(), projector: false, clockScheduler: false, followProjectionVersions: false };
  const context = await NestFactory.createApplicationContext(LifecycleCoreModule.forRoot(config), { logger: ['warn', 'error'] });
  context.enableShutdownHooks();
  try {
    return await work(context, config);
  } finally {
    await context.close();
  }
}
