import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** bench/peer-emmett in the source tree (its runner is plain JavaScript, run from there, never built). */
export const PEER_DIR = fileURLToPath(new URL('../../../../bench/peer-emmett/', import.meta.url));

/**
 * Installs the peer's own dependencies from its lock file (`npm ci --prefix bench/peer-emmett`)
 * when its node_modules is missing, so that the project's `npm ci` never fetches Emmett.
 * npm's output goes to stderr with the bench's progress.
 */
export async function ensurePeerInstalled(progress: (message: string) => void): Promise<void> {
  if (existsSync(join(PEER_DIR, 'node_modules', '@event-driven-io', 'emmett-sqlite', 'package.json'))) return;
  progress(`peer-emmett: first use, installing its dependencies (npm ci --prefix ${PEER_DIR}; sqlite3 may build from source, which takes minutes)`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(npm, ['ci', '--prefix', PEER_DIR, '--no-audit', '--no-fund'], { stdio: ['ignore', process.stderr, process.stderr] });
    child.on('error', reject);
    child.on('exit', resolve);
  });
  if (code !== 0) throw new Error(`npm ci --prefix ${PEER_DIR} exited with ${code}`);
}
