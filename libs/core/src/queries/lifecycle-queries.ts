import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type CustomerProfile, type LifecycleEvent, DAY_MS, explain, formatInstant, LOYALTY_LEVELS, parseDate, type RulesConfig, STATUSES, VALUE_TIERS,
} from '@lifecycle/domain';
import { customerStream, type EventStore } from '@lifecycle/event-store';
import { createSqliteReadModel, type CustomerFilter, type Page, type ReadModelStore, type StoredTransition } from '@lifecycle/read-model';
import { readAdminLog } from '../event-log/admin-log.js';
import { type ExportFilter, exportLog } from '../audit/export-log.js';
import { type VerifyReport, verifyProjection } from '../audit/verify-projection.js';
import { ClockTicks } from '../event-log/clock-ticks.js';
import { type AsOf, customerAsOf } from '../audit/customer-as-of.js';
import type { AdminLogPage, CustomerExplanation, CutoffsRange, HistoryPage, Segments, SegmentsDaily } from './query-results.js';
import { segmentSeries } from './segment-series.js';

/** Every value of a classification with its count, zeros included, in the classification's order. */
const everyBucket = (values: readonly string[], counts: Record<string, number>): Record<string, number> => ({
  ...Object.fromEntries(values.map((value) => [value, 0])),
  ...counts,
});

/** Every read the API and the CLI serve: profiles and segments from the read model; history, as-of and the admin trail from the log. */
export class LifecycleQueries {
  private readonly clock: ClockTicks;

  constructor(
    private readonly readModel: ReadModelStore,
    private readonly events: EventStore,
    private readonly rules: RulesConfig,
  ) {
    this.clock = new ClockTicks(events);
  }

  customer(customerId: string): Promise<CustomerProfile | null> {
    return this.readModel.getProfile(customerId);
  }

  customers(filter: CustomerFilter, limit: number, cursor: string | null): Promise<Page<CustomerProfile>> {
    return this.readModel.listProfiles(filter, limit, cursor);
  }

  /** Every profile, sorted by customerId, a page at a time. */
  allCustomers(): AsyncIterable<CustomerProfile[]> {
    return this.readModel.allProfiles();
  }

  async segments(): Promise<Segments> {
    const [counts, meta] = await Promise.all([this.readModel.segmentCounts(), this.readModel.loadMeta()]);
    return {
      ...counts,
      status: everyBucket(STATUSES, counts.status),
      loyaltyLevel: everyBucket(LOYALTY_LEVELS, counts.loyaltyLevel),
      valueTier: everyBucket(VALUE_TIERS, counts.valueTier),
      clockDate: meta.clockDate,
      cutoffs: meta.cutoffs,
    };
  }

  async segmentsDaily(from: string, to: string): Promise<SegmentsDaily> {
    const start = parseDate(from) as number;
    const end = (parseDate(to) as number) + DAY_MS;
    const [before, daily] = await Promise.all([
      this.readModel.transitionTalliesBefore(start),
      this.readModel.dailyTransitionTallies(start, end),
    ]);
    return { from, to, days: segmentSeries(from, to, before, daily) };
  }

  async cutoffsRange(from: string, to: string): Promise<CutoffsRange> {
    const kept = await this.readModel.cutoffsBetween(from, to);
    return { from, to, currency: this.rules.baseCurrency, items: kept.map(({ date, cutoffs }) => ({ date, ...cutoffs })) };
  }

  /** A page of the customer's stream from `fromRevision`; null for a customer without events. */
  async history(customerId: string, fromRevision: bigint, limit: number): Promise<HistoryPage | null> {
    const page = await this.events.readStream(customerStream(customerId), fromRevision, limit + 1);
    if (page.length === 0 && fromRevision === 0n) return null;
    const items = page.slice(0, limit).map((e) => {
      const { occurredAt, ...data } = e.data as { occurredAt: string };
      return {
        eventId: e.eventId, type: e.type, streamId: e.streamId, revision: e.revision.toString(), position: e.position.toString(),
        occurredAt, recordedAt: e.recordedAt, data, metadata: e.metadata,
      };
    });
    return { items, nextRevision: page.length > limit ? page[limit].revision.toString() : null };
  }

  asOf(customerId: string, at: number): Promise<AsOf | null> {
    return customerAsOf(this.events, this.readModel, customerId, at, this.rules, this.clock);
  }

  transitions(customerId: string, limit: number, cursor: string | null): Promise<Page<StoredTransition>> {
    return this.readModel.transitions(customerId, limit, cursor);
  }

  async explain(customerId: string): Promise<CustomerExplanation | null> {
    const [record] = (await this.readModel.getCustomers([customerId])).values();
    if (!record) return null;
    const meta = await this.readModel.loadMeta();
    const t = Math.max(record.state.t, meta.clockAsOf ?? -Infinity);
    return { customerId, t: formatInstant(t), explanations: explain(record.state, meta.clockAsOf, meta.cutoffs, this.rules) };
  }

  /** The admin audit trail (who, what, when, outcome), oldest first, a page from `fromRevision`. */
  adminLog(fromRevision: bigint, limit: number): Promise<AdminLogPage> {
    return readAdminLog(this.events, fromRevision, limit);
  }

  /** The log in the import format, in log order, DayEnded ticks included, a batch at a time. */
  exportLog(filter: ExportFilter): AsyncIterable<LifecycleEvent[]> {
    return exportLog(this.events, filter);
  }

  /**
   * Replays the log into a scratch projection (a temporary SQLite file, removed after), compares
   * it field by field with the live read model and checks the hash chains.
   */
  async verifyProjection(onProgress?: (position: bigint, head: bigint) => void): Promise<VerifyReport> {
    const head = await this.events.headPosition();
    const dir = mkdtempSync(join(tmpdir(), 'lifecycle-verify-'));
    const scratch = createSqliteReadModel({ file: join(dir, 'scratch.sqlite') });
    try {
      return await verifyProjection(this.events, this.readModel, scratch, this.rules, (position) => onProgress?.(position, head));
    } finally {
      await scratch.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }

  /** The position of the last event in the log. */
  logHead(): Promise<bigint> {
    return this.events.headPosition();
  }

  /** The log position the read model has projected up to; null before its first event. */
  async checkpoint(): Promise<bigint | null> {
    return (await this.readModel.loadMeta()).checkpoint;
  }
}
