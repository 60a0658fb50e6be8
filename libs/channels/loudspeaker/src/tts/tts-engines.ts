import type { FactoryProvider } from '@nestjs/common';
import { APP_CONFIG, ConfigError, type AppConfig } from '#config/index.js';
import type { EnvSource, EnvSpec } from '#config/env-block.js';
import { EspeakNgTtsEngine } from './espeak-ng/espeak-ng.adapter.js';
import { FPT_AI_ENV, loadFptAiConfig } from './fpt-ai/fpt-ai.config.js';
import { FptAiTtsEngine } from './fpt-ai/fpt-ai.adapter.js';
import { hasVoice, TTS_ENGINE, type TtsEngine } from './tts-engine.js';

export interface TtsEngineEntry {
  /** The engine's own variables (documented in docs/configuration.md, "Loudspeaker speech"). */
  env: EnvSpec;
  /** Builds the engine, reading its variables; a bad one throws a ConfigError naming it. */
  create(env: EnvSource): TtsEngine;
}

/** Every speech engine, by the TTS_ENGINE value that chooses it: one line per engine folder. */
export const TTS_ENGINES: Record<string, TtsEngineEntry> = {
  'espeak-ng': { env: {}, create: () => new EspeakNgTtsEngine() },
  'fpt-ai': { env: FPT_AI_ENV, create: (env) => new FptAiTtsEngine(loadFptAiConfig(env)) },
};

/** The chosen engine, built at boot: an unknown engine, a bad variable or a voice it lacks fails with a ConfigError. */
export function createTtsEngine(config: AppConfig): TtsEngine {
  const { engine: name, voice } = config.loudspeakerTts;
  const entry = Object.hasOwn(TTS_ENGINES, name) ? TTS_ENGINES[name] : undefined;
  if (!entry) throw new ConfigError([`TTS_ENGINE must be one of: ${Object.keys(TTS_ENGINES).join(', ')} (got "${name}")`]);
  const engine = entry.create(config.env);
  if (voice !== null && !hasVoice(engine, voice)) {
    throw new ConfigError([`LOUDSPEAKER_TTS_VOICE must be a voice of ${name}: ${engine.voices.map((v) => v.id).join(', ')} (got "${voice}")`]);
  }
  return engine;
}

/** The deployment's default voice: LOUDSPEAKER_TTS_VOICE (checked at boot), else the engine's own. */
export function deploymentVoice(engine: TtsEngine, config: AppConfig): string {
  return config.loudspeakerTts.voice ?? engine.defaultVoice;
}

export const ttsEngineProvider: FactoryProvider<TtsEngine> = { provide: TTS_ENGINE, inject: [APP_CONFIG], useFactory: createTtsEngine };

/** For the processes' entry points, before Nest starts: the TTS_ENGINE block checked as createTtsEngine will. */
export function checkTtsEngineConfig(config: AppConfig): void {
  createTtsEngine(config);
}
