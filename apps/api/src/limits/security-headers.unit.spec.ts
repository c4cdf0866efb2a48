import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SECURITY_HEADERS } from './security-headers.js';

describe('SECURITY_HEADERS', () => {
  it('are the headers helmet sets with its defaults, by lower-case name', () => {
    const set = new Map<string, string>();
    const response = { setHeader: (name: string, value: string) => set.set(name.toLowerCase(), value), removeHeader: () => undefined };
    helmet()({} as IncomingMessage, response as unknown as ServerResponse, () => undefined);
    expect(Object.entries(SECURITY_HEADERS).sort()).toEqual([...set.entries()].sort());
    expect(SECURITY_HEADERS['content-security-policy']).toContain("default-src 'self'");
    expect(SECURITY_HEADERS['x-content-type-options']).toBe('nosniff');
    expect(SECURITY_HEADERS['strict-transport-security']).toMatch(/^max-age=\d+/);
  });
});
