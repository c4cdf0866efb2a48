import type { FastifyRequest } from 'fastify';
import type { ApiKeyRecord } from '@lifecycle/core';
import type { ApiKeyStore } from './api-key-store.js';

/** The key of a request once authenticated (set by the onRequest hook, read by the guard and the rate limiter). */
export interface AuthenticatedRequest extends FastifyRequest {
  apiKey?: ApiKeyRecord | null;
}

/** The key id recorded in event metadata and the audit stream when the service runs without keys. */
export const OPEN_MODE_ACTOR = 'anonymous-loopback';

/** `Authorization: Bearer <key>`, else `X-API-Key: <key>`. */
export function presentedKey(headers: FastifyRequest['headers']): string | null {
  const authorization = headers.authorization;
  if (typeof authorization === 'string') {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (match) return match[1];
  }
  const header = headers['x-api-key'];
  return typeof header === 'string' && header.trim() !== '' ? header.trim() : null;
}

/** Resolves the request's key before the rate limiter and the guard look at it. */
export const authenticateRequest = (keys: ApiKeyStore) => async (request: AuthenticatedRequest): Promise<void> => {
  const key = presentedKey(request.headers);
  request.apiKey = key === null || key.length > 512 ? null : await keys.verify(key);
};

/** Who sent a request: its key id, or the open-mode actor. */
export const actorOf = (request: AuthenticatedRequest): string => request.apiKey?.id ?? OPEN_MODE_ACTOR;
