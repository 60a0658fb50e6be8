import { loadEnvBlock, type EnvSource, type EnvSpec, type EnvValues } from '#config/env-block.js';
import { baseUrl, int, str } from '#config/env-parsers.js';

/**
 * The fpt-ai engine's variables, read only when TTS_ENGINE=fpt-ai (a bad or missing one fails boot
 * with a ConfigError naming it). Documented in docs/configuration.md and config/.env.example.
 */
export const FPT_AI_ENV = {
  /** The key of an FPT.AI console project with Text-to-Speech enabled. */
  FPT_AI_API_KEY: { parse: str({ minLength: 8 }) },
  /** Tests point this at test/fakes/fake-fpt-tts.server.ts. */
  FPT_AI_BASE_URL: { parse: baseUrl(['http', 'https']), default: 'https://api.fpt.ai' },
  /** One HTTP request (the synthesis request, or one poll of the audio link). */
  FPT_AI_TIMEOUT_MS: { parse: int({ min: 100, max: 120_000 }), default: '15000' },
  /** FPT.AI says the audio appears after 5 seconds to 2 minutes; polling gives up (and the job retries) after this. */
  FPT_AI_AUDIO_DEADLINE_MS: { parse: int({ min: 1000, max: 900_000 }), default: '180000' },
  /** First wait between polls of the audio link; it grows by half each time, up to 10 s. */
  FPT_AI_POLL_INTERVAL_MS: { parse: int({ min: 10, max: 60_000 }), default: '2000' },
} satisfies EnvSpec;

export type FptAiEnv = EnvValues<typeof FPT_AI_ENV>;

export interface FptAiConfig {
  apiKey: string;
  baseUrl: string;
  timeoutMs: number;
  audioDeadlineMs: number;
  pollIntervalMs: number;
}

export function loadFptAiConfig(env: EnvSource): FptAiConfig {
  const v = loadEnvBlock(FPT_AI_ENV, env);
  return {
    apiKey: v.FPT_AI_API_KEY,
    baseUrl: v.FPT_AI_BASE_URL,
    timeoutMs: v.FPT_AI_TIMEOUT_MS,
    audioDeadlineMs: v.FPT_AI_AUDIO_DEADLINE_MS,
    pollIntervalMs: v.FPT_AI_POLL_INTERVAL_MS,
  };
}
