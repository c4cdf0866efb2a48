import { addDays, DAY_MS, type EventOf, formatInstant, parseDate } from '@lifecycle/domain';
import { dayEndedEvent } from '../../../libs/core/src/ingestion/day-ended-event.js';
import type { LogEvent } from './generate-log.js';
import { Prng } from './prng.js';

export const POPULATION_DAYS = 365;

/**
 * `customers` customers with one purchase each, spread evenly over `POPULATION_DAYS` days from
 * `startDate`, with a DayEnded after every day: a cheap population whose daily due set is
 * realistic (each customer crosses its NEW/ACTIVE/AT_RISK/INACTIVE/CHURNED and window edges on
 * different days).
 */
export function* onePurchasePopulation(customers: number, startDate: string, seed: number): Generator<LogEvent> {
  const rng = new Prng(seed);
  const start = parseDate(startDate) as number;
  for (let day = 0; day < POPULATION_DAYS; day++) {
    for (let customer = day; customer < customers; customer += POPULATION_DAYS) {
      const customerId = `t-${customer.toString().padStart(7, '0')}`;
      const purchase: EventOf<'PurchaseCompleted'> = {
        eventId: rng.uuid(), type: 'PurchaseCompleted', customerId,
        occurredAt: formatInstant(start + day * DAY_MS + rng.int(0, DAY_MS - 1)),
        data: { orderId: `${customerId}-o0`, total: { amountMinor: rng.int(500, 50_000), currency: 'USD' }, salesChannel: 'ONLINE' },
      };
      yield purchase;
    }
    yield dayEndedEvent(addDays(startDate, day));
  }
}
