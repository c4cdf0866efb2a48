import type { RebuildProgress } from './rebuild-progress.js';

export class RebuildInProgressError extends Error {
  constructor(readonly progress: RebuildProgress | null) {
    super(`a rebuild${progress ? ` into projection version ${progress.toVersion}` : ''} is already running`);
    this.name = 'RebuildInProgressError';
  }
}
