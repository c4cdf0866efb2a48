import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from './api-error.js';
import { PROBLEM_CONTENT_TYPE, type Problem, problem, problemOfFrameworkError } from './problem.js';
import { storageFailure } from './storage-errors.js';

/** Every error leaves as application/problem+json: ApiErrors as thrown, Nest's and Fastify's own errors mapped to a code. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Api');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const storage = storageFailure(exception);
    if (storage) {
      this.logger.warn(`${storage.code}: ${(exception as Error).message}`);
      void reply.header('retry-after', String(storage.retryAfterSeconds));
    }
    const body = storage ? problem(storage.status, storage.code, storage.message) : this.problemOf(exception, request);
    void reply.status(body.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
  }

  private problemOf(exception: unknown, request: FastifyRequest | undefined): Problem {
    if (exception instanceof ApiError) return exception.problem;
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status < 500) return problemOfFrameworkError({ statusCode: status, message: exception.message }, request?.url);
    }
    const statusCode = (exception as { statusCode?: number } | null)?.statusCode;
    if (statusCode && statusCode >= 400 && statusCode < 500) return problemOfFrameworkError(exception as Error, request?.url);
    this.logger.error((exception as Error)?.stack ?? String(exception));
    return problem(500, 'INTERNAL', 'internal error');
  }
}
