import 'reflect-metadata';
import { ConfigError, isDevelopmentJwtSecret, loadConfig } from '../../../libs/config/src/index.js';
import { createApiApp } from './bootstrap.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`tincoso api: ${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
  const app = await createApiApp(config);
  if (isDevelopmentJwtSecret(config)) {
    process.stderr.write('tincoso api: using the development JWT_SECRET; set JWT_SECRET before exposing this server\n');
  }
  await app.listen(config.port, config.host);
  process.stdout.write(`tincoso api listening on http://${config.host}:${config.port} (docs at /api/docs)\n`);
}

main().catch((error) => {
  process.stderr.write(`tincoso api failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
