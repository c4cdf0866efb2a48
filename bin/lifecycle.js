#!/usr/bin/env node
// The `lifecycle` command (`npx lifecycle …`): runs the compiled CLI, compiling apps and libs
// first (swc, a few seconds, messages on stderr) when dist/ is missing or older than a source.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const main = join(root, 'dist/apps/cli/src/main.js');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

// An image without the sources (the Dockerfile's) runs its dist/ as it is.
const sources = ['apps', 'libs'].map((dir) => join(root, dir)).filter((dir) => existsSync(dir));
const stale = !existsSync(main) || sources.some((dir) => newestSource(dir) > statSync(main).mtimeMs);
if (stale) {
  process.stderr.write('lifecycle: compiling apps and libs into dist/ …\n');
  execFileSync(process.execPath, [join(root, 'node_modules/@swc/cli/bin/swc.js'), 'apps', 'libs', '-d', 'dist', '-q'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}
await import(pathToFileURL(main).href);
