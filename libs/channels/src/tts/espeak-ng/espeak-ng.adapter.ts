import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { RenderedSpeech, TtsEngine, TtsVoice } from '../tts-engine.js';
import { wavDurationMs } from '../wav-duration.js';

const run = promisify(execFile);

/**
 * Local Vietnamese speech: Debian `espeak-ng` renders a WAV, `lame` encodes it to MP3. The text
 * goes through a file (never the command line), so any length and any character is safe.
 */
export class EspeakNgTtsEngine implements TtsEngine {
  readonly name = 'espeak-ng';

  constructor(private readonly options: { speedWpm?: number; bitrateKbps?: number; timeoutMs?: number } = {}) {}

  async render(text: string, voice: TtsVoice): Promise<RenderedSpeech> {
    const dir = await mkdtemp(join(tmpdir(), 'tincoso-tts-'));
    const timeout = this.options.timeoutMs ?? 120_000;
    try {
      const input = join(dir, 'script.txt');
      const wav = join(dir, 'speech.wav');
      const mp3 = join(dir, 'speech.mp3');
      await writeFile(input, text.normalize('NFC'), 'utf8');
      await run('espeak-ng', ['-v', voice, '-s', String(this.options.speedWpm ?? 150), '-f', input, '-w', wav], { timeout });
      const durationMs = wavDurationMs(await readFile(wav));
      await run('lame', ['--quiet', '-b', String(this.options.bitrateKbps ?? 64), wav, mp3], { timeout });
      return { mp3: await readFile(mp3), durationMs };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}
