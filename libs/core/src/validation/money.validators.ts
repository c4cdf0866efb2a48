import { ValidateBy } from 'class-validator';
import { baseCurrency } from './base-currency.context.js';

const isMinorUnits = (value: unknown): boolean => Number.isSafeInteger(value) && (value as number) >= 0;
const isAbsent = (value: unknown): boolean => value === undefined || value === null;

interface AmountOptions {
  /** Refunds: the amount must be > 0. */
  positive?: boolean;
}

/** `amountMinor`: an integer >= 0 (> 0 when `positive`). */
export const IsMinorAmount = ({ positive = false }: AmountOptions = {}): PropertyDecorator =>
  ValidateBy({
    name: 'isMinorAmount',
    validator: {
      validate: (value: unknown) => isMinorUnits(value) && (!positive || (value as number) > 0),
      defaultMessage: (args) => (isMinorUnits(args?.value) ? 'must be > 0' : 'must be an integer >= 0'),
    },
  });

/**
 * `baseAmountMinor`: required when the sibling `currency` is a valid code other than the base
 * currency; otherwise optional, but an integer >= 0 (> 0 when `positive`) when present.
 */
export const IsBaseAmount = ({ positive = false }: AmountOptions = {}): PropertyDecorator =>
  ValidateBy({
    name: 'isBaseAmount',
    validator: {
      validate: (value: unknown, args) => {
        if (isAbsent(value)) return !isForeign(args?.object);
        return isMinorUnits(value) && (!positive || (value as number) > 0);
      },
      defaultMessage: (args) => {
        const value: unknown = args?.value;
        if (isForeign(args?.object) && (isAbsent(value) || !isMinorUnits(value))) {
          return `required (integer >= 0) when currency is not ${baseCurrency()}`;
        }
        return isMinorUnits(value) ? 'must be > 0' : 'must be an integer >= 0';
      },
    },
  });

function isForeign(money: unknown): boolean {
  const currency = (money as { currency?: unknown } | undefined)?.currency;
  return typeof currency === 'string' && /^[A-Z]{3}$/.test(currency) && currency !== baseCurrency();
}
