import Fastify from 'fastify';
import type { AddressInfo } from 'node:net';
import { serve } from './server-messages.js';

/** A profile-sized answer (the query baseline's body), built once. */
const PROFILE_SIZED = {
  customerId: 'c-0000000', status: 'ACTIVE', loyaltyLevel: 'REPEAT', loyaltyReviewAt: '2026-06-01T00:00:00.000Z', valueTier: 'STANDARD',
  orderCount: 7, orders12: 3, activeMonths12: 3, net12: { amountMinor: 18_250, currency: 'USD' }, lifetimeNet: { amountMinor: 52_100, currency: 'USD' },
  firstPurchaseAt: '2024-11-02T10:11:12.000Z', lastPurchaseAt: '2026-03-04T09:08:07.000Z', recencyDays: 40, tenureDays: 527,
  t: '2026-04-13T00:00:00.000Z', latestNpsScore: 9, latestNpsCategory: 'PROMOTER', csat12: 4.5, feedbackCount: 4, complaintCount: 0,
  interactionCount: 6, interactionsByChannel: { EMAIL: 3, PHONE: 2, CHAT: 1 }, referralCount: 1, lastInteractionAt: '2026-03-30T15:00:00.000Z',
  explicitChurnAt: null, kind: 'CONSUMER', relation: 'END_CUSTOMER', country: 'US', acquisitionChannel: 'SEARCH', rulesVersion: 'r-0123456789abcdef',
};

/**
 * Baseline 1a: bare Fastify answering the ingestion route with the JSON body it received, and
 * (the query scenario's baseline) GET /customers/:id with a fixed profile-sized body.
 */
const app = Fastify({ logger: false, bodyLimit: 16 * 1024 * 1024 });
app.post('/customers/:customerId/:kind', async (request) => request.body);
app.get('/customers/:customerId', async (request) => ({ ...PROFILE_SIZED, customerId: (request.params as { customerId: string }).customerId }));
await app.listen({ port: 0, host: '127.0.0.1' });
serve((app.server.address() as AddressInfo).port, { stop: () => app.close() });
