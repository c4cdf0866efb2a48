import { createReadStream, createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { parseInstant } from '@lifecycle/domain';

export const CDNOW_DIR = join(process.cwd(), '../shared/data/cdnow');
export const CDNOW_EVENTS = join(CDNOW_DIR, 'events.ndjson.gz');

/** Writes the CDNOW lines that pass `keep` (by line number, parsed occurredAt and text) to an NDJSON file. */
export async function writeCdnowSubset(
  target: string, keep: (line: number, occurredAt: number | null, text: string) => boolean,
): Promise<void> {
  const out = createWriteStream(target);
  let n = 0;
  for await (const line of createInterface({ input: createReadStream(CDNOW_EVENTS).pipe(createGunzip()) })) {
    n += 1;
    const occurredAt = /"occurredAt":"([^"]+)"/.exec(line)?.[1];
    if (keep(n, occurredAt ? parseInstant(occurredAt) : null, line)) out.write(`${line}\n`);
  }
  await new Promise((resolve) => out.end(resolve));
}
