import 'reflect-metadata';
import { ConfigError, isDevelopmentSecretsKey, loadConfig } from '#config/index.js';

/**
 * The worker: BullMQ processors and cron triggers, no HTTP. On SIGTERM or SIGINT Nest closes every
 * BullMQ worker, which stops taking jobs and waits for the ones in flight before the process exits.
 */
async function main(): Promise<void> {
  let config;
  try {
    // Each SMS provider has its own variables (TWILIO_*, ...): listed with the app's in one error.
    config = loadConfig(process.env, [(await import('#sms/sms-providers.js')).smsProviderProblems]);
    // So does the speech engine chosen by TTS_ENGINE (FPT_AI_*, LOUDSPEAKER_TTS_VOICE).
    (await import('#loudspeaker/tts/tts-engines.js')).checkTtsEngineConfig(config);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`tincoso worker: ${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
  // Nest and the modules load only once the environment is known to be valid: a bad variable fails fast.
  const [{ NestFactory }, { Logger }, { WorkerModule }] = await Promise.all([
    import('@nestjs/core'),
    import('nestjs-pino'),
    import('./worker.module.js'),
  ]);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  // useProcessExit: a drained shutdown exits 0 (not re-killed by the signal) and lets pino flush.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  await app.init();
  app.get(Logger).log('tincoso worker started');
  if (isDevelopmentSecretsKey(config)) {
    process.stderr.write('tincoso worker: using the development SECRETS_KEY; channel tokens are not protected until SECRETS_KEY is set\n');
  }
  process.stdout.write('tincoso worker ready\n');
}

main().catch((error) => {
  process.stderr.write(`tincoso worker failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
