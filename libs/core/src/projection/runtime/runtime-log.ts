/** Where the runtime reports; Nest's Logger fits it, and so does a test's stub. */
export interface RuntimeLog {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const describeError = (error: unknown): string => (error as Error)?.stack ?? String(error);
