import { spawn } from 'node:child_process';

/** Variables that would point the CLI at other stores or other rules than the test's. */
const STORE_AND_RULES_VARIABLES = ['EVENTSTORE_CONNECTION_STRING', 'MONGODB_URI', 'RULES', 'RULES_FILE', 'DATA_DIR', 'BASE_CURRENCY'];

/**
 * Runs `npm run cli -- ARGS` (which builds, then runs the CLI) in a child process on the
 * embedded stores of `dataDir`, base currency USD; resolves with its output, rejects on a
 * non-zero exit with its stderr.
 */
export function runCli(args: string[], dataDir: string): Promise<{ stdout: string; stderr: string }> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !STORE_AND_RULES_VARIABLES.includes(key)));
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'cli', '--', ...args], {
      env: { ...env, DATA_DIR: dataDir, BASE_CURRENCY: 'USD', CLOCK_SCHEDULER: 'off' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve({ stdout, stderr });
      else reject(new Error(`npm run cli -- ${args.join(' ')} exited with ${code}:\n${stderr.slice(-2000)}`));
    });
  });
}
