/** The read model was built with other rules than the configured ones; serving it would mix two rule versions. */
export class RulesMismatchError extends Error {
  constructor(readonly stored: string | null, readonly configured: string) {
    super(
      `the read model was built with rules version ${stored}, the configuration is ${configured}; ` +
        'run `npm run cli -- projections rebuild` (or set PROJECTION_REBUILD=auto) so that one rules version is served',
    );
    this.name = 'RulesMismatchError';
  }
}
