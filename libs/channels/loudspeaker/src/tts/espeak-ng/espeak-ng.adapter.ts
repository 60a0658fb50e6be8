import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { RenderedSpeech, TtsEngine, TtsVoice } from '../tts-engine.js';
import { wavDurationMs } from '../wav-duration.js';

const run = promisify(execFile);

const SPEED_WPM = '150';
/** Speech needs no more: 64 kbit/s MP3 keeps a ten-minute announcement under 5 MB. */
const BITRATE_KBPS = '64';
const TIMEOUT_MS = 120_000;

/**
 * Local Vietnamese speech: Debian `espeak-ng` renders a WAV, `lame` encodes it to MP3. The text
 * goes through a file (never the command line), so any length and any character is safe.
 */
export class EspeakNgTtsEngine implements TtsEngine {
  readonly name = 'espeak-ng';

  async render(text: string, voice: TtsVoice): Promise<RenderedSpeech> {
    const dir = await mkdtemp(join(tmpdir(), 'tincoso-tts-'));
    try {
      const input = join(dir, 'script.txt');
      const wav = join(dir, 'speech.wav');
      const mp3 = join(dir, 'speech.mp3');
      await writeFile(input, text.normalize('NFC'), 'utf8');
      await run('espeak-ng', ['-v', voice, '-s', SPEED_WPM, '-f', input, '-w', wav], { timeout: TIMEOUT_MS });
      const durationMs = wavDurationMs(await readFile(wav));
      await run('lame', ['--quiet', '-b', BITRATE_KBPS, wav, mp3], { timeout: TIMEOUT_MS });
      return { mp3: await readFile(mp3), durationMs };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}
