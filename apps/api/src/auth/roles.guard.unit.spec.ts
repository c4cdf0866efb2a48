import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { KEY_ROLES } from '@lifecycle/core';
import type { ApiKeyStore } from './api-key-store.js';
import { isLoopback } from './api-key-store.js';
import { presentedKey } from './request-key.js';
import { RolesGuard } from './roles.guard.js';
import { PublicRoute, RequireRole, ROLES } from './roles.js';

class Routes {
  undeclared() {}
  @RequireRole('admin') admin() {}
  @PublicRoute() probe() {}
}

const contextFor = (handler: () => void, apiKey: unknown = null): ExecutionContext => {
  const reply = { header: () => reply };
  return {
    getHandler: () => handler,
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => ({ apiKey }), getResponse: () => reply }),
  } as unknown as ExecutionContext;
};

const guard = (open: boolean) => new RolesGuard(new Reflector(), { open } as ApiKeyStore);
const status = (run: () => unknown): number | 'allowed' => {
  try {
    run();
    return 'allowed';
  } catch (error) {
    if (typeof (error as { getStatus?: unknown }).getStatus !== 'function') throw error;
    return (error as { getStatus(): number }).getStatus();
  }
};

describe('RolesGuard', () => {
  it('fails closed: a route without a declared role is refused, even without keys on loopback', () => {
    expect(status(() => guard(true).canActivate(contextFor(Routes.prototype.undeclared)))).toBe(403);
    expect(status(() => guard(false).canActivate(contextFor(Routes.prototype.undeclared, { id: 'a', roles: ['admin'] })))).toBe(403);
  });

  it('opens declared routes in open mode, public routes always, and checks roles otherwise', () => {
    expect(status(() => guard(true).canActivate(contextFor(Routes.prototype.admin)))).toBe('allowed');
    expect(status(() => guard(false).canActivate(contextFor(Routes.prototype.probe)))).toBe('allowed');
    expect(status(() => guard(false).canActivate(contextFor(Routes.prototype.admin)))).toBe(401);
    expect(status(() => guard(false).canActivate(contextFor(Routes.prototype.admin, { id: 'q', roles: ['query'] })))).toBe(403);
    expect(status(() => guard(false).canActivate(contextFor(Routes.prototype.admin, { id: 'a', roles: ['query', 'admin'] })))).toBe('allowed');
  });

  it('shares its role vocabulary with the keys file', () => {
    expect([...KEY_ROLES]).toEqual([...ROLES]);
  });

  it('reads Bearer and X-API-Key, and knows loopback addresses', () => {
    expect(presentedKey({ authorization: 'Bearer a.b' })).toBe('a.b');
    expect(presentedKey({ authorization: 'Basic xyz', 'x-api-key': ' k.s ' })).toBe('k.s');
    expect(presentedKey({})).toBeNull();
    expect(['127.0.0.1', '127.1.2.3', '::1', 'localhost'].map(isLoopback)).toEqual([true, true, true, true]);
    expect(['0.0.0.0', '::', '10.0.0.1', '128.0.0.1'].map(isLoopback)).toEqual([false, false, false, false]);
  });
});
