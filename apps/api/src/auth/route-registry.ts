import type { FastifyInstance } from 'fastify';

export interface RegisteredRoute {
  method: string;
  url: string;
}

const registries = new WeakMap<object, RegisteredRoute[]>();

/** Records every route Fastify registers from now on (Nest's and any plugin's), for the route × role test. */
export function trackRoutes(fastify: FastifyInstance): void {
  const routes: RegisteredRoute[] = [];
  registries.set(fastify, routes);
  fastify.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url ?? route.path });
  });
}

/** The routes recorded by trackRoutes on this Fastify instance. */
export const registeredRoutes = (fastify: FastifyInstance): RegisteredRoute[] => [...(registries.get(fastify) ?? [])];
