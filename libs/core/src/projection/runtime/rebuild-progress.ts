export type RebuildState = 'building' | 'switching' | 'dropping-old' | 'done' | 'failed';

/** What a rebuild reports while it runs and after (GET /admin/projections/rebuild, the CLI's progress bar). */
export interface RebuildProgress {
  state: RebuildState;
  fromVersion: string;
  toVersion: string;
  rulesVersion: string;
  events: number;
  /** Log position projected so far, and the head when the rebuild started. */
  position: string | null;
  head: string;
  eventsPerSecond: number;
  /** Estimated from the share of the log (by position) still to project at the current rate. */
  etaSeconds: number | null;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
}

/** Keeps a rebuild's figures; time comes in as milliseconds (`now`), so the arithmetic is testable. */
export class RebuildTracker {
  private readonly startedMs: number;
  readonly progress: RebuildProgress;

  constructor(fromVersion: string, toVersion: string, rulesVersion: string, head: bigint, private readonly now: () => number) {
    this.startedMs = now();
    this.progress = {
      state: 'building', fromVersion, toVersion, rulesVersion, events: 0, position: null, head: head.toString(),
      eventsPerSecond: 0, etaSeconds: null, startedAt: new Date(this.startedMs).toISOString(), finishedAt: null, error: null,
    };
  }

  advance(events: number, position: bigint): RebuildProgress {
    const p = this.progress;
    p.events += events;
    p.position = position.toString();
    const seconds = (this.now() - this.startedMs) / 1000;
    p.eventsPerSecond = seconds > 0 ? Math.round(p.events / seconds) : 0;
    const head = BigInt(p.head);
    const remaining = head > position ? Number(head - position) : 0;
    const done = Number(position);
    p.etaSeconds = done > 0 && seconds > 0 ? Math.round((remaining / done) * seconds * 10) / 10 : null;
    return p;
  }

  enter(state: RebuildState): RebuildProgress {
    this.progress.state = state;
    if (state === 'done') this.finish(null);
    return this.progress;
  }

  fail(error: unknown): RebuildProgress {
    this.progress.state = 'failed';
    this.finish(error instanceof Error ? error.message : String(error));
    return this.progress;
  }

  private finish(error: string | null): void {
    this.progress.finishedAt = new Date(this.now()).toISOString();
    this.progress.error = error;
    this.progress.etaSeconds = 0;
  }
}
