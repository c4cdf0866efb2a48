/**
 * Every error `code` the API answers, with its HTTP status and title: the one table behind
 * the problem+json bodies, the OpenAPI document and the README.
 */
export interface ProblemCode {
  status: number;
  title: string;
  /** When the API answers it. */
  when: string;
}

export const PROBLEM_CODES: Record<string, ProblemCode> = {
  INVALID_EVENT: { status: 400, title: 'Invalid event', when: 'a malformed event envelope or field, or an unparseable body on an ingestion route; `errors` names every field' },
  INVALID_REQUEST: { status: 400, title: 'Invalid request', when: 'a bad query parameter, route parameter or non-event body (e.g. `limit=0`, `at=yesterday`, a cursor not returned by the API)' },
  UNAUTHENTICATED: { status: 401, title: 'Unauthenticated', when: 'no API key, or an unknown or revoked one (with `WWW-Authenticate: Bearer`)' },
  FORBIDDEN: { status: 403, title: 'Forbidden', when: 'the API key lacks the role the route requires (named in `detail`)' },
  NOT_FOUND: { status: 404, title: 'Not found', when: 'no such route' },
  CUSTOMER_NOT_FOUND: { status: 404, title: 'Customer not found', when: 'the customer has no event (or none at `at`)' },
  WEBHOOK_NOT_FOUND: { status: 404, title: 'Webhook not found', when: 'no webhook subscription with that id' },
  REQUEST_TIMEOUT: { status: 408, title: 'Request timeout', when: 'the client did not send the request in time' },
  DUPLICATE_ORDER: { status: 409, title: 'Duplicate order', when: 'the customer already has that `orderId` under another `eventId`' },
  CONCURRENCY_CONFLICT: { status: 409, title: 'Concurrency conflict', when: 'the stream kept changing under concurrent writers after 8 attempts; retry' },
  REBUILD_RUNNING: { status: 409, title: 'Rebuild running', when: 'a projection rebuild is already running' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'Payload too large', when: 'the body exceeds 16 MiB' },
  URI_TOO_LONG: { status: 414, title: 'URI too long', when: 'a route parameter (e.g. a customer id) exceeds 100 characters' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported media type', when: 'a body of a media type the API does not parse (JSON, NDJSON and plain text are parsed)' },
  FUTURE_EVENT: { status: 422, title: 'Future event', when: '`occurredAt` more than 5 minutes after the server clock, or a `DayEnded` / clock advance for a day not over yet (its end more than 5 minutes away)' },
  CLOCK_ADVANCE_TOO_LARGE: { status: 422, title: 'Clock advance too large', when: 'a clock advance would append more than CLOCK_ADVANCE_MAX_TICKS ticks; `errors` names `until` and the furthest allowed' },
  UNKNOWN_ORDER: { status: 422, title: 'Unknown order', when: 'a refund of an order the customer does not have' },
  REFUND_EXCEEDS_ORDER: { status: 422, title: 'Refund exceeds order', when: 'refunds would exceed the order total' },
  RATE_LIMITED: { status: 429, title: 'Too Many Requests', when: 'the key (or the address, without a key) exceeded its role\'s rate limit; retry after `Retry-After` seconds' },
  HEADERS_TOO_LARGE: { status: 431, title: 'Request header fields too large', when: 'the request line and headers exceed 16 KiB' },
  INTERNAL: { status: 500, title: 'Internal error', when: 'a bug or an unexpected store failure (logged with the request id)' },
  STORE_UNAVAILABLE: { status: 503, title: 'Store unavailable', when: 'the event store or read model is briefly unreachable, locked or read-only; nothing was stored; retry after `Retry-After` seconds' },
  INSUFFICIENT_STORAGE: { status: 507, title: 'Insufficient storage', when: 'the store is out of space; nothing was stored; retry after `Retry-After` seconds' },
  PROJECTION_LAGGING: { status: 503, title: 'Projection lagging', when: 'the read model did not reach `minPosition` within 5 s' },
};

/** The problem `type` of a code: a stable URN, listed in the README and the OpenAPI document. */
export const problemType = (code: string): string => `urn:lifecycle:problem:${code}`;
