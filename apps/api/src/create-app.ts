import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '@lifecycle/core';
import { AppModule } from './app.module.js';
import { frameworkErrorOptions } from './http/framework-errors.js';
import { parseNdjsonBody } from './http/ndjson-body.js';
import { registerHttpMetrics } from './metrics/http-metrics.js';
import { setupOpenApi } from './openapi/setup-openapi.js';

const BODY_LIMIT = 16 * 1024 * 1024;

/** The HTTP application (API, and the projector and clock when configured), ready to listen. */
export async function createApp(config: AppConfig, options: { logger?: false } = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: BODY_LIMIT, ...frameworkErrorOptions });
  adapter.getInstance().addContentTypeParser('application/x-ndjson', { parseAs: 'string', bodyLimit: BODY_LIMIT }, (_req, text, done) => {
    done(null, parseNdjsonBody(String(text)));
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: options.logger ?? ['log', 'warn', 'error'],
  });
  app.enableShutdownHooks();
  setupOpenApi(app);
  registerHttpMetrics(app);
  return app;
}
