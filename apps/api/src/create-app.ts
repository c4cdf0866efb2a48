import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import pino, { type Logger } from 'pino';
import { type AppConfig, createLogger } from '@lifecycle/core';
import { PinoNestLogger } from '@lifecycle/core/nest';
import { AppModule } from './app.module.js';
import { JsonDepthPipe } from './http/json-depth.pipe.js';
import { frameworkErrorOptions } from './http/framework-errors.js';
import { parseNdjsonBody } from './http/ndjson-body.js';
import { echoRequestId, requestIdOf } from './http/request-id.js';
import { logRequests } from './http/request-log.js';
import { registerHttpMetrics } from './metrics/http-metrics.js';
import { setupOpenApi } from './openapi/setup-openapi.js';
import { ApiKeyStore } from './auth/api-key-store.js';
import { applyHttpLimits } from './limits/http-limits.js';

const BODY_LIMIT = 16 * 1024 * 1024;

/**
 * The HTTP application (API, and the projector and clock when configured), ready to listen.
 * It logs with pino (LOG_LEVEL, LOG_FORMAT), or not at all with `logger: false`.
 */
export async function createApp(config: AppConfig, options: { logger?: false | Logger } = {}): Promise<NestFastifyApplication> {
  const log = options.logger === false ? pino({ level: 'silent' }) : (options.logger ?? createLogger());
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT, ...frameworkErrorOptions,
    loggerInstance: log, disableRequestLogging: true, genReqId: requestIdOf, requestIdLogLabel: 'requestId',
  });
  adapter.getInstance().addContentTypeParser('application/x-ndjson', { parseAs: 'string', bodyLimit: BODY_LIMIT }, (_req, text, done) => {
    done(null, parseNdjsonBody(String(text)));
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: options.logger === false ? false : new PinoNestLogger(log),
  });
  app.useGlobalPipes(new JsonDepthPipe());
  app.enableShutdownHooks();
  try {
    app.get(ApiKeyStore).checkBinding(config.host);
    // First, so that every route registered after it (the OpenAPI routes too) is tracked, limited and gets the security headers.
    await applyHttpLimits(app, config, BODY_LIMIT);
  } catch (error) {
    await app.close();
    throw error;
  }
  setupOpenApi(app);
  registerHttpMetrics(app);
  echoRequestId(adapter.getInstance());
  logRequests(adapter.getInstance());
  return app;
}
