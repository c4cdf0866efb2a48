import { join } from 'node:path';
import { catchUp, Projector } from '@lifecycle/core';
import { addDays, defaultRules } from '@lifecycle/domain';
import { CLOCK_STREAM, createSqliteEventStore } from '@lifecycle/event-store';
import { createSqliteReadModel } from '@lifecycle/read-model';
import { dayEndedEvent } from '../../../libs/core/src/ingestion/day-ended-event.js';
import { toNewEvent } from '../../../libs/core/src/event-log/event-codec.js';
import type { BenchContext } from '../context.js';
import { figure, type ScenarioResult } from '../report/figures.js';
import { median, timed } from '../report/stats.js';
import { tempDir } from '../temp-dir.js';
import { appendLog } from '../workload/append-log.js';
import { onePurchasePopulation, POPULATION_DAYS } from '../workload/one-purchase-population.js';

const START = '2025-01-01';
const TARGET_CUSTOMERS = 1_000_000;

/**
 * 5: a population of one-purchase customers is appended and projected (untimed), then several
 * further DayEnded are appended one at a time and each is projected and timed: wall time of
 * catchUp (read, due scan, evaluation, re-rank, commit) and the customers it evaluated.
 */
export async function dayEndTick(ctx: BenchContext): Promise<ScenarioResult> {
  const { tickCustomers, timedTicks } = ctx.sizes;
  const dir = tempDir('day-end-tick');
  const store = createSqliteEventStore({ file: join(dir.path, 'events.sqlite') });
  const readModel = createSqliteReadModel({ file: join(dir.path, 'read-model.sqlite') });
  try {
    ctx.progress(`5: appending and projecting ${tickCustomers} one-purchase customers over ${POPULATION_DAYS} days`);
    const append = await timed(() => appendLog(store, onePurchasePopulation(tickCustomers, START, 55)));
    const projector = new Projector(readModel, defaultRules('USD'));
    await projector.init();
    const setup = await timed(() => catchUp(store, projector));

    const ticks: Array<{ date: string; seconds: number; evaluated: number; reranked: number; tierChanges: number; applyDayEndedMs: number }> = [];
    let revision = BigInt(POPULATION_DAYS - 1);
    for (let k = 0; k < timedTicks; k++) {
      const date = addDays(START, POPULATION_DAYS + k);
      await store.append({ streamId: CLOCK_STREAM, expectedRevision: revision, events: [toNewEvent(dayEndedEvent(date), {})] });
      revision += 1n;
      const before = { ...projector.stats };
      const tick = await timed(() => catchUp(store, projector));
      ticks.push({
        date, seconds: tick.seconds, evaluated: projector.stats.dueEvaluated - before.dueEvaluated,
        reranked: projector.stats.rerankCandidates - before.rerankCandidates, tierChanges: projector.stats.tierChanges - before.tierChanges,
        // The projector's own time for the DayEnded (due scan, evaluation, re-rank); the rest is reading and COMMIT.
        applyDayEndedMs: projector.stats.lastTickMs,
      });
      ctx.progress(`5: DayEnded ${date}: ${tick.seconds.toFixed(3)} s, ${ticks[k].evaluated} customers evaluated`);
    }
    const seconds = ticks.map((t) => t.seconds);
    const target = {
      on: 'value' as const, op: '<' as const, value: 5,
      ...(tickCustomers < TARGET_CUSTOMERS ? { notJudgedBecause: `target is for ${TARGET_CUSTOMERS.toLocaleString('en-US')} customers` } : {}),
    };
    return {
      id: 'day-end-tick',
      title: `5 DayEnded tick over ${tickCustomers.toLocaleString('en-US')} customers`,
      figures: [
        figure('seconds/tick median', median(seconds), 's'),
        figure('seconds/tick max', Math.max(...seconds), 's', { target }),
        figure('customers evaluated/tick median', median(ticks.map((t) => t.evaluated)), 'customers'),
        figure('tier re-rank candidates/tick median', median(ticks.map((t) => t.reranked)), 'customers'),
      ],
      details: {
        customers: tickCustomers, populationDays: POPULATION_DAYS, appendSeconds: append.seconds, setupProjectionSeconds: setup.seconds,
        setupStats: { ...projector.stats }, ticks,
      },
    };
  } finally {
    await store.close();
    await readModel.close();
    dir.remove();
  }
}
