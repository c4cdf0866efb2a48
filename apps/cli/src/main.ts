import { Command } from 'commander';
import { ConfigError } from '@lifecycle/core';
import { registerClock } from './commands/clock.command.js';
import { registerCustomers } from './commands/customers.command.js';
import { registerImport } from './commands/import.command.js';
import { registerKeys } from './commands/keys.command.js';
import { registerLog } from './commands/log.command.js';
import { registerProjections } from './commands/projections.command.js';
import { registerSegments } from './commands/segments.command.js';
import { cliVersion } from './cli-version.js';

const program = new Command('lifecycle')
  .description('customer lifecycle: import history, read profiles and segments, drive the clock (results on stdout, progress and errors on stderr)')
  .version(cliVersion())
  .showHelpAfterError();
registerImport(program);
registerCustomers(program);
registerSegments(program);
registerClock(program);
registerLog(program);
registerProjections(program);
registerKeys(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `error: ${(error as Error).message}`);
  process.exit(1);
}
