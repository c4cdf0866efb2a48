import type Database from 'better-sqlite3';
import type { Cutoffs } from '@lifecycle/domain';
import type { QueryStore } from '../read-model.port.js';
import type { DailyTransitionTally, TransitionTally } from '../stats.port.js';

type StatsQueries = Pick<QueryStore, 'transitionTalliesBefore' | 'dailyTransitionTallies' | 'cutoffsBetween'>;

interface TallyRow {
  field: string;
  from_value: string | null;
  to_value: string;
  n: number;
  reactivations: number;
}

const DAY_MS = 86_400_000;
const tally = (row: TallyRow): TransitionTally => ({
  field: row.field, from: row.from_value, to: row.to_value, n: row.n, reactivations: row.reactivations,
});

const COLUMNS = 'field, from_value, to_value, count(*) AS n, sum(reactivation) AS reactivations';
// Floor division, also right for instants before 1970 (SQLite's % keeps the dividend's sign).
const DAY = `(t - ((t % ${DAY_MS}) + ${DAY_MS}) % ${DAY_MS}) / ${DAY_MS}`;

/** The statements of the statistics. */
export const STATS_SQL = {
  before: `SELECT ${COLUMNS} FROM transitions WHERE t < ? GROUP BY field, from_value, to_value`,
  daily: `SELECT ${DAY} AS day, ${COLUMNS} FROM transitions WHERE t >= ? AND t < ? GROUP BY day, field, from_value, to_value ORDER BY day`,
  cutoffs: 'SELECT date, cutoffs FROM cutoffs WHERE date >= ? AND date <= ? ORDER BY date',
};

/** The statistics of the dashboard over the transitions table (through its `t` index) and the cutoffs table. */
export function sqliteStatsQueries(db: Database.Database): StatsQueries {
  const before = db.prepare(STATS_SQL.before);
  const daily = db.prepare(STATS_SQL.daily);
  const cutoffs = db.prepare(STATS_SQL.cutoffs);
  return {
    transitionTalliesBefore: async (t) => (before.all(t) as TallyRow[]).map(tally),
    dailyTransitionTallies: async (from, to) =>
      (daily.all(from, to) as Array<TallyRow & { day: number }>).map((row): DailyTransitionTally => ({ day: row.day, ...tally(row) })),
    cutoffsBetween: async (from, to) =>
      (cutoffs.all(from, to) as Array<{ date: string; cutoffs: string }>).map((r) => ({ date: r.date, cutoffs: JSON.parse(r.cutoffs) as Cutoffs })),
  };
}
