import { Agent, request } from 'node:http';
import type { LoadRequest } from './autocannon.js';

export interface PacedResult {
  sent: number;
  statusCodes: Record<string, number>;
  errors: number;
  seconds: number;
  latenciesMs: number[];
}

const TICK_MS = 1;

/**
 * An open-loop load at a steady rate: every millisecond it sends what the schedule says is due,
 * whether or not earlier requests have been answered, so a slow answer does not slow the
 * arrivals (autocannon's rate limit instead sends each connection's share of a second back to
 * back, closed-loop, at the start of the second, and corrects its histogram for coordinated
 * omission with a 1 ms expected interval). Latency is from the request's start to the end of
 * its response, in this process.
 */
export async function runPaced(
  baseUrl: string, requests: LoadRequest[], ratePerSecond: number,
  onAnswer?: (index: number, answeredAt: number, statusCode: number) => void,
): Promise<PacedResult> {
  const url = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const result: PacedResult = { sent: 0, statusCodes: {}, errors: 0, seconds: 0, latenciesMs: [] };
  let pending = 0;
  const started = performance.now();

  const send = (req: LoadRequest, index: number): void => {
    pending += 1;
    const at = performance.now();
    const body = req.body ?? '';
    const call = request({
      agent, host: url.hostname, port: url.port, method: req.method, path: req.path,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    }, (response) => {
      response.resume();
      response.on('end', () => {
        const answeredAt = performance.now();
        result.latenciesMs.push(answeredAt - at);
        onAnswer?.(index, answeredAt, response.statusCode ?? 0);
        const code = String(response.statusCode);
        result.statusCodes[code] = (result.statusCodes[code] ?? 0) + 1;
        pending -= 1;
      });
    });
    call.on('error', () => {
      result.errors += 1;
      pending -= 1;
    });
    call.end(body);
  };

  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const due = Math.min(requests.length, Math.floor(((performance.now() - started) / 1000) * ratePerSecond));
      while (result.sent < due) {
        send(requests[result.sent], result.sent);
        result.sent += 1;
      }
      if (result.sent === requests.length) {
        clearInterval(timer);
        resolve();
      }
    }, TICK_MS);
  });
  while (pending > 0) await new Promise((resolve) => setTimeout(resolve, 5));
  result.seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return result;
}
