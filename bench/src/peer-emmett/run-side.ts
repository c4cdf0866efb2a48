import { spawn } from 'node:child_process';
import type { PeerRunResult } from './peer-run-result.js';

/** Runs one side's runner in a fresh Node process and parses the JSON line it prints; its stderr goes to ours. */
export function runSide(script: string, args: string[], cpuProfDir: string | null): Promise<PeerRunResult> {
  const flags = cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', cpuProfDir] : [];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...flags, script, ...args], { stdio: ['ignore', 'pipe', process.stderr] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => { out += chunk; });
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0) return reject(new Error(`${script} exited with ${code}`));
      try {
        resolve(JSON.parse(line) as PeerRunResult);
      } catch {
        reject(new Error(`${script} printed no result: ${out.slice(-300)}`));
      }
    });
  });
}
