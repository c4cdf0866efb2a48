import {
  applyBusinessEvent, applyDayEnd, assignTier, type Cutoffs, dayEndAsOf, effectiveBoundary,
  type CustomerState, type RankKey, RANKED_TIERS, type RulesConfig, rulesVersion, type Transition, cutoffRanks, compareRank,
} from '@lifecycle/domain';
import type { RecordedEvent } from '@lifecycle/event-store';
import { type CustomerRecord, type ProjectionMeta, type ProjectionStore, snapshotOf, type StoredTransition } from '@lifecycle/read-model';
import { projectionObserver } from './projection-observer.js';
import { ADMIN_STREAM } from '../event-log/admin-log.js';
import { dayEndedDate, toBusinessEvent } from '../event-log/event-codec.js';
import { foreignEventReason } from '../event-log/foreign-event.js';

export interface ProjectorStats {
  events: number;
  dayEnds: number;
  dueEvaluated: number;
  /** Customers whose tier a DayEnded re-assigned (evaluated, left dirty, or ranked between old and new cutoffs). */
  rerankCandidates: number;
  tierChanges: number;
  lastTickMs: number;
  /** Events of streams or types the projector does not own, skipped (see event-log/foreign-event.ts). */
  foreignEvents: number;
  lastForeignEvent: { streamId: string; type: string; position: string; reason: string } | null;
}

/**
 * Folds the log into a read model. Business events are grouped into segments between
 * DayEnded events; each segment is one commit carrying its checkpoint. A DayEnded evaluates
 * only the due customers, then re-ranks the tiers with range scans between the old and new
 * cutoffs (section 7). Every write is guarded by the documents' last applied position, so a
 * redelivered batch changes nothing.
 */
export class Projector {
  /** Loaded by init(); a process that does not project never calls it, hence the `?.` in the getters. */
  private meta!: ProjectionMeta;
  readonly stats: ProjectorStats = {
    events: 0, dayEnds: 0, dueEvaluated: 0, rerankCandidates: 0, tierChanges: 0, lastTickMs: 0, foreignEvents: 0, lastForeignEvent: null,
  };

  constructor(
    private readonly store: ProjectionStore,
    private readonly rules: RulesConfig,
  ) {}

  async init(): Promise<ProjectionMeta> {
    this.meta = await this.store.loadMeta();
    if (this.meta.rulesVersion === null) {
      const version = rulesVersion(this.rules);
      await this.store.commit({ customers: [], transitions: [], meta: { rulesVersion: version } });
      this.meta.rulesVersion = version;
    }
    return this.meta;
  }

  get checkpoint(): bigint | null {
    return this.meta?.checkpoint ?? null;
  }

  get clock(): { date: string | null; asOf: number | null; cutoffs: Cutoffs | null } {
    return { date: this.meta?.clockDate ?? null, asOf: this.meta?.clockAsOf ?? null, cutoffs: this.meta?.cutoffs ?? null };
  }

  handle(events: RecordedEvent[]): Promise<void> {
    const checkpoint = this.meta.checkpoint;
    const started = performance.now();
    return this.store.unitOfWork(() => this.handleAll(events)).then(() => projectionObserver.batch((performance.now() - started) / 1000, events.length), (error: unknown) => {
      this.meta.checkpoint = checkpoint;
      throw error;
    });
  }

  private async handleAll(events: RecordedEvent[]): Promise<void> {
    // Another process (a CLI import, a second projector) may have advanced the projection.
    this.meta = await this.store.loadMeta();
    let segment: RecordedEvent[] = [];
    let lastForeign: bigint | null = null;
    for (const event of events) {
      if (this.meta.checkpoint !== null && event.position <= this.meta.checkpoint) continue;
      const foreign = foreignEventReason(event);
      if (foreign !== null) {
        this.skipForeign(event, foreign);
        lastForeign = event.position;
        continue;
      }
      if (event.type === 'DayEnded') {
        await this.applySegment(segment);
        segment = [];
        await this.applyDayEnded(event);
      } else {
        segment.push(event);
      }
    }
    await this.applySegment(segment);
    // Trailing foreign events still move the checkpoint, so the projection reaches the head.
    if (lastForeign !== null && (this.meta.checkpoint === null || lastForeign > this.meta.checkpoint)) {
      await this.store.commit({ customers: [], transitions: [], meta: { checkpoint: lastForeign } });
      this.meta.checkpoint = lastForeign;
    }
  }

  private skipForeign(event: RecordedEvent, reason: string): void {
    this.stats.foreignEvents++;
    this.stats.lastForeignEvent = { streamId: event.streamId, type: event.type, position: event.position.toString(), reason };
  }

  private async applySegment(segment: RecordedEvent[]): Promise<void> {
    if (segment.length === 0) return;
    const events = segment
      .filter((recorded) => recorded.streamId !== ADMIN_STREAM)
      .map((recorded) => ({ recorded, event: toBusinessEvent(recorded) }));
    const records = await this.store.getCustomers([...new Set(events.map((e) => e.event.customerId))]);
    const changed = new Map<string, CustomerRecord>();
    const transitions: StoredTransition[] = [];
    const ctx = { clockAsOf: this.meta.clockAsOf, cutoffs: this.meta.cutoffs, rules: this.rules };
    for (const { recorded, event } of events) {
      const previous = records.get(event.customerId);
      if (previous && previous.lastPosition >= recorded.position) continue;
      const step = applyBusinessEvent(previous?.state, event, ctx);
      const record: CustomerRecord = { state: step.state, lastPosition: recorded.position, tierDirty: previous?.tierDirty ?? false };
      records.set(event.customerId, record);
      changed.set(event.customerId, record);
      transitions.push(...withPosition(step.transitions, recorded.position, step.state));
    }
    const checkpoint = segment[segment.length - 1].position;
    await this.store.commit({ customers: [...changed.values()], transitions, meta: { checkpoint } });
    this.meta.checkpoint = checkpoint;
    this.stats.events += segment.length;
  }

