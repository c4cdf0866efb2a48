import type { QueryStore, StoredTransition } from '@lifecycle/read-model';

export interface Mismatch {
  customerId: string | null;
  field: string;
  live: unknown;
  replayed: unknown;
}

/** Fields that describe the projection process rather than the customer (they may differ between runs). */
const PROCESS_FIELDS = new Set(['nextDueAt']);

/**
 * Compares two read models field by field: every profile, every customer's transitions in
 * order, and the cutoffs kept per date. Returns at most `limit` mismatches.
 */
export async function compareReadModels(live: QueryStore, replayed: QueryStore, limit = 1000): Promise<Mismatch[]> {
  const mismatches: Mismatch[] = [];
  const add = (m: Mismatch): boolean => mismatches.push(m) >= limit;
  const liveIds = new Set<string>();
  const a = live.allProfiles()[Symbol.asyncIterator]();
  const b = replayed.allProfiles()[Symbol.asyncIterator]();
  let left: Array<Record<string, unknown>> = [];
  let right: Array<Record<string, unknown>> = [];
  let leftDone = false, rightDone = false;
  for (;;) {
    if (left.length === 0 && !leftDone) {
      const next = await a.next();
      if (next.done) leftDone = true; else left = next.value as unknown as Array<Record<string, unknown>>;
    }
    if (right.length === 0 && !rightDone) {
      const next = await b.next();
      if (next.done) rightDone = true; else right = next.value as unknown as Array<Record<string, unknown>>;
    }
    if (left.length === 0 && right.length === 0) break;
    const l = left[0], r = right[0];
    const lid = l?.customerId as string | undefined, rid = r?.customerId as string | undefined;
    if (rid === undefined || (lid !== undefined && lid < rid)) {
      left.shift();
      if (add({ customerId: lid as string, field: '(customer)', live: 'present', replayed: 'missing' })) return mismatches;
      continue;
    }
    if (lid === undefined || rid < lid) {
      right.shift();
      if (add({ customerId: rid, field: '(customer)', live: 'missing', replayed: 'present' })) return mismatches;
      continue;
    }
    left.shift();
    right.shift();
    liveIds.add(lid);
    for (const field of new Set([...Object.keys(l), ...Object.keys(r)])) {
      if (PROCESS_FIELDS.has(field)) continue;
      if (JSON.stringify(l[field]) !== JSON.stringify(r[field])) {
        if (add({ customerId: lid, field, live: l[field], replayed: r[field] })) return mismatches;
      }
    }
  }
  for (const id of liveIds) {
    const [lt, rt] = await Promise.all([allTransitions(live, id), allTransitions(replayed, id)]);
    const n = Math.max(lt.length, rt.length);
    for (let i = 0; i < n; i++) {
      if (JSON.stringify(lt[i]) !== JSON.stringify(rt[i])) {
        if (add({ customerId: id, field: `transitions[${i}]`, live: lt[i] ?? null, replayed: rt[i] ?? null })) return mismatches;
        break;
      }
    }
  }
  const [lc, rc] = await Promise.all([live.allCutoffs(), replayed.allCutoffs()]);
  const replayedCutoffs = new Map(rc.map((c) => [c.date, JSON.stringify(c.cutoffs)]));
  for (const c of lc) {
    const other = replayedCutoffs.get(c.date);
    if (other !== JSON.stringify(c.cutoffs)) {
      if (add({ customerId: null, field: `cutoffs[${c.date}]`, live: c.cutoffs, replayed: other ? JSON.parse(other) : null })) return mismatches;
    }
    replayedCutoffs.delete(c.date);
  }
  for (const [date, cutoffs] of replayedCutoffs) {
    if (add({ customerId: null, field: `cutoffs[${date}]`, live: null, replayed: JSON.parse(cutoffs) })) return mismatches;
  }
  return mismatches;
}

async function allTransitions(store: QueryStore, customerId: string): Promise<Array<Omit<StoredTransition, 'position'> & { position: string }>> {
  const result = [];
  let cursor: string | null = null;
  do {
    const page = await store.transitions(customerId, 1000, cursor);
    result.push(...page.items.map((tr) => ({ ...tr, position: tr.position.toString() })));
    cursor = page.nextCursor;
  } while (cursor);
  return result;
}
