import type { Socket } from 'node:net';
import type { FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { PROBLEM_CONTENT_TYPE, problemOfFrameworkError, rawProblemResponse } from './problem.js';

/**
 * Fastify options that make the errors Fastify and Node answer themselves — a route parameter
 * too long (414), a bad URL, headers too large (431), a timeout — problem+json bodies too.
 * Errors of parsing a body (invalid JSON, 413, 415) reach the Nest exception filter.
 */
export const frameworkErrorOptions: Pick<FastifyServerOptions, 'frameworkErrors' | 'clientErrorHandler'> = {
  frameworkErrors(error: Error & { statusCode?: number; code?: string }, request: FastifyRequest, reply: FastifyReply) {
    const body = problemOfFrameworkError(error, request.url);
    void reply.status(body.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
  },
  clientErrorHandler(error: Error & { code?: string }, socket: Socket) {
    if (error.code === 'ECONNRESET' || socket.destroyed || !socket.writable) return;
    const response =
      error.code === 'HPE_HEADER_OVERFLOW' ? rawProblemResponse(431, 'HEADERS_TOO_LARGE', 'the request line and headers exceed the maximum size')
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? rawProblemResponse(408, 'REQUEST_TIMEOUT', 'the request was not received in time')
      : rawProblemResponse(400, 'INVALID_REQUEST', 'the request is not valid HTTP');
    socket.end(response);
  },
};
