import type { Rejection } from '@lifecycle/domain';

export type IngestionResult =
  | { status: 'accepted'; eventId: string; streamId: string; revision: string; position: string }
  | { status: 'duplicate'; eventId: string; streamId: string }
  | { status: 'rejected'; eventId: string | null; code: Rejection['code']; reason: string; errors?: Rejection['errors'] };

/** A candidate event: validated, or rejected by validation with its rejection. */
export type Candidate =
  | { ok: true; event: import('@lifecycle/domain').LifecycleEvent }
  | { ok: false; rejection: Rejection; eventId?: string | null };

/** Import sessions with the clock on tick before every appended event (spec section 9). */
export interface ClockMode {
  /** The date of the first event appended in this session, when the clock stream was empty. */
  firstDate: string | null;
}
