import { parseNdjsonLine } from '@lifecycle/core';

/** The 1-based line number of every event of an NDJSON body (blank lines are skipped, so they differ from indexes). */
const lineNumbers = new WeakMap<unknown[], number[]>();

/** Parses an NDJSON body into its events, remembering the line each came from. */
export function parseNdjsonBody(text: string): unknown[] {
  const events: unknown[] = [];
  const lines: number[] = [];
  String(text).split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    events.push(parseNdjsonLine(line));
    lines.push(index + 1);
  });
  lineNumbers.set(events, lines);
  return events;
}

/** The line numbers of a body parsed by parseNdjsonBody; undefined for a JSON body. */
export const ndjsonLineNumbers = (body: unknown): number[] | undefined => (Array.isArray(body) ? lineNumbers.get(body) : undefined);
