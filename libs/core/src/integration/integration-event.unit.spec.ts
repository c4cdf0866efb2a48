import { decodeFeedCursor, type StoredTransition } from '@lifecycle/read-model';
import { integrationEventId, toIntegrationEvent } from './integration-event.js';

const transition: StoredTransition = {
  customerId: 'c-1', field: 'status', from: 'CHURNED', to: 'ACTIVE', t: Date.parse('2025-03-01T10:00:00Z'),
  cause: { eventId: 'e-9' }, reactivation: true, position: 2n ** 60n + 1n,
  snapshot: { status: 'ACTIVE', loyaltyLevel: 'REPEAT', valueTier: 'KEY', net12: 12_345, orders12: 3, lastPurchaseAt: Date.parse('2025-03-01T10:00:00Z') },
};

describe('integration events', () => {
  it('maps a stored transition to a JSON-ready event with its snapshot, cause, rules version and cursor', () => {
    const event = toIntegrationEvent(transition, 'rules-abc');
    expect(event).toEqual({
      id: integrationEventId(2n ** 60n + 1n, 'c-1', 'status'),
      type: 'CustomerStatusChanged', customerId: 'c-1', field: 'status', from: 'CHURNED', to: 'ACTIVE',
      t: '2025-03-01T10:00:00.000Z', cause: { eventId: 'e-9' }, reactivation: true, position: '1152921504606846977', rulesVersion: 'rules-abc',
      snapshot: { status: 'ACTIVE', loyaltyLevel: 'REPEAT', valueTier: 'KEY', net12: 12_345, orders12: 3, lastPurchaseAt: '2025-03-01T10:00:00.000Z' },
      cursor: event.cursor,
    });
    expect(decodeFeedCursor(event.cursor)).toEqual({ position: 2n ** 60n + 1n, fieldRank: 0, customerId: 'c-1' });
    expect(JSON.parse(JSON.stringify(event))).toEqual(event);
  });

  it('names each field its own event type; a transition without a snapshot maps to snapshot null', () => {
    const { snapshot: _s, ...bare } = transition;
    expect(toIntegrationEvent({ ...bare, field: 'loyaltyLevel', reactivation: undefined, cause: { dayEnded: '2025-03-02' } }, 'r'))
      .toMatchObject({ type: 'CustomerLoyaltyLevelChanged', reactivation: false, snapshot: null, cause: { dayEnded: '2025-03-02' } });
    expect(toIntegrationEvent({ ...transition, field: 'valueTier' }, 'r').type).toBe('CustomerValueTierChanged');
  });

  it('derives ids from position, customer and field only: equal for a replay, distinct otherwise', () => {
    const id = integrationEventId(5n, 'c', 'status');
    expect(integrationEventId(5n, 'c', 'status')).toBe(id);
    expect(toIntegrationEvent({ ...transition, position: 5n, customerId: 'c', t: 0, to: 'NEW' }, 'other-rules').id).toBe(id);
    const others = [integrationEventId(6n, 'c', 'status'), integrationEventId(5n, 'd', 'status'), integrationEventId(5n, 'c', 'valueTier'),
      integrationEventId(55n, '', 'status'), integrationEventId(5n, '5/c', 'status')];
    expect(new Set([id, ...others]).size).toBe(6);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
  });
});
