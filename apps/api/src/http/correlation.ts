const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The event body with `metadata.correlationId` set to the request id when the caller gave
 * none. A body or metadata that is not an object is left as it is, for validation to name.
 */
export function withCorrelationId(body: unknown, requestId: string): unknown {
  if (!isPlainObject(body)) return body;
  const metadata = body.metadata;
  if (metadata === undefined) return { ...body, metadata: { correlationId: requestId } };
  if (!isPlainObject(metadata) || metadata.correlationId !== undefined) return body;
  return { ...body, metadata: { ...metadata, correlationId: requestId } };
}
