import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LifecycleMetrics } from '@lifecycle/core/nest';

/**
 * GET /metrics of the projector process on its own port (it has no HTTP API). Meant for the
 * internal network the Prometheus server scrapes from; it serves nothing else.
 */
export async function startMetricsServer(metrics: LifecycleMetrics, port: number, host: string): Promise<{ server: Server; port: number }> {
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
      const body = JSON.stringify({ type: 'urn:lifecycle:problem:NOT_FOUND', title: 'Not found', status: 404, detail: 'only GET /metrics', code: 'NOT_FOUND', errors: [] });
      response.writeHead(404, { 'content-type': 'application/problem+json' }).end(body);
      return;
    }
    metrics.registry.metrics().then(
      (text) => response.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
      (error: Error) => response.writeHead(500, { 'content-type': 'text/plain' }).end(error.message),
    );
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, host, resolve));
  return { server, port: (server.address() as AddressInfo).port };
}
