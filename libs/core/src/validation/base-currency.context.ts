/**
 * The deployment's base currency for the validation in progress. class-validator passes no
 * per-call context to constraints, and `validateSync` is synchronous, so a scoped module
 * variable is safe.
 */
let current = 'USD';

export const baseCurrency = (): string => current;

export function withBaseCurrency<T>(code: string, run: () => T): T {
  const previous = current;
  current = code;
  try {
    return run();
  } finally {
    current = previous;
  }
}
