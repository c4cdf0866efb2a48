import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { storageFailure } from './storage-errors.js';

/** Every error leaves in the API's error shape; unparseable bodies become 400 INVALID_EVENT naming `$`. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Api');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (exception instanceof HttpException) {
      const body = exception.getResponse();
      const status = exception.getStatus();
      if (typeof body === 'object' && body !== null && 'code' in body) {
        void reply.status(status).send(body);
        return;
      }
      const message = typeof body === 'string' ? body : String((body as { message?: unknown }).message ?? exception.message);
      const code = status === 404 ? 'NOT_FOUND' : status === 400 ? 'INVALID_EVENT' : 'HTTP_ERROR';
      void reply.status(status).send({ statusCode: status, code, message, ...(status === 400 ? { errors: [{ path: '$', reason: message }] } : {}) });
      return;
    }
    const fastifyStatus = (exception as { statusCode?: number }).statusCode;
    if (fastifyStatus && fastifyStatus >= 400 && fastifyStatus < 500) {
      const reason = (exception as Error).message;
      void reply.status(fastifyStatus).send({
        statusCode: fastifyStatus, code: 'INVALID_EVENT', message: `$: ${reason}`, errors: [{ path: '$', reason }],
      });
      return;
    }
    const storage = storageFailure(exception);
    if (storage) {
      this.logger.warn(`${storage.code}: ${(exception as Error).message}`);
      void reply.status(storage.status).header('retry-after', String(storage.retryAfterSeconds))
        .send({ statusCode: storage.status, code: storage.code, message: storage.message });
      return;
    }
    this.logger.error((exception as Error)?.stack ?? String(exception));
    void reply.status(500).send({ statusCode: 500, code: 'INTERNAL', message: 'internal error' });
  }
}
