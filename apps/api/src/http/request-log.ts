import type { FastifyInstance } from 'fastify';
import type { AuthenticatedRequest } from '../auth/request-key.js';

/**
 * One log line per answered request: request id (the logger's `requestId` binding), route
 * template, method, status, duration, and the API key's id when the request carried one.
 */
export function logRequests(fastify: FastifyInstance): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    const keyId = (request as AuthenticatedRequest).apiKey?.id;
    request.log.info({
      event: 'http.request',
      method: request.method,
      route: request.routeOptions.url ?? null,
      url: request.url,
      status: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 100) / 100,
      ...(keyId ? { keyId } : {}),
    }, 'request');
    done();
  });
}
