import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { LifecycleMetrics } from '@lifecycle/core/nest';

/** Observes every answered request in lifecycle_http_request_duration_seconds, by route template (not by URL). */
export function registerHttpMetrics(app: NestFastifyApplication): void {
  const histogram = app.get(LifecycleMetrics).httpRequestDuration;
  app.getHttpAdapter().getInstance().addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    histogram.observe({ route, method: request.method, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    done();
  });
}
