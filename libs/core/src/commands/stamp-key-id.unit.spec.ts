import type { Candidate } from '../ingestion/ingestion-result.js';
import { stampKeyId } from './stamp-key-id.js';

const candidate = (metadata?: Record<string, string>): Candidate => ({
  ok: true,
  event: {
    eventId: '8f9a3c1e-2b4d-4e6f-8a1b-2c3d4e5f6a7b', type: 'CustomerChurnDeclared', customerId: 'a', occurredAt: '2026-01-01T00:00:00.000Z',
    data: { reason: 'MANUAL' }, ...(metadata ? { metadata } : {}),
  },
});
const metadataOf = (c: Candidate) => (c.ok ? c.event.metadata : 'rejected');

describe('stampKeyId', () => {
  it('sets the sending key id over a client-supplied one, keeping the other metadata', () => {
    expect(metadataOf(stampKeyId(candidate({ keyId: 'mallory', source: 'shop' }), 'shop-key'))).toEqual({ keyId: 'shop-key', source: 'shop' });
    expect(metadataOf(stampKeyId(candidate(), 'shop-key'))).toEqual({ keyId: 'shop-key' });
  });

  it('drops a client-supplied key id without a key (open mode), and leaves rejections alone', () => {
    expect(metadataOf(stampKeyId(candidate({ keyId: 'mallory', source: 'shop' }), undefined))).toEqual({ source: 'shop' });
    expect(metadataOf(stampKeyId(candidate({ keyId: 'mallory' }), undefined))).toBeUndefined();
    const rejected: Candidate = { ok: false, rejection: { code: 'INVALID_EVENT', reason: '$: x', errors: [] } };
    expect(stampKeyId(rejected, 'k')).toBe(rejected);
  });
});
