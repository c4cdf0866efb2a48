import type { ReadModelStore } from './read-model.port.js';

export type ProjectionVersionState = 'active' | 'building' | 'retired';

export interface ProjectionVersion {
  version: string;
  state: ProjectionVersionState;
}

/**
 * Projection versions: each version is a complete read model in tables (collections) of its own,
 * and one of them is served. A rebuild fills a new version while the active one keeps serving,
 * then switches the pointer atomically and drops the old version.
 */
export interface ProjectionCatalog {
  /** The served version; the first call on an empty catalog creates it. */
  activeVersion(): Promise<string>;
  /** Registers a new, empty version (state `building`) and returns its name. */
  createVersion(): Promise<string>;
  open(version: string): Promise<ReadModelStore>;
  /**
   * Serves `version` from now on, provided `expected` is still the served version (compare and
   * set in one atomic write); returns false, changing nothing, when another switch came first.
   */
  activate(version: string, expected: string): Promise<boolean>;
  /** Removes a version that is not served, with all its data. Open stores of it must be closed first. */
  drop(version: string): Promise<void>;
  versions(): Promise<ProjectionVersion[]>;
  close(): Promise<void>;
}

export class ProjectionVersionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProjectionVersionError';
  }
}
