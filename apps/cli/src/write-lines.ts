/** Writes lines to stdout, respecting backpressure (large exports piped to another program). */
export async function writeLines(lines: string[]): Promise<void> {
  if (lines.length === 0) return;
  if (!process.stdout.write(`${lines.join('\n')}\n`)) {
    await new Promise<void>((resolve) => process.stdout.once('drain', () => resolve()));
  }
}
