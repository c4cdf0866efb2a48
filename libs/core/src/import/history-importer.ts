import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { addDays, parseDate, type RejectionCode } from '@lifecycle/domain';
import type { Ingestion } from '../ingestion/ingestion.js';
import type { Candidate, ClockMode } from '../ingestion/ingestion-result.js';
import { emptySummary, type ImportSummary } from './import-summary.js';
import { checkImportClock } from './import-guard.js';
import { parseNdjsonLine, toCandidate } from './parse-line.js';

export interface ImportOptions {
  /** Tick the clock before each appended event (spec section 9). */
  clock?: boolean;
  /** A UTC midnight date T: tick up to T − 1 day at the end. */
  until?: string;
  batchSize?: number;
  baseCurrency: string;
  onProgress?: (progress: { linesRead: number; bytesRead: number; summary: ImportSummary }) => void;
  /** The server clock (the WALL_CLOCK), for the future and clock-ahead checks. */
  now?: () => number;
}

const MAX_FIRST_REJECTIONS = 100;

/**
 * Imports NDJSON (or NDJSON.gz) history through the same validation and decisions as the
 * HTTP API. Rejected events and malformed lines are counted, not fatal; I/O errors are.
 */
export async function importHistory(file: string, ingestion: Ingestion, options: ImportOptions): Promise<ImportSummary> {
  if (options.until !== undefined && parseDate(options.until) === null) throw new Error(`--until: not a date YYYY-MM-DD (got ${options.until})`);
  await checkImportClock(file, ingestion, { clock: options.clock, until: options.until, baseCurrency: options.baseCurrency, now: (options.now ?? Date.now)() });
  const started = performance.now();
  const summary = emptySummary();
  const clock: ClockMode | undefined = options.clock ? { firstDate: null } : undefined;
  const clockBefore = { ...(await ingestion.decisions.clockState()) };
  const lastDateBefore = clockBefore.lastDate;
  const batchSize = options.batchSize ?? 1000;

  const raw = createReadStream(file);
  let bytesRead = 0;
  raw.on('data', (chunk) => (bytesRead += chunk.length));
  const input = file.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  raw.on('error', (error) => input.destroy(error));
  const lines = createInterface({ input, crlfDelay: Infinity });

  let batch: Array<{ line: number; candidate: Candidate }> = [];
  let lineNumber = 0;
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const results = await ingestion.submit(batch.map((b) => b.candidate), { mode: 'serial', clock });
    results.forEach((result, i) => {
      if (result.status === 'accepted') {
        summary.appended += 1;
        const candidate = batch[i].candidate as { event: { type: string } };
        summary.appendedByType[candidate.event.type] = (summary.appendedByType[candidate.event.type] ?? 0) + 1;
      } else if (result.status === 'duplicate') {
        summary.duplicates += 1;
      } else {
        summary.rejected[result.code as RejectionCode] = (summary.rejected[result.code as RejectionCode] ?? 0) + 1;
        summary.rejectedTotal += 1;
        if (summary.firstRejections.length < MAX_FIRST_REJECTIONS) {
          summary.firstRejections.push({ line: batch[i].line, code: result.code, reason: result.reason });
        }
      }
    });
    batch = [];
    options.onProgress?.({ linesRead: lineNumber, bytesRead, summary });
  };

  for await (const text of lines) {
    lineNumber += 1;
    if (text.trim() === '') continue;
    summary.read += 1;
    batch.push({ line: lineNumber, candidate: toCandidate(parseNdjsonLine(text), options.baseCurrency) });
    if (batch.length >= batchSize) await flush();
  }
  await flush();

  if (options.until !== undefined) {
    const lastTick = addDays(options.until, -1);
    await ingestion.tickUntil(lastTick, { clock });
  }
  const clockAfter = await ingestion.decisions.clockState();
  if (clockAfter.lastDate !== null && clockAfter.lastDate !== lastDateBefore) {
    summary.dayEnded = {
      ticks: Number(clockAfter.revision - clockBefore.revision),
      first: lastDateBefore === null ? firstClockDate(clockAfter.lastDate, clockAfter.revision) : addDays(lastDateBefore, 1),
      last: clockAfter.lastDate,
    };
  }
  summary.durationMs = performance.now() - started;
  return summary;
}

/** The clock has no gaps: its first date is the last one minus its revision. */
const firstClockDate = (lastDate: string, revision: bigint): string => addDays(lastDate, -Number(revision));
