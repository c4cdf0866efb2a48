/** What a projector reports as it works (the metrics listen); one per process, so it outlives projector restarts. */
export interface ProjectionListener {
  batch?(seconds: number, events: number): void;
  dayEnd?(seconds: number, dueCustomers: number): void;
}

const listeners = new Set<ProjectionListener>();

export const projectionObserver = {
  listen(listener: ProjectionListener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  batch(seconds: number, events: number): void {
    for (const l of listeners) l.batch?.(seconds, events);
  },
  dayEnd(seconds: number, dueCustomers: number): void {
    for (const l of listeners) l.dayEnd?.(seconds, dueCustomers);
  },
};
