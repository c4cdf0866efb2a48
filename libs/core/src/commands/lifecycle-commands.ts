import { addDays, type BusinessEventType } from '@lifecycle/domain';
import type { EventStore } from '@lifecycle/event-store';
import { type AdminEntry, recordAdminAction } from '../event-log/admin-log.js';
import type { KeyRole } from '../auth/api-keys.js';
import { createKey, revokeKey } from '../auth/key-changes.js';
import { type ImportOptions, importHistory } from '../import/history-importer.js';
import type { ImportSummary } from '../import/import-summary.js';
import { toCandidate } from '../import/parse-line.js';
import { ClockAdvanceLimitError, FutureClockError } from '../ingestion/clock-errors.js';
import type { IngestionResult } from '../ingestion/ingestion-result.js';
import type { Ingestion } from '../ingestion/ingestion.js';
import { validateRouteEvent } from '../validation/index.js';
import { stampKeyId } from './stamp-key-id.js';

/** The most events one batch may hold. */
export const MAX_BATCH = 1000;

export interface AdvanceClockOptions {
  /** Who asks (a key id, `cli:<user>`): recorded in the admin audit stream. */
  actor?: string;
  /** Refuse when the advance would append more ticks than this (an API request's cap). */
  maxTicks?: number;
}

/** Every write the API and the CLI make: one event, a batch, a history import, a clock advance, key changes, admin records. */
export class LifecycleCommands {
  constructor(
    private readonly ingestion: Ingestion,
    private readonly events: EventStore,
    private readonly baseCurrency: string,
    private readonly now: () => number,
  ) {}

  /**
   * One event from an upstream service; `type` and `customerId` come from the route, `keyId`
   * (the sending API key) is recorded in its metadata.
   */
  async recordEvent(type: BusinessEventType, customerId: string, body: unknown, keyId?: string): Promise<IngestionResult> {
    const outcome = validateRouteEvent(body, { type, customerId }, { baseCurrency: this.baseCurrency });
    const [result] = await this.ingestion.submit([stampKeyId(outcome, keyId)]);
    return result;
  }

  /** Up to MAX_BATCH full envelopes (the NDJSON import format), answered with a result per event. */
  ingestBatch(envelopes: unknown[], keyId?: string): Promise<IngestionResult[]> {
    return this.ingestion.submit(envelopes.map((raw) => stampKeyId(toCandidate(raw, this.baseCurrency), keyId)));
  }

  /**
   * Backfill: DayEnded for every date after the clock's last date up to `until − 1 day`,
   * recorded in the admin stream. An advance refused by the guards (a future `until`, too many
   * ticks) appends nothing at all, not even an audit entry.
   */
  async advanceClock(until: string, options: AdvanceClockOptions = {}): Promise<string[]> {
    const actor = options.actor ?? 'unknown';
    let dates: string[];
    try {
      dates = await this.ingestion.tickUntil(addDays(until, -1), { maxTicks: options.maxTicks });
    } catch (error) {
      if (!(error instanceof FutureClockError || error instanceof ClockAdvanceLimitError)) {
        await recordAdminAction(this.events, { actor, action: 'clock.advance', outcome: 'failed', details: { until, error: (error as Error).message } }, this.now);
      }
      throw error;
    }
    const details = { until, ticks: dates.length, first: dates[0] ?? null, last: dates[dates.length - 1] ?? null };
    await recordAdminAction(this.events, { actor, action: 'clock.advance', outcome: 'ok', details }, this.now);
    return dates;
  }

  /** History from an NDJSON (or NDJSON.gz) file, through the same validation and decisions as the API. */
  importHistory(file: string, options: Omit<ImportOptions, 'baseCurrency' | 'now'>): Promise<ImportSummary> {
    return importHistory(file, this.ingestion, { ...options, baseCurrency: this.baseCurrency, now: this.now });
  }

  /** An entry of the admin audit trail (who, what, when, outcome). */
  recordAdminAction(entry: AdminEntry): Promise<void> {
    return recordAdminAction(this.events, entry, this.now);
  }

  /** A new key in the keys file at `path`, recorded for `actor`; answers the key (shown once). */
  createKey(path: string, id: string, roles: KeyRole[], actor: string): Promise<string> {
    return createKey(path, id, roles, (action, details) => this.recordAdminAction({ actor, action, outcome: 'ok', details }));
  }

  /** Revokes the active key `id` in the keys file at `path`, recorded for `actor`; answers when. */
  revokeKey(path: string, id: string, actor: string): Promise<string> {
    return revokeKey(path, id, (action, details) => this.recordAdminAction({ actor, action, outcome: 'ok', details }));
  }
}
