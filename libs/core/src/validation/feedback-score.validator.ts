import { ValidateBy } from 'class-validator';

/** Score scale per feedback kind; `null` means the score must be absent. */
const SCALES: Readonly<Record<string, readonly [number, number] | null>> = {
  NPS: [0, 10],
  CSAT: [1, 5],
  REVIEW: [1, 5],
  COMPLAINT: null,
};

const kindOf = (dto: unknown): string | undefined => {
  const kind = (dto as { kind?: unknown } | undefined)?.kind;
  return typeof kind === 'string' && Object.hasOwn(SCALES, kind) ? kind : undefined;
};

/** The score checked against the sibling `kind`; an invalid kind is reported on `kind` alone. */
export const IsScoreForKind = (): PropertyDecorator =>
  ValidateBy({
    name: 'isScoreForKind',
    validator: {
      validate: (value: unknown, args) => {
        const kind = kindOf(args?.object);
        if (kind === undefined) return true;
        const scale = SCALES[kind];
        if (scale === null) return value === undefined || value === null;
        return Number.isInteger(value) && (value as number) >= scale[0] && (value as number) <= scale[1];
      },
      defaultMessage: (args) => {
        const kind = kindOf(args?.object) as string;
        const scale = SCALES[kind];
        return scale === null ? `must be absent for ${kind}` : `must be an integer ${scale[0]}-${scale[1]} for ${kind}`;
      },
    },
  });
