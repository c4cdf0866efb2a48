import { SetMetadata } from '@nestjs/common';

/** The roles an API key can hold; every route declares which one it needs. */
export const ROLES = ['ingest', 'query', 'audit', 'admin', 'metrics'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_METADATA = 'lifecycle:required-role';
export const PUBLIC_ROUTE = 'public';

/** Who may call this route (a controller or a handler): any key holding one of these roles. */
export const RequireRole = (...roles: Role[]) => SetMetadata(ROLE_METADATA, roles);

/** Open without a key (liveness and readiness probes only). */
export const PublicRoute = () => SetMetadata(ROLE_METADATA, PUBLIC_ROUTE);
