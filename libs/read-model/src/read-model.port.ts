import type { CustomerProfile, CustomerState, Cutoffs, RankKey, Transition, TransitionField } from '@lifecycle/domain';
import type { DailyTransitionTally, TransitionTally } from './stats.port.js';

/** A customer as stored: its state and the log position of the last event applied to it. */
export interface CustomerRecord {
  state: CustomerState;
  lastPosition: bigint;
  /** Set when a DayEnded changed the customer's figures and its tier still awaits the re-rank. */
  tierDirty: boolean;
}

export interface ProjectionMeta {
  /** Position of the last event fully projected, or null before any. */
  checkpoint: bigint | null;
  clockDate: string | null;
  clockAsOf: number | null;
  cutoffs: Cutoffs | null;
  rulesVersion: string | null;
}

export interface StoredTransition extends Transition {
  position: bigint;
  /** The customer right after the step that made this transition (absent on rows stored before it was recorded). */
  snapshot?: TransitionSnapshot;
}

export interface TransitionSnapshot {
  status: string;
  loyaltyLevel: string;
  valueTier: string;
  net12: number;
  orders12: number;
  /** Epoch ms, or null before any purchase. */
  lastPurchaseAt: number | null;
}

/** Which transitions a feed or a webhook subscription wants; every given field must match. */
export interface TransitionFilter {
  field?: TransitionField;
  from?: string;
  to?: string;
  reactivation?: boolean;
}

/**
 * A transition's place in the log order of every customer: its event's position, then the field
 * (status, loyaltyLevel, valueTier), then the customerId. Independent of the projection version.
 */
export interface TransitionKey {
  position: bigint;
  /** 0 status, 1 loyaltyLevel, 2 valueTier; 3 marks the end of a position (after every transition at it). */
  fieldRank: number;
  customerId: string;
}

export interface ProjectionWrite {
  customers: CustomerRecord[];
  transitions: StoredTransition[];
  cutoffs?: { date: string; cutoffs: Cutoffs };
  meta?: Partial<ProjectionMeta>;
  /** Clears every customer's tierDirty flag (the re-rank is complete). */
  clearTierDirty?: boolean;
}

export interface CustomerFilter {
  status?: string;
  loyaltyLevel?: string;
  valueTier?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface SegmentCounts {
  customers: number;
  status: Record<string, number>;
  loyaltyLevel: Record<string, number>;
  valueTier: Record<string, number>;
}

/** The projector's side of the read model. */
export interface ProjectionStore {
  loadMeta(): Promise<ProjectionMeta>;
  getCustomers(ids: string[]): Promise<Map<string, CustomerRecord>>;
  /** Customers with nextDueAt ≤ asOf. */
  dueCustomers(asOf: number): Promise<CustomerRecord[]>;
  /** Ids of the customers whose tier awaits a re-rank (after a crash between the two steps of a DayEnded). */
  tierDirtyIds(): Promise<string[]>;
  /** |P|: customers with net12 > 0. */
  populationSize(): Promise<number>;
  /** The rank key at a 1-based rank of the ranking (net12 desc, customerId asc) over P. */
  keyAtRank(rank: number): Promise<RankKey>;
  /** Customers of P ranked after `after` (exclusive; null = from the top) up to `until` (inclusive). */
  rankRange(after: RankKey | null, until: RankKey): Promise<CustomerRecord[]>;
  /** Writes documents, transitions, cutoffs and meta; atomically where the store allows. */
  commit(write: ProjectionWrite): Promise<void>;
  /**
   * Runs a batch of commits as one unit where the store allows (SQLite: one transaction, so a
   * crash rolls the whole batch back to the previous checkpoint); elsewhere it just runs them.
   */
  unitOfWork<T>(work: () => Promise<T>): Promise<T>;
}

/**
 * A customer exactly as stored, for verification: every column (SQLite) or field (MongoDB)
 * under its stored name, integers as decimal strings, JSON columns parsed.
 */
export interface StoredCustomer {
  customerId: string;
  fields: Record<string, unknown>;
}

/** The query side of the read model. */
export interface QueryStore {
  loadMeta(): Promise<ProjectionMeta>;
  getProfile(customerId: string): Promise<CustomerProfile | null>;
  listProfiles(filter: CustomerFilter, limit: number, cursor: string | null): Promise<Page<CustomerProfile>>;
  /** Every profile, sorted by customerId, in pages. */
  allProfiles(batchSize?: number): AsyncIterable<CustomerProfile[]>;
  /** Every customer as stored (all its columns or fields, not only the profile), sorted by customerId, in pages. */
  storedCustomers(batchSize?: number): AsyncIterable<StoredCustomer[]>;
  segmentCounts(): Promise<SegmentCounts>;
  transitions(customerId: string, limit: number, cursor: string | null): Promise<Page<StoredTransition>>;
  cutoffsAt(date: string): Promise<Cutoffs | null>;
  allCutoffs(): Promise<Array<{ date: string; cutoffs: Cutoffs }>>;
  transitionCounts(): Promise<{ byField: Record<string, number>; initial: Record<string, number>; reactivations: number }>;
  /** Every transition with t < before, tallied by field, from and to (what the segments held just before that instant). */
  transitionTalliesBefore(before: number): Promise<TransitionTally[]>;
  /** The transitions with from ≤ t < to, tallied per UTC day, field, from and to. */
  dailyTransitionTallies(from: number, to: number): Promise<DailyTransitionTally[]>;
  /** The cutoffs kept for each date from `from` to `to` (YYYY-MM-DD, both included), in date order. */
  cutoffsBetween(from: string, to: string): Promise<Array<{ date: string; cutoffs: Cutoffs }>>;
  /**
   * Transitions of every customer in log order (TransitionKey), after `after` (exclusive; null =
   * from the beginning) and at positions ≤ `until`, matching `filter`, at most `limit`.
   */
  transitionsAfter(after: TransitionKey | null, until: bigint, filter: TransitionFilter, limit: number): Promise<StoredTransition[]>;
}

export interface ReadModelStore extends ProjectionStore, QueryStore {
  close(): Promise<void>;
}
