import { randomUUID } from 'node:crypto';
import { type EventStore, type RecordedEvent, WrongExpectedRevisionError } from '@lifecycle/event-store';
import { chained } from './hash-chain.js';

/** The append-only stream of administrative actions; not a customer stream, the projector skips it. */
export const ADMIN_STREAM = 'lifecycle-admin';
export const ADMIN_EVENT_TYPE = 'AdminActionRecorded';

export type AdminAction = 'clock.advance' | 'projections.rebuild' | 'projections.switch' | 'keys.create' | 'keys.revoke';

export interface AdminEntry {
  /** Who: the key id, or `cli:<user>` for the CLI, `anonymous-loopback` in open mode. */
  actor: string;
  action: AdminAction;
  /** What came of it: ok, rejected (with the code), failed. */
  outcome: 'ok' | 'rejected' | 'failed';
  /** Action details (never a key or a secret). */
  details?: Record<string, unknown>;
}

export interface AdminRecord extends AdminEntry {
  eventId: string;
  at: string;
  revision: string;
  position: string;
}

const MAX_ATTEMPTS = 5;

/** Appends one entry to the admin stream, chained to the previous one; retries on a concurrent append. */
export async function recordAdminAction(store: EventStore, entry: AdminEntry, now: () => number = Date.now): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const revision = await store.streamRevision(ADMIN_STREAM);
    const [last] = revision === 'no_stream' ? [] : await store.readStream(ADMIN_STREAM, revision, 1);
    const event = chained(last?.metadata.hash ?? null, {
      eventId: randomUUID(),
      type: ADMIN_EVENT_TYPE,
      data: { at: new Date(now()).toISOString(), ...entry, details: entry.details ?? {} },
      metadata: { keyId: entry.actor },
    });
    try {
      await store.append({ streamId: ADMIN_STREAM, expectedRevision: revision, events: [event] });
      return;
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}

export const toAdminRecord = (recorded: RecordedEvent): AdminRecord => {
  const data = recorded.data as unknown as Omit<AdminRecord, 'eventId' | 'revision' | 'position'>;
  return {
    eventId: recorded.eventId, at: data.at, actor: data.actor, action: data.action, outcome: data.outcome, details: data.details,
    revision: recorded.revision.toString(), position: recorded.position.toString(),
  };
};

/** A page of the admin stream from a revision (inclusive). */
export async function readAdminLog(store: EventStore, fromRevision: bigint, limit: number): Promise<{ items: AdminRecord[]; nextFromRevision: string | null }> {
  const events = await store.readStream(ADMIN_STREAM, fromRevision, limit + 1);
  const items = events.slice(0, limit).map(toAdminRecord);
  return { items, nextFromRevision: events.length > limit ? events[limit].revision.toString() : null };
}
