import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import { MAX_EVENT_DEPTH, tooDeepPath } from '@lifecycle/core';
import { ApiError } from './api-error.js';

/** A batch wraps its events in at most two levels: `{"events": [ ... ]}`. */
export const MAX_BODY_DEPTH = MAX_EVENT_DEPTH + 2;

/**
 * Refuses a request body nested deeper than any valid one before a controller, a validator or
 * class-transformer (which overflows the stack on a few thousand levels) walks it: JSON and
 * NDJSON bodies, on every route that takes a body, after the guards. An event nested too deep
 * inside a shallower batch is rejected by validation, per event. A pipe rather than an
 * interceptor: with no interceptor, Nest calls a handler without wrapping it in RxJS
 * observables (5 % of the ingest route's CPU).
 */
@Injectable()
export class JsonDepthPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'body') return value;
    const path = tooDeepPath(value, MAX_BODY_DEPTH);
    if (path) {
      const reason = `nested deeper than ${MAX_BODY_DEPTH} levels`;
      throw new ApiError(400, 'INVALID_EVENT', `${path}: ${reason}`, [{ path, reason }]);
    }
    return value;
  }
}
