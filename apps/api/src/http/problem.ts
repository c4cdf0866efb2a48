import { STATUS_CODES } from 'node:http';
import type { FieldError } from '@lifecycle/domain';
import { PROBLEM_CODES, problemType } from './problem-codes.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** An RFC 9457 problem details body, with the API's `code` and the offending fields. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors: FieldError[];
}

export function problem(status: number, code: string, detail: string, errors: FieldError[] = []): Problem {
  const title = PROBLEM_CODES[code]?.title ?? STATUS_CODES[status] ?? 'Error';
  return { type: problemType(code), title, status, detail, code, errors };
}

/** Fastify's own error codes (content-type parsers, router, body limit) as problems. */
const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'INVALID_REQUEST',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'INVALID_REQUEST',
  FST_ERR_MAX_PARAM_LENGTH: 'URI_TOO_LONG',
  FST_ERR_BAD_URL: 'INVALID_REQUEST',
};

const STATUS_DEFAULT_CODES: Record<number, string> = {
  400: 'INVALID_REQUEST', 404: 'NOT_FOUND', 408: 'REQUEST_TIMEOUT', 413: 'PAYLOAD_TOO_LARGE',
  414: 'URI_TOO_LONG', 415: 'UNSUPPORTED_MEDIA_TYPE', 431: 'HEADERS_TOO_LARGE',
};

/** Ingestion routes name an unparseable body INVALID_EVENT, the spec's code for it. */
const INGESTION_ROUTE = /^\/(events|customers\/[^/?]+\/[a-z-]+)\/?(\?|$)/;

/**
 * A 4xx error raised by Fastify or Node before any handler ran (a body that does not parse,
 * a body too large, an unsupported media type, a parameter too long) as a problem.
 */
export function problemOfFrameworkError(error: { statusCode?: number; code?: string; message?: string }, url = ''): Problem {
  const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  const reason = (error.message ?? 'bad request').replace(/^FST_\w+: /, '');
  let code = (error.code && FASTIFY_CODES[error.code]) ?? STATUS_DEFAULT_CODES[status] ?? 'INVALID_REQUEST';
  if (code === 'INVALID_REQUEST' && status === 400 && INGESTION_ROUTE.test(url)) code = 'INVALID_EVENT';
  const errors = status === 400 ? [{ path: '$', reason }] : [];
  return problem(status, code, status === 400 ? `$: ${reason}` : reason, errors);
}

/** The raw HTTP/1.1 answer for errors Node's parser raises before Fastify sees a request. */
export function rawProblemResponse(status: number, code: string, detail: string): string {
  const body = JSON.stringify(problem(status, code, detail));
  return `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
}
