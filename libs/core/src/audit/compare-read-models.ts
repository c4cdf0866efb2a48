import type { QueryStore, StoredCustomer, StoredTransition } from '@lifecycle/read-model';
import { canonicalJson } from '../event-log/hash-chain.js';

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
 * order, every stored column or field of every customer (what segments and filters read, not
 * only the profile: `stored.<column>`), the meta (`meta.<key>`) and the cutoffs kept per date.
 * Returns at most `limit` mismatches.
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
  if (await compareStoredCustomers(live, replayed, add)) return mismatches;
  if (await compareMeta(live, replayed, add)) return mismatches;
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

type Add = (m: Mismatch) => boolean;

/** Every stored column of each customer, both stores read in customerId order; true once the limit is reached. */
async function compareStoredCustomers(live: QueryStore, replayed: QueryStore, add: Add): Promise<boolean> {
  const a = live.storedCustomers()[Symbol.asyncIterator]();
  const b = replayed.storedCustomers()[Symbol.asyncIterator]();
  let left: StoredCustomer[] = [];
  let right: StoredCustomer[] = [];
  let leftDone = false, rightDone = false;
  for (;;) {
    if (left.length === 0 && !leftDone) {
      const next = await a.next();
      if (next.done) leftDone = true; else left = [...next.value];
    }
    if (right.length === 0 && !rightDone) {
      const next = await b.next();
      if (next.done) rightDone = true; else right = [...next.value];
    }
    if (left.length === 0 || right.length === 0) return false;
    // Customers present on one side only were reported with the profiles.
    if (left[0]!.customerId < right[0]!.customerId) { left.shift(); continue; }
    if (right[0]!.customerId < left[0]!.customerId) { right.shift(); continue; }
    const l = left.shift()!, r = right.shift()!;
    for (const [field, lv, rv] of differences('stored', l.fields, r.fields)) {
      if (add({ customerId: l.customerId, field, live: lv, replayed: rv })) return true;
    }
  }
}

const META_KEYS = ['checkpoint', 'clockDate', 'clockAsOf', 'cutoffs', 'rulesVersion'] as const;

async function compareMeta(live: QueryStore, replayed: QueryStore, add: Add): Promise<boolean> {
  const [l, r] = await Promise.all([live.loadMeta(), replayed.loadMeta()]);
  for (const key of META_KEYS) {
    const [lv, rv] = [l[key], r[key]].map((v) => (typeof v === 'bigint' ? v.toString() : v ?? null));
    if (canonicalJson(lv) === canonicalJson(rv)) continue;
    if (add({ customerId: null, field: `meta.${key}`, live: lv, replayed: rv })) return true;
  }
  return false;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The leaf paths where two values differ (objects are descended into, e.g. `stored.state.status`). */
function differences(path: string, a: unknown, b: unknown): Array<[string, unknown, unknown]> {
  if (canonicalJson(a ?? null) === canonicalJson(b ?? null)) return [];
  if (!isPlainObject(a) || !isPlainObject(b)) return [[path, a ?? null, b ?? null]];
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].flatMap((key) => differences(`${path}.${key}`, a[key], b[key]));
}
