/** What scenario 4's child process reports (rebuild-child.ts). */
export interface RebuildChildResult {
  readEvents: number;
  readSeconds: number;
  rebuildSeconds: number;
  mode: string;
  checkpoint: string;
  projectorStats: unknown;
  storeStats: unknown;
  peakEstimatedMb: number;
  rssBeforeRebuildMb: number;
  peakRssMb: number;
  processMaxRssMb: number;
  segments: unknown;
}
