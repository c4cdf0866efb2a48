import rateLimit from '@fastify/rate-limit';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '@lifecycle/core';
import { ApiKeyStore } from '../auth/api-key-store.js';
import { trackRoutes } from '../auth/route-registry.js';
import { authenticateRequest, type AuthenticatedRequest } from '../auth/request-key.js';
import { ApiError } from '../http/api-error.js';
import { addSecurityHeaders } from './security-headers.js';

/** Longest request target (path and query) served; longer ones get 414. */
export const MAX_URL_LENGTH = 4096;

/** A key's limit is the highest of its roles' limits; 0 means unlimited. */
export function rateLimitOf(request: AuthenticatedRequest, limits: AppConfig['rateLimits']): number {
  const key = request.apiKey;
  if (!key) return limits.unauthenticated;
  const perRole = key.roles.map((role) => limits[role]);
  return perRole.includes(0) ? 0 : Math.max(...perRole);
}

/**
 * Authentication (resolving the key once per request), per-key rate limits, URL and body
 * size limits in the API's error shape, security headers, and CORS only for CORS_ORIGINS.
 * Call before the application initialises, so the limits apply to every route.
 */
export async function applyHttpLimits(app: NestFastifyApplication, config: AppConfig, bodyLimit: number): Promise<void> {
  const keys = app.get(ApiKeyStore);
  const fastify = app.getHttpAdapter().getInstance();
  trackRoutes(fastify);
  fastify.addHook('onRequest', async (request) => {
    if (request.url.length > MAX_URL_LENGTH) {
      throw new ApiError(414, 'URI_TOO_LONG', `url: longer than ${MAX_URL_LENGTH} characters`, [{ path: 'url', reason: `at most ${MAX_URL_LENGTH} characters` }]);
    }
    const length = Number(request.headers['content-length'] ?? 0);
    if (length > bodyLimit) {
      throw new ApiError(413, 'PAYLOAD_TOO_LARGE', `$: the body is larger than ${bodyLimit} bytes`, [{ path: '$', reason: `at most ${bodyLimit} bytes` }]);
    }
  });
  fastify.addHook('onRequest', authenticateRequest(keys));
  await app.register(rateLimit, {
    global: true,
    timeWindow: config.rateLimits.windowMs,
    max: (request) => rateLimitOf(request as AuthenticatedRequest, config.rateLimits) || Number.MAX_SAFE_INTEGER,
    keyGenerator: (request) => {
      const key = (request as AuthenticatedRequest).apiKey;
      return key ? `key:${key.id}` : `ip:${request.ip}`;
    },
    // Without keys (loopback only) there is nobody to tell apart: no limit.
    allowList: (request) => keys.open || rateLimitOf(request as AuthenticatedRequest, config.rateLimits) === 0,
    errorResponseBuilder: (_request, context) =>
      new ApiError(429, 'RATE_LIMITED', `more than ${context.max} requests in ${config.rateLimits.windowMs / 1000} s; retry after ${context.after}`),
  });
  addSecurityHeaders(fastify);
  if (config.corsOrigins.length > 0) app.enableCors({ origin: config.corsOrigins });
}
