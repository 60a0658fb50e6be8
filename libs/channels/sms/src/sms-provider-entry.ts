import type { AppConfig, EnvSource, EnvSpec } from '#config/index.js';
import type { SmsProvider } from './sms-provider.js';

export interface SmsProviderContext {
  config: AppConfig;
}

/** What a provider folder declares: its name, its variable block and how to build it. */
export interface SmsProviderEntry<C> {
  /** SMS_PROVIDER's value for it, and the :provider of /api/v1/webhooks/sms/:provider/... */
  name: string;
  /** Its variables, each documented in docs/configuration.md and config/.env.example. */
  env: EnvSpec;
  /** Reads and validates its block: null when none of it is set; a ConfigError names a bad variable. */
  loadConfig(env: EnvSource): C | null;
  create(config: C, context: SmsProviderContext): SmsProvider;
}

/** A provider entry with its configuration type erased, as the registry lists it. */
export interface RegisteredSmsProvider {
  name: string;
  env: EnvSpec;
  /** Its factory when its block is configured, else null. */
  configure(env: EnvSource): ((context: SmsProviderContext) => SmsProvider) | null;
}

export function defineSmsProvider<C>(entry: SmsProviderEntry<C>): RegisteredSmsProvider {
  return {
    name: entry.name,
    env: entry.env,
    configure(env) {
      const config = entry.loadConfig(env);
      return config === null ? null : (context) => entry.create(config, context);
    },
  };
}
