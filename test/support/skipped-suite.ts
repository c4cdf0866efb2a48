const announced = new Set<string>();

/**
 * A contract suite whose server is not configured: one visible line on stderr naming what to
 * set (once per suite and test file), and a skipped describe that the summary counts.
 */
export function describeSkipped(title: string, reason: string): void {
  if (!announced.has(title)) {
    announced.add(title);
    process.stderr.write(`[${title}] ${reason}\n`);
  }
  describe.skip(`${title} (skipped: ${reason})`, () => {
    it('is skipped', () => undefined);
  });
}
