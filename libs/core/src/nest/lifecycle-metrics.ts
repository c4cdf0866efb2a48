import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { LOYALTY_LEVELS, STATUSES, VALUE_TIERS } from '@lifecycle/domain';
import type { EventStore } from '@lifecycle/event-store';
import type { QueryStore } from '@lifecycle/read-model';
import { EVENT_STORE, READ_MODEL } from './tokens.js';
import { projectionObserver } from '../projection/projection-observer.js';
import { ProjectionVersionsService } from './projection-versions.service.js';
import { instrumentAppends } from '../metrics/instrument-appends.js';

const SEGMENT_VALUES: Record<string, readonly string[]> = { status: STATUSES, loyaltyLevel: LOYALTY_LEVELS, valueTier: VALUE_TIERS };

/**
 * The service's Prometheus metrics (prom-client), one registry per process: counters and
 * histograms observed where the work happens, gauges read from the stores on each scrape.
 */
@Injectable()
export class LifecycleMetrics implements OnModuleDestroy {
  readonly registry = new Registry();

  readonly eventsIngested = new Counter({
    name: 'lifecycle_events_ingested_total', help: 'Events received for ingestion, by type and outcome (accepted, duplicate, rejected) and rejection code',
    labelNames: ['type', 'outcome', 'code'] as const, registers: [this.registry],
  });

  readonly httpRequestDuration = new Histogram({
    name: 'lifecycle_http_request_duration_seconds', help: 'HTTP request durations by route template, method and status',
    labelNames: ['route', 'method', 'status'] as const, buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly appendDuration = new Histogram({
    name: 'lifecycle_event_store_append_duration_seconds', help: 'Duration of event store appends (one call, one or more streams)',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1], registers: [this.registry],
  });

  readonly batchDuration = new Histogram({
    name: 'lifecycle_projection_batch_duration_seconds', help: 'Duration of one projection batch (one unit of work)',
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30], registers: [this.registry],
  });

  readonly dayEndDuration = new Histogram({
    name: 'lifecycle_day_end_duration_seconds', help: 'Duration of projecting one DayEnded (due customers, re-rank)',
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30], registers: [this.registry],
  });

  readonly dayEndDue = new Gauge({
    name: 'lifecycle_day_end_due_customers', help: 'Customers evaluated by the last DayEnded projected in this process', registers: [this.registry],
  });

  private readonly stopListening: () => void;

  constructor(
    @Inject(EVENT_STORE) events: EventStore,
    @Inject(READ_MODEL) readModel: QueryStore,
    projections: ProjectionVersionsService,
  ) {
    collectDefaultMetrics({ register: this.registry });
    instrumentAppends(events, this.appendDuration);
    this.stopListening = projectionObserver.listen({
      batch: (seconds) => this.batchDuration.observe(seconds),
      dayEnd: (seconds, due) => {
        this.dayEndDuration.observe(seconds);
        this.dayEndDue.set(due);
      },
    });
    const read = async () => {
      const [head, meta] = await Promise.all([events.headPosition(), readModel.loadMeta()]);
      const next = await events.readAll({ after: meta.checkpoint ?? undefined, maxCount: 1 });
      const lagSeconds = next[0] ? Math.max(0, (Date.now() - Date.parse(next[0].recordedAt)) / 1000) : 0;
      return { head, checkpoint: meta.checkpoint, lagSeconds };
    };
    const registers = [this.registry];
    new Gauge({
      name: 'lifecycle_log_head_position', help: 'Position of the last event in the log (-1 when empty)', registers,
      async collect() { this.set(Number((await read()).head)); },
    });
    new Gauge({
      name: 'lifecycle_projection_checkpoint_position', help: 'Last log position the served projection has applied (-1 before the first)', registers,
      async collect() { this.set(Number((await read()).checkpoint ?? -1n)); },
    });
    new Gauge({
      name: 'lifecycle_projection_lag_events', help: 'Log positions not yet projected (events, on SQLite)', registers,
      async collect() {
        const { head, checkpoint } = await read();
        this.set(Number(checkpoint === null ? (head < 0n ? 0n : head) : head - checkpoint));
      },
    });
    new Gauge({
      name: 'lifecycle_projection_lag_seconds', help: 'Age of the oldest event not yet projected (0 when caught up)', registers,
      async collect() { this.set((await read()).lagSeconds); },
    });
    new Gauge({
      name: 'lifecycle_customers', help: 'Customers per segment of the served projection (every value, zeros included)', labelNames: ['field', 'value'] as const, registers,
      async collect() {
        const counts = await readModel.segmentCounts();
        for (const [field, values] of Object.entries(SEGMENT_VALUES)) {
          const byValue = counts[field as 'status' | 'loyaltyLevel' | 'valueTier'];
          for (const value of values) this.set({ field, value }, byValue[value] ?? 0);
        }
      },
    });
    new Gauge({
      name: 'lifecycle_rebuild_progress_ratio', help: "Share of the log projected by this process's current or last rebuild (0 without one)", registers,
      collect() {
        const p = projections.progress;
        if (!p) return this.set(0);
        if (p.state === 'done') return this.set(1);
        const head = Number(p.head);
        this.set(head <= 0 ? 0 : Math.min(1, Number(p.position ?? 0) / head));
      },
    });
  }

  onModuleDestroy(): void {
    this.stopListening();
  }
}
