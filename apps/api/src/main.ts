import { ConfigError, createLogger, loadConfig } from '@lifecycle/core';
import { createApp } from './create-app.js';

const log = createLogger();
try {
  const config = loadConfig();
  const app = await createApp(config, { logger: log });
  await app.listen(config.port, config.host);
  log.info({ event: 'api.started', host: config.host, port: config.port, dataDir: config.dataDir }, `customer lifecycle API on http://${config.host}:${config.port} (data in ${config.dataDir})`);
} catch (error) {
  if (error instanceof ConfigError) for (const problem of error.problems) log.fatal({ event: 'config.invalid', problem }, `invalid configuration: ${problem}`);
  else log.fatal({ err: error }, 'the API failed to start');
  process.exit(1);
}
