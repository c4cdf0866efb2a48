import { InvalidArgumentError, Option } from 'commander';

/** A commander argument parser for a positive integer option (`--batch-size abc` is an error naming the option). */
export const positiveInt = (value: string): number => {
  if (!/^\d+$/.test(value) || Number(value) < 1 || !Number.isSafeInteger(Number(value))) throw new InvalidArgumentError('must be a positive integer');
  return Number(value);
};

export type OutputFormat = 'json' | 'table';

/** `--format json|table` (json by default, so output pipes into other tools). */
export const formatOption = (): Option => new Option('--format <format>', 'output format').choices(['json', 'table']).default('json');

/** A JSON replacer for results: 64-bit values as strings, epoch-millisecond `t` fields as ISO instants. */
export const resultReplacer = (key: string, value: unknown): unknown => {
  if (typeof value === 'bigint') return value.toString();
  if (key === 't' && typeof value === 'number') return new Date(value).toISOString();
  return value;
};
