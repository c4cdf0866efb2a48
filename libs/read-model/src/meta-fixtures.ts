import type { ProjectionMeta } from './read-model.port.js';

/** Projection meta for the adapters' mapping tests: a checkpoint past 2^53, a clock, cutoffs with a gap. */
export const SAMPLE_META: ProjectionMeta = {
  checkpoint: 2n ** 62n + 3n,
  clockDate: '2024-04-09',
  clockAsOf: 1712707200000,
  cutoffs: { populationSize: 3, VIP: { net12: 9, customerId: 'a' }, KEY: null, STANDARD: { net12: 1, customerId: 'c' } },
  rulesVersion: 'v1',
};

/** Projection meta before anything was projected. */
export const EMPTY_META: ProjectionMeta = { checkpoint: null, clockDate: null, clockAsOf: null, cutoffs: null, rulesVersion: null };