  private async applyDayEnded(recorded: RecordedEvent): Promise<void> {
    const started = performance.now();
    const date = dayEndedDate(recorded);
    if (this.meta.clockDate !== null && date <= this.meta.clockDate) {
      await this.store.commit({ customers: [], transitions: [], meta: { checkpoint: recorded.position } });
      this.meta.checkpoint = recorded.position;
      return;
    }
    const asOf = dayEndAsOf(date);
    const position = recorded.position;

    const due = await this.store.dueCustomers(asOf);
    const evaluated: CustomerRecord[] = [];
    // Only a customer whose rank key (net12) moved can change tier other than by a cutoff moving
    // past it, which the range scans below cover; so only those await the re-rank (tierDirty).
    const moved: CustomerRecord[] = [];
    const transitions: StoredTransition[] = [];
    for (const record of due) {
      if (record.lastPosition >= position) continue;
      const step = applyDayEnd(record.state, date, asOf, this.rules);
      const keyMoved = step.state.evaluation.net12 !== record.state.evaluation.net12;
      const next: CustomerRecord = { state: step.state, lastPosition: position, tierDirty: keyMoved || record.tierDirty };
      evaluated.push(next);
      if (keyMoved) moved.push(next);
      transitions.push(...withPosition(step.transitions, position, step.state));
    }
    await this.store.commit({ customers: evaluated, transitions });
    this.stats.dueEvaluated += evaluated.length;

    const cutoffs = await this.rankCutoffs();
    const candidates = new Map(moved.map((record) => [record.state.customerId, record]));
    const unfinished = (await this.store.tierDirtyIds()).filter((id) => !candidates.has(id));
    for (const [id, record] of await this.store.getCustomers(unfinished)) candidates.set(id, record);
    for (const tier of RANKED_TIERS) {
      const before = effectiveBoundary(this.meta.cutoffs, tier);
      const after = effectiveBoundary(cutoffs, tier);
      if (before === null && after === null) continue;
      const [from, until] = orderBoundaries(before, after);
      for (const record of await this.store.rankRange(from, until)) {
        if (!candidates.has(record.state.customerId)) candidates.set(record.state.customerId, record);
      }
    }
    const tierChanged: CustomerRecord[] = [];
    const tierTransitions: StoredTransition[] = [];
    for (const id of [...candidates.keys()].sort(ordinal)) {
      const record = candidates.get(id) as CustomerRecord;
      const step = assignTier(record.state, cutoffs, date, asOf);
      if (step.transitions.length === 0) continue;
      tierTransitions.push(...withPosition(step.transitions, position, step.state));
      tierChanged.push({ state: step.state, lastPosition: record.lastPosition > position ? record.lastPosition : position, tierDirty: false });
    }
    const meta = { checkpoint: position, clockDate: date, clockAsOf: asOf, cutoffs };
    await this.store.commit({ customers: tierChanged, transitions: tierTransitions, cutoffs: { date, cutoffs }, meta, clearTierDirty: true });
    Object.assign(this.meta, meta);
    this.stats.dayEnds += 1;
    this.stats.rerankCandidates += candidates.size;
    this.stats.tierChanges += tierChanged.length;
    this.stats.lastTickMs = performance.now() - started;
    projectionObserver.dayEnd(this.stats.lastTickMs / 1000, due.length);
  }

  private async rankCutoffs(): Promise<Cutoffs> {
    const n = await this.store.populationSize();
    const cutoffs: Cutoffs = { populationSize: n, VIP: null, KEY: null, STANDARD: null };
    for (const [tier, rank] of cutoffRanks(n, this.rules)) cutoffs[tier] = await this.store.keyAtRank(rank);
    return cutoffs;
  }
}

/** The half-open range (from, until] of rank keys between two boundaries; null = from the top. */
function orderBoundaries(a: RankKey | null, b: RankKey | null): [RankKey | null, RankKey] {
  if (a === null) return [null, b as RankKey];
  if (b === null) return [null, a];
  return compareRank(a, b) <= 0 ? [a, b] : [b, a];
}

/** The transitions of one step at its event's position, each with the customer right after the step. */
const withPosition = (transitions: Transition[], position: bigint, state: CustomerState): StoredTransition[] => {
  const snapshot = snapshotOf(state);
  const stored: StoredTransition[] = [];
  // Written out rather than spread (one per transition on the fold's path); reactivation only where set, as in the Transition.
  for (const tr of transitions) {
    const row: StoredTransition = { customerId: tr.customerId, field: tr.field, from: tr.from, to: tr.to, t: tr.t, cause: tr.cause, position, snapshot };
    if (tr.reactivation) row.reactivation = true;
    stored.push(row);
  }
  return stored;
};

const ordinal = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
