import { HttpException } from '@nestjs/common';
import type { FieldError } from '@lifecycle/domain';
import { type Problem, problem } from './problem.js';

/** The one error shape of the API: an RFC 9457 problem with a code, a sentence, and the offending fields. */
export class ApiError extends HttpException {
  constructor(status: number, code: string, message: string, errors?: FieldError[]) {
    super(problem(status, code, message, errors), status);
  }

  get problem(): Problem {
    return this.getResponse() as Problem;
  }
}

export const badRequest = (path: string, reason: string): ApiError =>
  new ApiError(400, 'INVALID_REQUEST', `${path}: ${reason}`, [{ path, reason }]);
