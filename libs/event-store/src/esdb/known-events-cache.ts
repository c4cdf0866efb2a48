import type { StoredRef } from './esdb-append-plan.js';

export interface KnownStream {
  /** Last revision read or written, -1n when the stream is not known to exist. */
  lastRevision: bigint;
  ids: Map<string, StoredRef>;
}

/**
 * Event ids per stream, each entry complete from revision 0 up to `lastRevision`, so that "not in the
 * entry" means "not in the stream up to there". Bounded by the total number of ids: the least
 * recently used streams are dropped (and read in full again when next appended to).
 */
export class KnownEventsCache {
  private readonly streams = new Map<string, KnownStream>();
  private size = 0;

  constructor(private readonly maxIds: number) {}

  /** The entry of a stream, created empty when missing; marks it as most recently used. */
  entry(streamId: string): KnownStream {
    let entry = this.streams.get(streamId);
    if (entry) this.streams.delete(streamId);
    else entry = { lastRevision: -1n, ids: new Map() };
    this.streams.set(streamId, entry);
    return entry;
  }

  /** Records an event at the tail; `lastRevision` only moves when the entry stays gap-free. */
  record(streamId: string, key: string, ref: StoredRef): void {
    const entry = this.entry(streamId);
    if (!entry.ids.has(key)) this.size++;
    entry.ids.set(key, ref);
    if (ref.revision === entry.lastRevision + 1n) entry.lastRevision = ref.revision;
  }

  /** Marks the entry complete up to `revision` (after reading the stream up to there). */
  completeUpTo(streamId: string, revision: bigint): void {
    const entry = this.entry(streamId);
    if (revision > entry.lastRevision) entry.lastRevision = revision;
  }

  /** Forgets a stream (e.g. after it was deleted on the server). */
  reset(streamId: string): void {
    const entry = this.streams.get(streamId);
    if (!entry) return;
    this.size -= entry.ids.size;
    this.streams.delete(streamId);
  }

  /** Drops least recently used streams until within bounds, keeping `keep` (the stream in use). */
  trim(keep?: string): void {
    for (const [streamId, entry] of this.streams) {
      if (this.size <= this.maxIds) return;
      if (streamId === keep) continue;
      this.size -= entry.ids.size;
      this.streams.delete(streamId);
    }
  }

  get totalIds(): number {
    return this.size;
  }
}
