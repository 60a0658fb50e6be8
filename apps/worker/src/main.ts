import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { ConfigError, loadConfig } from '../../../libs/config/src/index.js';
import { WorkerModule } from './worker.module.js';

/**
 * The worker: BullMQ processors and cron triggers, no HTTP. On SIGTERM or SIGINT Nest closes every
 * BullMQ worker, which stops taking jobs and waits for the ones in flight before the process exits.
 */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`tincoso worker: ${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  await app.init();
  app.get(Logger).log('tincoso worker started');
  process.stdout.write('tincoso worker ready\n');
}

main().catch((error) => {
  process.stderr.write(`tincoso worker failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
