import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@lifecycle/event-store';
import type { AppConfig } from '../config/app-config.js';
import type { DecisionCache } from '../ingestion/decision-cache.js';
import { createIngestion, type Ingestion, type SubmitOptions, type TickOptions } from '../ingestion/ingestion.js';
import type { Candidate, IngestionResult } from '../ingestion/ingestion-result.js';
import { APP_CONFIG, EVENT_STORE, WALL_CLOCK, type WallClock } from './tokens.js';

/** The ingestion of the configured store, for the command handlers, the clock scheduler and the CLI. */
@Injectable()
export class IngestionService implements Ingestion {
  private readonly ingestion: Ingestion;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(WALL_CLOCK) now: WallClock,
  ) {
    this.ingestion = createIngestion(store, config.rules.baseCurrency, now);
  }

  get decisions(): DecisionCache {
    return this.ingestion.decisions;
  }

  submit(candidates: Candidate[], options?: SubmitOptions): Promise<IngestionResult[]> {
    return this.ingestion.submit(candidates, options);
  }

  tickUntil(lastDate: string, options?: TickOptions): Promise<string[]> {
    return this.ingestion.tickUntil(lastDate, options);
  }
}
