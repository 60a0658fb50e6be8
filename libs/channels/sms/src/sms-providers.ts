import type { LoggerService } from '@nestjs/common';
import { ConfigError, type AppConfig, type EnvSource } from '#config/index.js';
import { SandboxSmsProvider, type SandboxSmsSink } from './providers/sandbox/sandbox-sms.provider.js';
import { esmsSms } from './providers/esms/esms.entry.js';
import { twilioSms } from './providers/twilio/twilio.entry.js';
import type { SmsProvider } from './sms-provider.js';
import type { RegisteredSmsProvider, SmsProviderContext } from './sms-provider-entry.js';

/** The SMS provider of this process, or null when the SMS channel is disabled. */
export const SMS_PROVIDER = Symbol('SMS_PROVIDER');

/** Every SMS provider tincoso can send through, one line each. The built-in sandbox is not one of them. */
export const SMS_PROVIDERS: readonly RegisteredSmsProvider[] = [twilioSms, esmsSms];

type SmsProviderChoice =
  | { kind: 'provider'; create: (context: SmsProviderContext) => SmsProvider }
  | { kind: 'sandbox' }
  | { kind: 'disabled' };

/**
 * Which SMS provider this process uses, by SMS_PROVIDER: a registered provider by name; 'auto' (the
 * default) the one provider whose variables are set; without any, the built-in sandbox outside
 * production, and in production none: the SMS channel is disabled rather than pretending to send.
 * 'sandbox' forces the sandbox. Every provider's block is read, in use or not, so a bad variable
 * fails the boot: one ConfigError naming every bad variable.
 */
function chooseSmsProvider(wanted: string, env: EnvSource, production: boolean, registry: readonly RegisteredSmsProvider[]): SmsProviderChoice {
  const names = registry.map((p) => p.name);
  if (wanted !== 'auto' && wanted !== 'sandbox' && !names.includes(wanted)) {
    throw new ConfigError([`SMS_PROVIDER must be auto, sandbox or one of: ${names.join(', ')} (got "${wanted}")`]);
  }
  const configured = configureAll(registry, env);
  if (wanted !== 'auto' && wanted !== 'sandbox') {
    const create = configured.find((p) => p.name === wanted)?.create;
    if (!create) {
      const block = Object.keys(registry.find((p) => p.name === wanted)?.env ?? {}).join(', ');
      throw new ConfigError([`SMS_PROVIDER is ${wanted} but its variables are not set (${block})`]);
    }
    return { kind: 'provider', create };
  }
  const ready = configured.flatMap((p) => (p.create ? [{ name: p.name, create: p.create }] : []));
  if (wanted === 'auto' && ready.length > 1) {
    throw new ConfigError([`SMS_PROVIDER is auto but ${ready.map((p) => p.name).join(' and ')} are both configured: name one`]);
  }
  if (wanted === 'auto' && ready.length === 1) return { kind: 'provider', create: ready[0].create };
  return wanted === 'sandbox' || !production ? { kind: 'sandbox' } : { kind: 'disabled' };
}

/**
 * The problems of the SMS settings in an environment, for loadConfig to list with the app's own
 * before Nest starts (a malformed SMS_PROVIDER is the app's to report: only the blocks are read then).
 */
export function smsProviderProblems(env: EnvSource, registry: readonly RegisteredSmsProvider[] = SMS_PROVIDERS): string[] {
  const wanted = env.SMS_PROVIDER || 'auto';
  try {
    chooseSmsProvider(/^[a-z][a-z0-9-]*$/.test(wanted) ? wanted : 'sandbox', env, env.NODE_ENV === 'production', registry);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

/** The SMS provider of this process (see chooseSmsProvider); the sandbox and a disabled channel are announced in the logs. */
export function createSmsProvider(
  config: AppConfig,
  sandboxSink: SandboxSmsSink,
  logger: LoggerService,
  registry: readonly RegisteredSmsProvider[] = SMS_PROVIDERS,
): SmsProvider | null {
  const choice = chooseSmsProvider(config.sms.provider, config.env, config.nodeEnv === 'production', registry);
  const names = registry.map((p) => p.name).join(', ');
  if (choice.kind === 'provider') return choice.create({ config });
  if (choice.kind === 'sandbox') {
    logger.warn(
      'SMS SANDBOX: no SMS provider is configured, so SMS go to the built-in sandbox ' +
        `(GET /api/v1/sandbox/sms) and never reach a phone. Set one provider's variables (${names}) to send real SMS.`,
    );
    return new SandboxSmsProvider(sandboxSink);
  }
  logger.warn(`SMS channel DISABLED: NODE_ENV=production and no SMS provider configured (${names}; see docs/configuration.md).`);
  return null;
}

/** Each provider's factory (null: not configured), with the problems of every block in one ConfigError. */
function configureAll(registry: readonly RegisteredSmsProvider[], env: EnvSource) {
  const problems: string[] = [];
  const configured = registry.map((p) => {
    try {
      return { name: p.name, create: p.configure(env) };
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...error.problems);
      return { name: p.name, create: null };
    }
  });
  if (problems.length > 0) throw new ConfigError(problems);
  return configured;
}
