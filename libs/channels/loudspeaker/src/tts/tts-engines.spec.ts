import { ConfigError, loadConfig } from '#config/index.js';
import { createTtsEngine, deploymentVoice } from './tts-engines.js';

const configWith = (env: Record<string, string>) => loadConfig({ NODE_ENV: 'test', ...env });
const problemsOf = (env: Record<string, string>) => {
  try {
    createTtsEngine(configWith(env));
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('createTtsEngine (TTS_ENGINE)', () => {
  it('chooses espeak-ng by default, reading in its northern voice', () => {
    const config = configWith({});
    const engine = createTtsEngine(config);
    expect(engine.name).toBe('espeak-ng');
    expect(deploymentVoice(engine, config)).toBe('vi');
  });

  it('chooses fpt-ai with its variables, and its own default voice', () => {
    const config = configWith({ TTS_ENGINE: 'fpt-ai', FPT_AI_API_KEY: 'k'.repeat(32) });
    const engine = createTtsEngine(config);
    expect(engine.name).toBe('fpt-ai');
    expect(deploymentVoice(engine, config)).toBe('banmai');
    expect(engine.voices.map((v) => v.id)).toContain('minhquang');
  });

  it('fails boot naming the variable that is wrong', () => {
    expect(problemsOf({ TTS_ENGINE: 'vbee' })).toEqual([expect.stringMatching(/^TTS_ENGINE must be one of: espeak-ng, fpt-ai/)]);
    expect(problemsOf({ TTS_ENGINE: 'fpt-ai' })).toEqual(['FPT_AI_API_KEY is required']);
    expect(problemsOf({ TTS_ENGINE: 'fpt-ai', FPT_AI_API_KEY: 'k'.repeat(32), FPT_AI_TIMEOUT_MS: '5' })).toEqual([expect.stringMatching(/^FPT_AI_TIMEOUT_MS must be ≥ 100/)]);
    expect(problemsOf({ TTS_ENGINE: 'fpt-ai', FPT_AI_API_KEY: 'k'.repeat(32), LOUDSPEAKER_TTS_VOICE: 'vi' })).toEqual([
      expect.stringMatching(/^LOUDSPEAKER_TTS_VOICE must be a voice of fpt-ai: banmai, /),
    ]);
    expect(problemsOf({ LOUDSPEAKER_TTS_VOICE: 'vi-vn-x-south' })).toEqual([]);
  });
});
