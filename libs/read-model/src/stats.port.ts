/** Transitions of one field from one value to another, counted; and how many of them mark a reactivation. */
export interface TransitionTally {
  field: string;
  from: string | null;
  to: string;
  n: number;
  reactivations: number;
}

export interface DailyTransitionTally extends TransitionTally {
  /** The UTC day of the transitions' `t`, as a day number: floor(t / 86 400 000). */
  day: number;
}
