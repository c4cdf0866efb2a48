import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { addDays, type BusinessEvent, dateOf, dayEndIsFuture, decide, FUTURE_TOLERANCE_MS, parseInstant } from '@lifecycle/domain';
import { FutureClockError } from '../ingestion/clock-errors.js';
import type { Ingestion } from '../ingestion/ingestion.js';
import { parseNdjsonLine, toCandidate } from './parse-line.js';

/** An import refused before anything was appended (spec section 9: the store's clock is already past the history). */
export class ImportRefusedError extends Error {
  readonly code = 'CLOCK_AHEAD';
  constructor(message: string) {
    super(message);
    this.name = 'ImportRefusedError';
  }
}

export interface ImportGuardOptions {
  clock?: boolean;
  until?: string;
  baseCurrency: string;
  now: number;
}

/**
 * Spec section 9: an import with the clock on (or --until) is refused before anything is
 * appended when the store's clock is on or after the date of the first event the import would
 * append (events already stored are skipped, so a re-run of a finished import passes), or after
 * `until − 1 day`; and --until may not end a day that is not over yet (section 2).
 */
export async function checkImportClock(file: string, ingestion: Ingestion, options: ImportGuardOptions): Promise<void> {
  if (options.until !== undefined && dayEndIsFuture(addDays(options.until, -1), options.now)) {
    throw new FutureClockError(addDays(options.until, -1), options.now);
  }
  if (!options.clock && options.until === undefined) return;
  const { lastDate } = await ingestion.decisions.clockState();
  if (lastDate === null) return;
  if (options.until !== undefined && lastDate > addDays(options.until, -1)) {
    throw new ImportRefusedError(
      `--until ${options.until}: the store's clock is already at ${lastDate}, after ${addDays(options.until, -1)}; import into an empty store, or without --clock/--until`,
    );
  }
  const first = await firstEventToAppend(file, ingestion, options);
  if (first === null) return;
  const date = dateOf(parseInstant(first.occurredAt) as number);
  if (lastDate >= date) {
    throw new ImportRefusedError(
      `the store's clock is already at ${lastDate}, on or after ${date}, the date of the first event to import (${first.eventId}); ` +
        'its events would be evaluated at the clock instead of their own dates. Import into an empty store, or without --clock/--until',
    );
  }
}

/** The first event of the file that the store does not hold yet and would accept, or null. */
async function firstEventToAppend(file: string, ingestion: Ingestion, options: ImportGuardOptions): Promise<BusinessEvent | null> {
  const raw = createReadStream(file);
  const input = file.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  raw.on('error', (error) => input.destroy(error));
  const lines = createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const text of lines) {
      if (text.trim() === '') continue;
      const candidate = toCandidate(parseNdjsonLine(text), options.baseCurrency);
      if (!candidate.ok || candidate.event.type === 'DayEnded') continue;
      const event = candidate.event as BusinessEvent;
      if ((parseInstant(event.occurredAt) as number) > options.now + FUTURE_TOLERANCE_MS) continue;
      const { state } = await ingestion.decisions.customer(event.customerId);
      if (decide(state, event, options.baseCurrency).kind === 'accept') return event;
    }
    return null;
  } finally {
    lines.close();
    raw.destroy();
  }
}
