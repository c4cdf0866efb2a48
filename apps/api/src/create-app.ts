import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { type AppConfig, parseNdjsonLine } from '@lifecycle/core';
import { AppModule } from './app.module.js';
import { ApiKeyStore } from './auth/api-key-store.js';
import { applyHttpLimits } from './limits/http-limits.js';

const BODY_LIMIT = 16 * 1024 * 1024;

/** The HTTP application (API, and the projector and clock when configured), ready to listen. */
export async function createApp(config: AppConfig, options: { logger?: false } = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: BODY_LIMIT });
  adapter.getInstance().addContentTypeParser('application/x-ndjson', { parseAs: 'string', bodyLimit: BODY_LIMIT }, (_req, text, done) => {
    done(null, String(text).split('\n').filter((line) => line.trim() !== '').map(parseNdjsonLine));
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: options.logger ?? ['log', 'warn', 'error'],
  });
  app.enableShutdownHooks();
  try {
    app.get(ApiKeyStore).checkBinding(config.host);
    await applyHttpLimits(app, config, BODY_LIMIT);
  } catch (error) {
    await app.close();
    throw error;
  }
  return app;
}
