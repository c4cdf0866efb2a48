import type { IngestionResult } from '@lifecycle/core';
import type { LifecycleMetrics } from '@lifecycle/core/nest';
import { publicRejection } from '../http/rejection-problem.js';

const KNOWN_TYPES = new Set(['CustomerRegistered', 'PurchaseCompleted', 'PurchaseRefunded', 'InteractionRecorded', 'FeedbackSubmitted', 'ReferralRecorded', 'CustomerChurnDeclared', 'DayEnded']);

/** Counts one ingestion outcome in lifecycle_events_ingested_total (type `unknown` for an unparseable or untyped event). */
export function countIngested(metrics: LifecycleMetrics, type: unknown, result: IngestionResult): void {
  const label = typeof type === 'string' && KNOWN_TYPES.has(type) ? type : 'unknown';
  const code = result.status === 'rejected' ? publicRejection(result).code : '';
  metrics.eventsIngested.inc({ type: label, outcome: result.status, code });
}
