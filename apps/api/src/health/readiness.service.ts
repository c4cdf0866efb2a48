import { Inject, Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { HealthCheckService, HealthIndicatorService, type HealthCheckResult, type HealthIndicatorResult } from '@nestjs/terminus';
import type { AppConfig } from '@lifecycle/core';
import { APP_CONFIG, GetLogHeadQuery, GetProjectionCheckpointQuery, ListProjectionVersionsQuery } from '@lifecycle/core/nest';

const CHECK_TIMEOUT_MS = 2000;

const within = <T>(promise: Promise<T>, ms: number): Promise<T> =>
  Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref())]);

export interface Readiness {
  ready: boolean;
  result: HealthCheckResult;
}

/**
 * Readiness with @nestjs/terminus: the event store answers, the read model answers, a
 * projection version is served (and active in the catalog), and the projection lags the log
 * by at most READY_MAX_LAG_EVENTS events.
 */
@Injectable()
export class ReadinessService {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queries: QueryBus,
  ) {}

  async check(): Promise<Readiness> {
    const probe = async (key: string, run: () => Promise<Record<string, unknown>>): Promise<HealthIndicatorResult> => {
      const session = this.indicators.check(key);
      try {
        return session.up(await within(run(), CHECK_TIMEOUT_MS));
      } catch (error) {
        return session.down({ message: (error as Error).message });
      }
    };
    try {
      const result = await this.health.check([
        () => probe('eventStore', async () => {
          return { head: (await this.queries.execute(new GetLogHeadQuery())).toString() };
        }),
        () => probe('readModel', async () => {
          const checkpoint = await this.queries.execute(new GetProjectionCheckpointQuery());
          return { checkpoint: checkpoint === null ? null : checkpoint.toString() };
        }),
        () => probe('projection', async () => {
          const { served, versions } = await this.queries.execute(new ListProjectionVersionsQuery());
          const active = versions.find((v) => v.version === served && v.state === 'active');
          if (!served || !active) throw new Error(`no projection version is served (served: ${served || 'none'})`);
          return { version: served };
        }),
        () => probe('lag', async () => {
          const [head, checkpoint] = await Promise.all([this.queries.execute(new GetLogHeadQuery()), this.queries.execute(new GetProjectionCheckpointQuery())]);
          // In log positions (events on SQLite, whose positions count from 1; an empty log's head is -1).
          const lag = checkpoint === null ? (head < 0n ? 0n : head) : head - checkpoint;
          const max = BigInt(this.config.readyMaxLagEvents);
          if (lag > max) throw new Error(`projection lag ${lag} events > READY_MAX_LAG_EVENTS ${max}`);
          return { events: lag.toString(), max: max.toString() };
        }),
      ]);
      return { ready: true, result };
    } catch (error) {
      const result = (error as { getResponse?: () => unknown }).getResponse?.();
      if (!result || typeof result !== 'object') throw error;
      return { ready: false, result: result as HealthCheckResult };
    }
  }
}
