/** Rejection codes of the specification (section 2): the API's error `code` and the import summary's keys. */
export const REJECTION_CODES = [
  'INVALID_EVENT', 'FUTURE_EVENT', 'DUPLICATE_ORDER', 'UNKNOWN_ORDER', 'REFUND_EXCEEDS_ORDER',
] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];

export interface FieldError {
  /** Dotted path of the offending field, `$` for the whole line. */
  path: string;
  reason: string;
}

export interface Rejection {
  code: RejectionCode;
  /** One line: `path: reason` for field errors, a sentence otherwise. */
  reason: string;
  errors?: FieldError[];
}
