import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultRules } from '@lifecycle/domain';
import { createSqliteEventStore } from '@lifecycle/event-store';
import { createSqliteReadModel } from '@lifecycle/read-model';
import { createIngestion } from '../libs/core/src/ingestion/ingestion.js';
import { importHistory } from '../libs/core/src/import/history-importer.js';
import { Projector } from '../libs/core/src/projection/projector.js';
import { catchUp } from '../libs/core/src/projection/catch-up.js';

const dir = process.argv[2] ?? mkdtempSync(join(tmpdir(), 'prof-'));
const events = createSqliteEventStore({ file: join(dir, 'events.sqlite') });
if (!process.argv[2]) {
  const ingestion = createIngestion(events, 'USD', () => Date.now());
  const t = performance.now();
  await importHistory('/work/shared/data/cdnow/events.ndjson.gz', ingestion, { clock: true, until: '1998-07-01', baseCurrency: 'USD' });
  console.log('import ms', performance.now() - t, dir);
}
const readModel = createSqliteReadModel({ file: join(dir, `rm-${Date.now()}.sqlite`) });
const projector = new Projector(readModel, defaultRules('USD'));
await projector.init();
const t = performance.now();
await catchUp(events, projector);
console.log('project ms', performance.now() - t, projector.stats);
