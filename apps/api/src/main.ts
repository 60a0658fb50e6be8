import 'reflect-metadata';
import { ConfigError, isDevelopmentJwtSecret, isDevelopmentSecretsKey, loadConfig } from '#config/index.js';

async function main(): Promise<void> {
  let config;
  try {
    // Each SMS provider has its own variables (TWILIO_*, ...): listed with the app's in one error.
    config = loadConfig(process.env, [(await import('#sms/sms-providers.js')).smsProviderProblems]);
    // So does the speech engine chosen by TTS_ENGINE (FPT_AI_*, LOUDSPEAKER_TTS_VOICE).
    (await import('#loudspeaker/tts/tts-engines.js')).checkTtsEngineConfig(config);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`tincoso api: ${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
  // Nest and the modules load only once the environment is known to be valid: a bad variable fails fast.
  const { createApiApp } = await import('./bootstrap.js');
  const app = await createApiApp(config);
  if (isDevelopmentJwtSecret(config)) {
    process.stderr.write('tincoso api: using the development JWT_SECRET; set JWT_SECRET before exposing this server\n');
  }
  if (isDevelopmentSecretsKey(config)) {
    process.stderr.write('tincoso api: using the development SECRETS_KEY; channel tokens are not protected until SECRETS_KEY is set\n');
  }
  await app.listen(config.port, config.host);
  process.stdout.write(`tincoso api listening on http://${config.host}:${config.port} (docs at /api/docs)\n`);
}

main().catch((error) => {
  process.stderr.write(`tincoso api failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
