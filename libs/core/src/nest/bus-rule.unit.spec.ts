import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const NEST = fileURLToPath(new URL('.', import.meta.url));
const APPS = fileURLToPath(new URL('../../../../apps/', import.meta.url));

/** What an entry point would reach the core with if it skipped the buses. */
const DIRECT_CORE = [
  'LifecycleCommands', 'LifecycleQueries', 'IngestionService', 'ProjectorService', 'ProjectionVersionsService', 'WebhookSubscriptions',
  'EVENT_STORE', 'READ_MODEL', 'PROJECTION_CATALOG', 'WEBHOOK_STORE', 'WALL_CLOCK',
  'recordAdminAction', 'readAdminLog', 'exportLog', 'verifyProjection', 'importHistory', 'createKey', 'revokeKey',
];
const reachesCore = new RegExp(`\\b(?:${DIRECT_CORE.join('|')})\\b|readonly \\w+: TransitionFeed\\b`);

/** The entry points: HTTP controllers, the health controllers and their readiness check, the CLI's commands. */
const ENTRY_POINTS = [
  ...['api/src/controllers', 'api/src/health', 'cli/src/commands'].flatMap((dir) =>
    readdirSync(join(APPS, dir)).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts')).map((f) => `${dir}/${f}`)),
];

const messages = (kind: 'commands' | 'queries'): string[] =>
  readdirSync(join(NEST, kind)).filter((f) => /\.(command|query)\.ts$/.test(f)).map((f) => f.replace(/\.(command|query)\.ts$/, ''));

const pascal = (kebab: string): string => kebab.split('-').map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');

describe('one rule for entry points: every one dispatches a command or a query', () => {
  it('finds the entry points', () => {
    expect(ENTRY_POINTS).toEqual(expect.arrayContaining(['api/src/controllers/ingestion.controller.ts', 'cli/src/commands/import.command.ts']));
  });

  it('no entry point reaches a core service, port or function past the CommandBus and the QueryBus', () => {
    const direct = ENTRY_POINTS.filter((file) => reachesCore.test(readFileSync(join(APPS, file), 'utf8')));
    expect(direct).toEqual([]);
  });

  it.each(['commands', 'queries'] as const)('every one of the %s has its handler beside it, registered in the index', (kind) => {
    const index = readFileSync(join(NEST, kind, 'index.ts'), 'utf8');
    const names = messages(kind);
    expect(names.length).toBeGreaterThan(0);
    const missing = names.filter((name) => !existsSync(join(NEST, kind, `${name}.handler.ts`)) || !index.includes(`  ${pascal(name)}Handler,\n`));
    expect(missing).toEqual([]);
  });
});
