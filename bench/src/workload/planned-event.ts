/**
 * A compact plan of one business event; envelopes are materialised from it lazily, so a
 * million-event log fits in memory as small objects until it is sorted and written.
 */
export type PlanKind = 'register' | 'purchase' | 'refund' | 'interaction' | 'feedback' | 'referral' | 'churn';

export interface PlannedEvent {
  at: number;
  customer: number;
  kind: PlanKind;
  /** Per-customer ordinal of this kind (orderId, refundId, …). */
  n: number;
  /** Minor units (purchase total, refund amount), or the score of a feedback (-1: none). */
  amount: number;
  /** The order ordinal a refund names (-1: orphan refund), or the referred customer. */
  ref: number;
  /** Seed of the categorical details (channel, intent, lines, …) chosen at materialisation. */
  variant: number;
  /** Foreign-currency orders and their refunds carry a base amount. */
  foreign: boolean;
}
