import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';

/**
 * The headers helmet (default options) sets on an answer. They do not depend on the request,
 * so helmet runs once here instead of on every request (@fastify/helmet rebuilt its middleware,
 * CSP parsing included, per request: 7 % of the ingest route's CPU).
 */
function helmetHeaders(): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  helmet()({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
  });
  return Object.freeze(headers);
}

/** Lower-case names; a hijacked reply (the SSE feed) writes them itself. */
export const SECURITY_HEADERS = helmetHeaders();

/** Security headers on every answer whose request got past the URL and size limits (errors included). */
export function addSecurityHeaders(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (_request, reply, done) => {
    void reply.headers(SECURITY_HEADERS);
    done();
  });
}
