import { Command } from '@nestjs/cqrs';
import type { ImportOptions } from '../../import/history-importer.js';
import type { ImportSummary } from '../../import/import-summary.js';

/** Imports NDJSON (or NDJSON.gz) history through the same validation and decisions as the API. */
export class ImportHistoryCommand extends Command<ImportSummary> {
  constructor(
    readonly file: string,
    readonly options: Omit<ImportOptions, 'baseCurrency' | 'now'> = {},
  ) {
    super();
  }
}
