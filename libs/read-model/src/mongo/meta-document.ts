import type { Long } from 'mongodb';
import type { Cutoffs } from '@lifecycle/domain';
import type { ProjectionMeta } from '../read-model.port.js';
import { toBigInt, toLong } from './int64.js';

export const META_ID = 'projection';

export interface MetaDocument {
  _id: string;
  checkpoint?: Long | bigint | null;
  clockDate?: string | null;
  clockAsOf?: number | null;
  cutoffs?: Cutoffs | null;
  rulesVersion?: string | null;
}

/** `_id` is the date. */
export interface CutoffsDocument {
  _id: string;
  cutoffs: Cutoffs;
}

/** The `$set` of a partial meta write: only the fields given, null included. */
export function metaSet(meta: Partial<ProjectionMeta>): Omit<MetaDocument, '_id'> {
  const set: Omit<MetaDocument, '_id'> = {};
  if (meta.checkpoint !== undefined) set.checkpoint = meta.checkpoint === null ? null : toLong(meta.checkpoint);
  if (meta.clockDate !== undefined) set.clockDate = meta.clockDate;
  if (meta.clockAsOf !== undefined) set.clockAsOf = meta.clockAsOf;
  if (meta.cutoffs !== undefined) set.cutoffs = meta.cutoffs;
  if (meta.rulesVersion !== undefined) set.rulesVersion = meta.rulesVersion;
  return set;
}

export const fromMetaDocument = (doc: MetaDocument | null): ProjectionMeta => ({
  checkpoint: doc?.checkpoint == null ? null : toBigInt(doc.checkpoint),
  clockDate: doc?.clockDate ?? null,
  clockAsOf: doc?.clockAsOf ?? null,
  cutoffs: doc?.cutoffs ?? null,
  rulesVersion: doc?.rulesVersion ?? null,
});
