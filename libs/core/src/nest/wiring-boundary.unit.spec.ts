import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = fileURLToPath(new URL('..', import.meta.url));
/** Nest services that sibling changes move under nest/; each entry must still exist, so a stale one fails. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [relative(SRC, path)] : [];
  });
}

const importsNest = (file: string): boolean => /from '@nestjs\/|from '\.\.?\/(?:\.\.\/)*nest\//.test(readFileSync(join(SRC, file), 'utf8'));

describe('libs/core: logic apart from its Nest wiring', () => {
  const files = sources(SRC);

  it('keeps every import of Nest, and of the wiring (index.ts included), under nest/', () => {
    const outside = files.filter((file) => !file.startsWith('nest/') && importsNest(file));
    expect(outside).toEqual([]);
  });
});
