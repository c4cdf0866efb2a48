import type { Collection } from 'mongodb';
import type { QueryStore } from '../read-model.port.js';
import type { TransitionTally } from '../stats.port.js';
import type { CutoffsDocument } from './meta-document.js';
import type { TransitionDocument } from './transition-document.js';

type StatsQueries = Pick<QueryStore, 'transitionTalliesBefore' | 'dailyTransitionTallies' | 'cutoffsBetween'>;

const DAY_MS = 86_400_000;

interface TallyGroup<K> {
  _id: K & { field: string; from: string | null; to: string };
  n: number | bigint;
  reactivations: number | bigint;
}

/** Groups by field, from and to (and whatever `extra` adds to the key); a transition without `from` is an initial one. */
const tallyStage = (extra: Record<string, unknown> = {}) => ({
  $group: {
    _id: { ...extra, field: '$field', from: { $ifNull: ['$from', null] }, to: '$to' },
    n: { $sum: 1 },
    reactivations: { $sum: { $cond: [{ $eq: ['$reactivation', true] }, 1, 0] } },
  },
});

const tally = ({ _id, n, reactivations }: TallyGroup<object>): TransitionTally => ({
  field: _id.field, from: _id.from ?? null, to: _id.to, n: Number(n), reactivations: Number(reactivations),
});

/** The transitions of [from, to), tallied per UTC day. */
export const dailyTalliesPipeline = (from: number, to: number) => [
  { $match: { t: { $gte: from, $lt: to } } },
  tallyStage({ day: { $floor: { $divide: ['$t', DAY_MS] } } }),
  { $sort: { '_id.day': 1 } },
];

/** The statistics of the dashboard: transitions selected by `t` (index `t`), cutoffs by their date `_id`. */
export function mongoStatsQueries(transitions: Collection<TransitionDocument>, cutoffs: Collection<CutoffsDocument>): StatsQueries {
  return {
    transitionTalliesBefore: async (before) =>
      (await transitions.aggregate<TallyGroup<object>>([{ $match: { t: { $lt: before } } }, tallyStage()]).toArray()).map(tally),
    dailyTransitionTallies: async (from, to) => {
      const groups = await transitions.aggregate<TallyGroup<{ day: number }>>(dailyTalliesPipeline(from, to)).toArray();
      return groups.map((group) => ({ day: Number(group._id.day), ...tally(group) }));
    },
    cutoffsBetween: async (from, to) =>
      (await cutoffs.find({ _id: { $gte: from, $lte: to } }, { sort: { _id: 1 } }).toArray()).map((doc) => ({ date: doc._id, cutoffs: doc.cutoffs })),
  };
}
