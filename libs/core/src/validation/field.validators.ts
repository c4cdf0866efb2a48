import { IsIn, IsUUID, Matches, ValidateBy, type ValidationOptions } from 'class-validator';
import { parseDate, parseInstant } from '../../../domain/src/time/instant.js';

export const CUSTOMER_ID_PATTERN = /^[A-Za-z0-9._:-]{1,64}$/;
const CURRENCY_PATTERN = /^[A-Z]{3}$/;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Applies several property decorators as one. */
export const composeDecorators =
  (...decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) => {
    for (const decorate of decorators) decorate(target, key);
  };

/** Any 8-4-4-4-12 hex UUID, whatever its version or variant. */
export const IsEventId = (): PropertyDecorator => IsUUID('loose', { message: 'must be a UUID' });

export const IsCustomerId = (): PropertyDecorator =>
  Matches(CUSTOMER_ID_PATTERN, { message: 'must be 1-64 chars of [A-Za-z0-9._:-]' });

export const IsCurrencyCode = (): PropertyDecorator =>
  Matches(CURRENCY_PATTERN, { message: 'must be 3 uppercase letters (ISO-4217)' });

export const IsOneOf = (values: readonly string[], options?: ValidationOptions): PropertyDecorator =>
  IsIn(values as string[], { ...options, message: `must be one of ${values.join('|')}` });

export const IsNonEmptyString = (): PropertyDecorator =>
  ValidateBy({
    name: 'isNonEmptyString',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && value.length > 0,
      defaultMessage: () => 'must be a non-empty string',
    },
  });

const isIntAbove = (value: unknown, floor: number): boolean =>
  Number.isSafeInteger(value) && (value as number) > floor;

export const IsNonNegativeInt = (): PropertyDecorator =>
  ValidateBy({
    name: 'isNonNegativeInt',
    validator: { validate: (value: unknown) => isIntAbove(value, -1), defaultMessage: () => 'must be an integer >= 0' },
  });

export const IsPositiveInt = (): PropertyDecorator =>
  ValidateBy({
    name: 'isPositiveInt',
    validator: { validate: (value: unknown) => isIntAbove(value, 0), defaultMessage: () => 'must be an integer > 0' },
  });

export const IsInstant = (): PropertyDecorator =>
  ValidateBy({
    name: 'isInstant',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && parseInstant(value) !== null,
      defaultMessage: () => 'not an ISO-8601 instant',
    },
  });

export const IsCalendarDate = (): PropertyDecorator =>
  ValidateBy({
    name: 'isCalendarDate',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && parseDate(value) !== null,
      defaultMessage: () => 'must be a valid YYYY-MM-DD date',
    },
  });

export const IsStringRecord = (): PropertyDecorator =>
  ValidateBy({
    name: 'isStringRecord',
    validator: {
      validate: (value: unknown) =>
        isPlainObject(value) && Object.values(value).every((v) => typeof v === 'string'),
      defaultMessage: () => 'must be an object of string values',
    },
  });
