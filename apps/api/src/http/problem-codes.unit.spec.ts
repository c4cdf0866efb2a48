import { readFileSync } from 'node:fs';
import { PROBLEM_CODES } from './problem-codes.js';
import { problem, problemOfFrameworkError } from './problem.js';

describe('problem codes', () => {
  it('the README error-code table lists every code with its status, and nothing else', () => {
    const readme = readFileSync('README.md', 'utf8');
    const table = readme.slice(readme.indexOf('### Error codes'), readme.indexOf('## Operations'));
    const rows = [...table.matchAll(/^\| (\d{3}) \| `(\w+)` \|/gm)].map(([, status, code]) => [code, Number(status)]);
    expect(Object.fromEntries(rows)).toEqual(Object.fromEntries(Object.entries(PROBLEM_CODES).map(([code, c]) => [code, c.status])));
  });

  it('builds RFC 9457 bodies, titles from the table or the HTTP status', () => {
    expect(problem(409, 'CONCURRENCY_CONFLICT', 'retry')).toEqual({
      type: 'urn:lifecycle:problem:CONCURRENCY_CONFLICT', title: 'Concurrency conflict', status: 409, detail: 'retry', code: 'CONCURRENCY_CONFLICT', errors: [],
    });
    expect(problem(429, 'RATE_LIMITED', 'slow down').title).toBe('Too Many Requests');
  });

  it('maps Fastify errors by code, and unparseable bodies by route', () => {
    expect(problemOfFrameworkError({ statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE', message: 'too big' }).code).toBe('PAYLOAD_TOO_LARGE');
    expect(problemOfFrameworkError({ statusCode: 400, message: 'Unexpected end' }, '/events').code).toBe('INVALID_EVENT');
    expect(problemOfFrameworkError({ statusCode: 400, message: 'Unexpected end' }, '/admin/clock/advance')).toMatchObject({
      code: 'INVALID_REQUEST', errors: [{ path: '$', reason: 'Unexpected end' }],
    });
  });
});
