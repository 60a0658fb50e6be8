import { ENV_SPEC } from '#config/index.js';
import { describeEnvDocs, docSection } from '#test/env-docs.js';
import { TTS_ENGINES } from './tts-engines.js';

// espeak-ng reads no variable of its own.
const withVariables = Object.entries(TTS_ENGINES).filter(([, entry]) => Object.keys(entry.env).length > 0);
for (const [name, entry] of withVariables) describeEnvDocs(`speech engine ${name}: its variables documented`, entry.env);

describe('speech engine variables', () => {
  it.each(Object.entries(TTS_ENGINES))('%s names its variables after itself', (name, entry) => {
    const prefix = `${name.toUpperCase().replace(/-/g, '_')}_`;
    expect(Object.keys(entry.env).filter((v) => !v.startsWith(prefix))).toEqual([]);
  });

  it('documents in the loudspeaker speech section exactly the speech settings and the engines\' blocks', () => {
    const read = ['TTS_ENGINE', 'LOUDSPEAKER_TTS_VOICE', ...Object.values(TTS_ENGINES).flatMap((e) => Object.keys(e.env))];
    expect(read.slice(0, 2).every((v) => v in ENV_SPEC)).toBe(true);
    expect(docSection('Loudspeaker speech').sort()).toEqual(read.sort());
  });
});
