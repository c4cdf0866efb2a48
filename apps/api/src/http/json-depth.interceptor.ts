import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { MAX_EVENT_DEPTH, tooDeepPath } from '@lifecycle/core';
import { ApiError } from './api-error.js';

/** A batch wraps its events in at most two levels: `{"events": [ ... ]}`. */
export const MAX_BODY_DEPTH = MAX_EVENT_DEPTH + 2;

/**
 * Refuses a request body nested deeper than any valid one before a controller, a validator or
 * class-transformer (which overflows the stack on a few thousand levels) walks it: JSON and
 * NDJSON bodies, on every route. An event nested too deep inside a shallower batch is rejected
 * by validation, per event.
 */
@Injectable()
export class JsonDepthInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler) {
    if (context.getType() === 'http') {
      const path = tooDeepPath(context.switchToHttp().getRequest<FastifyRequest>().body, MAX_BODY_DEPTH);
      if (path) {
        const reason = `nested deeper than ${MAX_BODY_DEPTH} levels`;
        throw new ApiError(400, 'INVALID_EVENT', `${path}: ${reason}`, [{ path, reason }]);
      }
    }
    return next.handle();
  }
}
