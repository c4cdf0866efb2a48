import { REJECTION_CODES, type RejectionCode } from '@lifecycle/domain';

export interface ImportSummary {
  read: number;
  appended: number;
  appendedByType: Record<string, number>;
  duplicates: number;
  rejected: Record<RejectionCode, number>;
  rejectedTotal: number;
  /** The first rejections with their 1-based line numbers. */
  firstRejections: Array<{ line: number; code: string; reason: string }>;
  dayEnded: { ticks: number; first: string | null; last: string | null };
  durationMs: number;
}

export const emptySummary = (): ImportSummary => ({
  read: 0,
  appended: 0,
  appendedByType: {},
  duplicates: 0,
  rejected: Object.fromEntries(REJECTION_CODES.map((code) => [code, 0])) as Record<RejectionCode, number>,
  rejectedTotal: 0,
  firstRejections: [],
  dayEnded: { ticks: 0, first: null, last: null },
  durationMs: 0,
});
