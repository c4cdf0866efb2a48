import { HttpException } from '@nestjs/common';
import type { FieldError } from '@lifecycle/domain';

/** The one error shape of the API: a code, a sentence, and the offending fields. */
export class ApiError extends HttpException {
  constructor(status: number, code: string, message: string, errors?: FieldError[]) {
    super({ statusCode: status, code, message, ...(errors ? { errors } : {}) }, status);
  }
}

export const badRequest = (path: string, reason: string): ApiError =>
  new ApiError(400, 'INVALID_REQUEST', `${path}: ${reason}`, [{ path, reason }]);
