import { execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';

/** Variables that would point the CLI at other stores or other rules than the test's. */
const STORE_AND_RULES_VARIABLES = ['EVENTSTORE_CONNECTION_STRING', 'MONGODB_URI', 'RULES', 'RULES_FILE', 'DATA_DIR', 'BASE_CURRENCY'];

let built: string | null = null;

/**
 * Compiles apps and libs as `npm run build` does, into a folder of this test file's own
 * (`.test-build/<id>`, inside the project so that node_modules resolve), so that test files
 * running in parallel never read each other's half-written output. Returns the CLI's entry.
 */
export function buildCli(): string {
  if (built) return built;
  const outDir = join(process.cwd(), '.test-build', randomUUID());
  execFileSync(process.execPath, [join(process.cwd(), 'node_modules/@swc/cli/bin/swc.js'), 'apps', 'libs', '-d', outDir, '-q'], { stdio: 'ignore' });
  built = join(outDir, 'apps/cli/src/main.js');
  return built;
}

/** Removes the build of buildCli (call it in afterAll). */
export function removeBuiltCli(): void {
  if (built) rmSync(join(built, '../../../..'), { recursive: true, force: true });
  built = null;
}

/** The environment of a CLI run on the embedded stores of `dataDir`, base currency USD. */
export function cliEnv(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !STORE_AND_RULES_VARIABLES.includes(key)));
  return { ...env, DATA_DIR: dataDir, BASE_CURRENCY: 'USD', CLOCK_SCHEDULER: 'off', ...extra };
}

/**
 * Runs the compiled CLI (`npm run cli -- ARGS` without the build step) in a child process on
 * the embedded stores of `dataDir`; resolves with its output, rejects on a non-zero exit with
 * its stderr.
 */
export async function runCli(args: string[], dataDir: string): Promise<{ stdout: string; stderr: string }> {
  const { status, stdout, stderr } = await spawnCli(buildCli(), args, dataDir);
  if (status !== 0) throw new Error(`npm run cli -- ${args.join(' ')} exited with ${status}:\n${stderr.slice(-2000)}`);
  return { stdout, stderr };
}

/** Runs a compiled CLI `main` with ARGS on the embedded stores of `dataDir`; resolves with its exit status and output. */
export function spawnCli(main: string, args: string[], dataDir: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [main, ...args], { env: cliEnv(dataDir), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
