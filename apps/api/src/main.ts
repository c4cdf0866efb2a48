import { ConfigError, loadConfig } from '@lifecycle/core';
import { createApp } from './create-app.js';

try {
  const config = loadConfig();
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  console.log(`customer lifecycle API on http://${config.host}:${config.port} (data in ${config.dataDir})`);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
