import { EnvRuleError, type Parser } from './env-parsers.js';

/** Where variables are read from: process.env, or a test's own map. */
export type EnvSource = Readonly<Record<string, string | undefined>>;

export interface EnvVar<T> {
  parse: Parser<T>;
  default?: string;
  /** Required when NODE_ENV=production even though a development default exists. */
  requiredInProduction?: boolean;
}

export type EnvSpec = Record<string, EnvVar<unknown>>;
export type EnvValues<S extends EnvSpec> = { [K in keyof S]: ReturnType<S[K]['parse']> };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads and validates one block of variables (ENV_SPEC, or a provider's own block such as
 * TWILIO_ENV or FPT_AI_ENV); throws ConfigError naming every bad or missing variable. `cross`
 * checks rules between variables once each is valid on its own.
 */
export function loadEnvBlock<S extends EnvSpec>(spec: S, env: EnvSource, cross?: (values: EnvValues<S>) => string[]): EnvValues<S> {
  const problems: string[] = [];
  const values: Partial<Record<keyof S, unknown>> = {};
  const isProduction = env.NODE_ENV === 'production';
  for (const [name, entry] of Object.entries(spec) as [keyof S & string, EnvVar<unknown>][]) {
    const raw = env[name];
    if (raw === undefined || raw === '') {
      if (isProduction && entry.requiredInProduction) {
        problems.push(`${name} is required when NODE_ENV=production`);
        continue;
      }
      if (entry.default === undefined) {
        try {
          values[name] = entry.parse('');
        } catch {
          problems.push(`${name} is required`);
        }
        continue;
      }
      values[name] = entry.parse(entry.default);
      continue;
    }
    try {
      values[name] = entry.parse(raw);
    } catch (error) {
      if (!(error instanceof EnvRuleError)) throw error;
      problems.push(`${name} ${error.message} (got "${redactForMessage(name, raw)}")`);
    }
  }
  if (problems.length === 0 && cross) problems.push(...cross(values as EnvValues<S>));
  if (problems.length > 0) throw new ConfigError(problems);
  return values as EnvValues<S>;
}

/** Alias kept for provider blocks that read (env, spec). */
export function readEnvBlock<S extends EnvSpec>(env: EnvSource, spec: S): EnvValues<S> {
  return loadEnvBlock(spec, env);
}

function redactForMessage(name: string, raw: string): string {
  if (/SECRET|AUTH_TOKEN|PASSWORD|_KEY$/.test(name)) return '***';
  return raw.replace(/\/\/([^:@/]+):([^@/]+)@/, '//$1:***@');
}
