import { readFileSync } from 'node:fs';

/** The project's version, from the first package.json named customer-lifecycle above this file (src or any build folder). */
export function cliVersion(): string {
  for (let up = '../'; up.length <= 3 * 8; up += '../') {
    try {
      const pkg = JSON.parse(readFileSync(new URL(`${up}package.json`, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'customer-lifecycle' && pkg.version) return pkg.version;
    } catch {
      // no package.json at this depth
    }
  }
  return 'unknown';
}
