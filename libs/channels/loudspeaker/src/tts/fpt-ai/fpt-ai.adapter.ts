import { PermanentError } from '#domain/index.js';
import { measureAudioDurationMs } from '../audio-duration.js';
import { hasVoice, isTtsSpeed, type RenderedSpeech, type TtsEngine, type TtsRequest } from '../tts-engine.js';
import { FPT_AI_MIN_CHARS, joinMp3, splitScript } from './fpt-ai-script.js';
import type { FptAiConfig } from './fpt-ai.config.js';
import { FptAiHttpClient, type Sleep } from './fpt-ai-http.client.js';
import { FPT_AI_VOICES } from './fpt-ai.voices.js';

/**
 * Vietnamese neural speech from FPT.AI (Text-to-Speech v5), asynchronous: each piece of the script
 * is requested, its MP3 polled for and downloaded, the pieces joined and the whole measured by
 * decoding it (never trusted from the service). Requests go one after another: FPT.AI throttles
 * per key, and a bulletin is rendered once.
 */
export class FptAiTtsEngine implements TtsEngine {
  readonly name = 'fpt-ai';
  readonly voices = FPT_AI_VOICES;
  readonly defaultVoice = 'banmai';
  private readonly http: FptAiHttpClient;

  constructor(config: FptAiConfig, sleep?: Sleep) {
    this.http = new FptAiHttpClient(config, sleep);
  }

  async render({ text, voice, speed }: TtsRequest): Promise<RenderedSpeech> {
    if (!hasVoice(this, voice)) throw new PermanentError('unknown-voice', `FPT.AI has no voice ${voice}`, 'bad-request');
    if (!isTtsSpeed(speed)) throw new PermanentError('bad-speed', `speed ${speed} is outside -3..3`, 'bad-request');
    const script = text.normalize('NFC').trim();
    if (script.length < FPT_AI_MIN_CHARS) {
      throw new PermanentError('text-too-short', `FPT.AI reads texts of at least ${FPT_AI_MIN_CHARS} characters`, 'bad-request');
    }
    const pieces: Buffer[] = [];
    for (const chunk of splitScript(script)) {
      const link = await this.http.request(chunk, voice, speed);
      pieces.push(await this.http.download(link));
    }
    const mp3 = joinMp3(pieces);
    let durationMs: number;
    try {
      durationMs = await measureAudioDurationMs(mp3, 'audio/mpeg');
    } catch (error) {
      throw new PermanentError('undecodable', `FPT.AI's audio could not be decoded: ${(error as Error).message}`, 'rejected');
    }
    return { mp3, durationMs };
  }
}
