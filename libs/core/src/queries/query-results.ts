import type { Cutoffs, Explanation } from '@lifecycle/domain';
import type { SegmentCounts } from '@lifecycle/read-model';
import type { AdminRecord } from '../event-log/admin-log.js';
import type { SegmentDay } from './segment-series.js';

export interface HistoryEvent {
  eventId: string;
  type: string;
  streamId: string;
  revision: string;
  position: string;
  occurredAt: string;
  recordedAt: string;
  data: unknown;
  metadata: Record<string, string>;
}

/** A customer's raw events with their stream revision, global position and both times. */
export interface HistoryPage {
  items: HistoryEvent[];
  /** The revision to pass as `fromRevision` for the next page, or null at the end. */
  nextRevision: string | null;
}

/** Counts per status, loyalty level and value tier (every bucket, zeros included), the clock and the cutoffs. */
export interface Segments extends SegmentCounts {
  clockDate: string | null;
  cutoffs: Cutoffs | null;
}

/** Segment sizes and flows per day from `from` to `to` (YYYY-MM-DD, both included), from the transition log. */
export interface SegmentsDaily {
  from: string;
  to: string;
  days: SegmentDay[];
}

/** The value-tier cutoffs kept per DayEnded date from `from` to `to` (YYYY-MM-DD, both included). */
export interface CutoffsRange {
  from: string;
  to: string;
  /** The base currency of the net12 thresholds (minor units). */
  currency: string;
  items: Array<{ date: string } & Cutoffs>;
}

/** Why a customer holds each of its classifications, at `t`. */
export interface CustomerExplanation {
  customerId: string;
  t: string;
  explanations: Explanation[];
}

/** A page of the admin audit trail, oldest first. */
export interface AdminLogPage {
  items: AdminRecord[];
  /** The revision to pass as `fromRevision` for the next page, or null at the end. */
  nextFromRevision: string | null;
}
