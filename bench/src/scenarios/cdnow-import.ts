import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createIngestion, importHistory } from '@lifecycle/core';
import { createSqliteEventStore } from '@lifecycle/event-store';
import type { BenchContext } from '../context.js';
import { baselineOf, figure, type ScenarioResult } from '../report/figures.js';
import { tempDir } from '../temp-dir.js';

/** `../shared/data/cdnow/events.ndjson.gz` beside the repository (as the tests find it), or CDNOW_EVENTS. */
export const CDNOW_EVENTS = process.env.CDNOW_EVENTS ?? fileURLToPath(new URL('../../../../../shared/data/cdnow/events.ndjson.gz', import.meta.url));

/** 3b: the CLI's import path (importHistory) of the CDNOW history, clock on, until 1998-07-01, base USD. */
export async function cdnowImport(ctx: BenchContext): Promise<ScenarioResult> {
  const dir = tempDir('cdnow-import');
  const store = createSqliteEventStore({ file: join(dir.path, 'events.sqlite') });
  try {
    ctx.progress('3b: importHistory of the CDNOW history (clock on)');
    const ingestion = createIngestion(store, 'USD', () => Date.now());
    const summary = await importHistory(CDNOW_EVENTS, ingestion, { clock: true, until: '1998-07-01', baseCurrency: 'USD' });
    const seconds = summary.durationMs / 1000;
    const linesPerSecond = summary.read / seconds;
    const rowsWritten = summary.appended + summary.dayEnded.ticks;
    return {
      id: 'cdnow-import',
      title: '3b CDNOW import (importHistory, clock on)',
      figures: [
        figure('events/s (lines read)', linesPerSecond, 'events/s', {
          baseline: baselineOf('1b batched rows/s', ctx.baselines.sqliteBatchedRowsPerSecond, 'rows/s'),
          target: { on: 'ratio', op: '>=', value: 50 },
          note: 'the target is stated for 3a',
        }),
      ],
      details: {
        file: CDNOW_EVENTS, seconds, read: summary.read, appended: summary.appended, ticks: summary.dayEnded.ticks,
        rowsWritten, rowsPerSecond: rowsWritten / seconds, duplicates: summary.duplicates, rejected: summary.rejectedTotal,
      },
    };
  } finally {
    await store.close();
    dir.remove();
  }
}
