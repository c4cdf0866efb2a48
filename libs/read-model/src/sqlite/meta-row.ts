import type { Cutoffs } from '@lifecycle/domain';
import type { ProjectionMeta } from '../read-model.port.js';

/** A row of the meta table: one key of ProjectionMeta, its value as text (NULL once written as null). */
export interface MetaRow {
  key: string;
  value: string | null;
}

/** A key is absent before its first write, or NULL once written as null: both read as null. */
export function metaFromRows(rows: MetaRow[]): ProjectionMeta {
  const values = new Map(rows.map((r) => [r.key, r.value]));
  const checkpoint = values.get('checkpoint') ?? null;
  const clockAsOf = values.get('clockAsOf') ?? null;
  const cutoffs = values.get('cutoffs') ?? null;
  return {
    checkpoint: checkpoint === null ? null : BigInt(checkpoint),
    clockDate: values.get('clockDate') ?? null,
    clockAsOf: clockAsOf === null ? null : Number(clockAsOf),
    cutoffs: cutoffs === null ? null : (JSON.parse(cutoffs) as Cutoffs),
    rulesVersion: values.get('rulesVersion') ?? null,
  };
}

/** The meta rows a partial ProjectionMeta writes: objects as JSON, the rest as text. */
export const metaRows = (meta: Partial<ProjectionMeta>): MetaRow[] =>
  Object.entries(meta).map(([key, value]) => ({
    key,
    value: value === null ? null : typeof value === 'object' ? JSON.stringify(value) : String(value),
  }));
