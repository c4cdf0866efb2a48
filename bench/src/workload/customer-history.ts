import { DAY_MS } from '@lifecycle/domain';
import type { PlannedEvent } from './planned-event.js';
import type { Prng } from './prng.js';

export interface HistoryWindow {
  startMs: number;
  endMs: number;
  customers: number;
}

const HOUR_MS = 3_600_000;

/**
 * One customer's history inside the window: a registration for most, then either a prospect's
 * contacts only, or a buyer's purchases at a personal rhythm until it lapses, with refunds
 * (half of them voiding their order), orphan goodwill refunds, contacts, CSAT after some
 * orders, occasional NPS and complaints, referrals, and churn declarations for some businesses.
 */
export function planCustomer(customer: number, window: HistoryWindow, rng: Prng): PlannedEvent[] {
  const span = window.endMs - window.startMs;
  // More customers arrive early, so the log has long histories as well as new ones.
  const start = window.startMs + Math.floor(rng.next() ** 1.4 * 0.85 * span) + rng.int(8, 20) * HOUR_MS;
  const business = rng.chance(0.15);
  const events: PlannedEvent[] = [];
  const counters = { register: 0, purchase: 0, refund: 0, interaction: 0, feedback: 0, referral: 0, churn: 0 };
  const add = (at: number, kind: PlannedEvent['kind'], amount = 0, ref = -1, foreign = false): void => {
    if (at >= window.endMs) return;
    events.push({ at, customer, kind, n: counters[kind]++, amount, ref, variant: (rng.next() * 2 ** 32) >>> 0, foreign });
  };

  if (rng.chance(0.8)) add(start, 'register', business ? 1 : 0);
  const lifetimeEnd = start + rng.exponential(420) * DAY_MS;
  const contactGapDays = business ? 120 : 300;
  for (let at = start + rng.exponential(20) * DAY_MS; at < Math.min(lifetimeEnd + 60 * DAY_MS, window.endMs); at += rng.exponential(contactGapDays) * DAY_MS) {
    add(Math.floor(at), 'interaction');
  }

  const prospectOnly = rng.chance(0.15);
  if (!prospectOnly) {
    // Personal purchase rhythm: a log-normal mean gap between 7 and 300 days.
    const meanGapDays = Math.min(300, Math.max(7, Math.exp(Math.log(80) + 0.8 * gaussian(rng))));
    const basket = Math.exp(Math.log(business ? 40_000 : 6_000) + 0.7 * gaussian(rng));
    for (let at = start + rng.exponential(3) * DAY_MS; at < Math.min(lifetimeEnd, window.endMs); at += rng.exponential(meanGapDays) * DAY_MS) {
      const orderAt = Math.floor(at);
      const total = Math.max(100, Math.round(basket * (0.5 + rng.next())));
      const order = counters.purchase;
      const foreign = rng.chance(0.05);
      add(orderAt, 'purchase', total, -1, foreign);
      if (rng.chance(0.08)) {
        const voiding = rng.chance(0.5);
        const amount = voiding ? total : Math.max(1, Math.floor(total * (0.1 + 0.5 * rng.next())));
        add(orderAt + rng.int(1, 30) * DAY_MS + rng.int(0, 23) * HOUR_MS, 'refund', amount, order, foreign);
      }
      if (rng.chance(0.01)) add(orderAt + rng.int(2, 40) * DAY_MS, 'refund', rng.int(500, 2_000), -1);
      if (rng.chance(0.25)) add(orderAt + rng.int(2, 10) * DAY_MS, 'feedback', csatScore(rng), order);
      if (rng.chance(0.02)) add(orderAt + rng.int(1, 20) * DAY_MS, 'feedback', -1, order);
    }
    for (let at = start + rng.exponential(200) * DAY_MS; at < lifetimeEnd; at += rng.exponential(300) * DAY_MS) {
      add(Math.floor(at), 'feedback', npsScore(rng));
    }
    if (rng.chance(0.08)) add(start + rng.int(20, 300) * DAY_MS, 'referral', 0, rng.int(0, window.customers - 1));
    if (business && rng.chance(0.05)) add(Math.floor(lifetimeEnd) + 30 * DAY_MS, 'churn');
  }
  return events;
}

/** Standard normal by Box–Muller. */
function gaussian(rng: Prng): number {
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

const csatScore = (rng: Prng): number => rng.weighted([[5, 45], [4, 30], [3, 12], [2, 7], [1, 6]]);
const npsScore = (rng: Prng): number => rng.weighted([[10, 20], [9, 18], [8, 17], [7, 13], [6, 9], [5, 7], [4, 5], [3, 4], [2, 3], [1, 2], [0, 2]]);
