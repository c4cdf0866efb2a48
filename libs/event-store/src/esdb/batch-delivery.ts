import type { RecordedEvent } from '../event-store.port.js';

export interface BatchDeliveryOptions {
  batchSize: number;
  /** How long to wait for more events once one has arrived before delivering a partial batch. */
  windowMs: number;
  /** Last delivered position; events at or before it are ignored. */
  after: bigint | undefined;
  handler: (events: RecordedEvent[]) => Promise<void>;
  /** Stop / restart the source while the handler runs (backpressure). */
  pause: () => void;
  resume: () => void;
  /** After every handled batch, once nothing is buffered any more. */
  onIdle: () => void;
  onError: (error: unknown) => void;
}

/**
 * Collects events from a push source into batches of up to `batchSize` (or what arrived within the
 * window), hands one batch at a time to the handler and keeps the source paused meanwhile.
 */
export class BatchDelivery {
  private buffer: RecordedEvent[] = [];
  private handling: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private lastQueued: bigint | undefined;
  /** Position of the last event the handler finished. */
  checkpoint: bigint | undefined;

  constructor(private readonly options: BatchDeliveryOptions) {
    this.checkpoint = options.after;
    this.lastQueued = options.after;
  }

  get idle(): boolean {
    return this.buffer.length === 0 && !this.handling;
  }

  push(event: RecordedEvent): void {
    if (this.stopped || this.seen(this.lastQueued, event) || this.seen(this.checkpoint, event)) return;
    this.lastQueued = event.position;
    this.buffer.push(event);
    if (this.buffer.length >= this.options.batchSize) this.flush();
    else if (!this.timer && !this.handling) this.timer = setTimeout(() => this.flush(), this.options.windowMs);
  }

  /** Drops what is buffered but not yet handled (the source restarts from the checkpoint). */
  clear(): void {
    this.clearTimer();
    this.buffer = [];
    this.lastQueued = this.checkpoint;
  }

  /** Resolves once the batch being handled (if any) is done. */
  async settled(): Promise<void> {
    await this.handling;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.clear();
    await this.handling;
  }

  private flush(): void {
    this.clearTimer();
    if (this.handling || this.stopped || this.buffer.length === 0) return;
    const batch = this.buffer.splice(0, this.options.batchSize);
    this.options.pause();
    this.handling = this.options.handler(batch).then(
      () => {
        this.handling = undefined;
        this.checkpoint = batch[batch.length - 1]!.position;
        if (this.stopped) return;
        if (this.buffer.length > 0) return this.flush();
        this.options.resume();
        this.options.onIdle();
      },
      (error: unknown) => {
        this.handling = undefined;
        this.stopped = true;
        this.options.onError(error);
      },
    );
  }

  private seen(position: bigint | undefined, event: RecordedEvent): boolean {
    return position !== undefined && event.position <= position;
  }

  private clearTimer(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
