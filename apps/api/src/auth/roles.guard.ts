import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import { ApiError } from '../http/api-error.js';
import { ApiKeyStore } from './api-key-store.js';
import type { AuthenticatedRequest } from './request-key.js';
import { PUBLIC_ROUTE, ROLE_METADATA, type Role } from './roles.js';

export const WWW_AUTHENTICATE = 'Bearer realm="customer-lifecycle"';

/**
 * The global guard: every route must declare RequireRole or PublicRoute; one that declares
 * neither is refused (fail closed). Without keys on loopback (open mode) declared routes are open.
 */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeyStore,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const declared = this.reflector.getAllAndOverride<Role[] | typeof PUBLIC_ROUTE | undefined>(ROLE_METADATA, [context.getHandler(), context.getClass()]);
    if (declared === undefined || (Array.isArray(declared) && declared.length === 0)) {
      throw new ApiError(403, 'FORBIDDEN', 'this route declares no role, so nobody may call it');
    }
    if (declared === PUBLIC_ROUTE || this.keys.open) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const key = request.apiKey;
    if (!key) {
      context.switchToHttp().getResponse<FastifyReply>().header('WWW-Authenticate', WWW_AUTHENTICATE);
      throw new ApiError(401, 'UNAUTHENTICATED', 'a valid API key is required (Authorization: Bearer <key> or X-API-Key)', [
        { path: 'header.authorization', reason: 'missing or unknown API key' },
      ]);
    }
    if (declared.some((role) => key.roles.includes(role))) return true;
    const needed = declared.join(' or ');
    throw new ApiError(403, 'FORBIDDEN', `key ${key.id} lacks the role ${needed}`, [{ path: 'role', reason: `requires the role ${needed}` }]);
  }
}
