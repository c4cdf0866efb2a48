import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { addDays, dateOf } from '@lifecycle/domain';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG, WALL_CLOCK, type WallClock } from './tokens.js';
import { IngestionService } from './ingestion.service.js';

const CHECK_EVERY_MS = 60_000;

/**
 * Appends DayEnded for every UTC date that is over, shortly after each midnight, catching up
 * on missed dates; the clock decision makes each date idempotent. An empty store does not tick.
 */
@Injectable()
export class ClockSchedulerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ClockScheduler');
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(WALL_CLOCK) private readonly now: WallClock,
    private readonly ingestion: IngestionService,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.clockScheduler) return;
    void this.tick();
    this.timer = setInterval(() => void this.tick(), CHECK_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Ticks every date up to yesterday (UTC). */
  async tick(): Promise<string[]> {
    try {
      const yesterday = addDays(dateOf(this.now()), -1);
      const dates = await this.ingestion.tickUntil(yesterday);
      if (dates.length > 0) this.logger.log(`DayEnded ${dates[0]}${dates.length > 1 ? ` … ${dates[dates.length - 1]}` : ''}`);
      return dates;
    } catch (error) {
      this.logger.error(`clock tick failed: ${(error as Error).message}`);
      return [];
    }
  }
}
