import type { FactoryProvider } from '@nestjs/common';
import { APP_CONFIG, ConfigError, type AppConfig } from '#config/index.js';
import type { EnvSource } from '#config/env-block.js';
import { EspeakNgTtsEngine } from './espeak-ng/espeak-ng.adapter.js';
import { loadFptAiConfig } from './fpt-ai/fpt-ai.config.js';
import { FptAiTtsEngine } from './fpt-ai/fpt-ai.adapter.js';
import { hasVoice, TTS_ENGINE, type TtsEngine } from './tts-engine.js';

/** Every speech engine, by the TTS_ENGINE value that chooses it; an engine reads its own variables. */
export const TTS_ENGINES: Record<string, (env: EnvSource) => TtsEngine> = {
  'espeak-ng': () => new EspeakNgTtsEngine(),
  'fpt-ai': (env) => new FptAiTtsEngine(loadFptAiConfig(env)),
};

/** The chosen engine, built at boot: an unknown engine, a bad variable or a voice it lacks fails with a ConfigError. */
export function createTtsEngine(config: AppConfig): TtsEngine {
  const { engine: name, voice } = config.loudspeakerTts;
  const create = Object.hasOwn(TTS_ENGINES, name) ? TTS_ENGINES[name] : undefined;
  if (!create) throw new ConfigError([`TTS_ENGINE must be one of: ${Object.keys(TTS_ENGINES).join(', ')} (got "${name}")`]);
  const engine = create(config.env);
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
