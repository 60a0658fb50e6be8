import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PermanentError, RetryableError } from '#domain/index.js';
import { hasVoice, isTtsSpeed, type RenderedSpeech, type TtsEngine, type TtsRequest } from '../tts-engine.js';
import { wavDurationMs } from '../wav-duration.js';
import { ESPEAK_NG_VOICES } from './espeak-ng.voices.js';

const run = promisify(execFile);

const SPEED_WPM = 150;
/** One step of the shared -3..+3 speed scale, in words per minute. */
const WPM_PER_STEP = 20;
/** Speech needs no more: 64 kbit/s MP3 keeps a ten-minute announcement under 5 MB. */
const BITRATE_KBPS = '64';
const TIMEOUT_MS = 120_000;

/**
 * Local Vietnamese speech, the offline default: Debian `espeak-ng` renders a WAV, `lame` encodes it
 * to MP3. The text goes through a file (never the command line), so any length and any character is safe.
 */
export class EspeakNgTtsEngine implements TtsEngine {
  readonly name = 'espeak-ng';
  readonly voices = ESPEAK_NG_VOICES;
  readonly defaultVoice = 'vi';

  async render({ text, voice, speed }: TtsRequest): Promise<RenderedSpeech> {
    if (!hasVoice(this, voice)) throw new PermanentError('unknown-voice', `espeak-ng has no voice ${voice}`, 'bad-request');
    if (!isTtsSpeed(speed)) throw new PermanentError('bad-speed', `speed ${speed} is outside -3..3`, 'bad-request');
    const dir = await mkdtemp(join(tmpdir(), 'tincoso-tts-'));
    try {
      const input = join(dir, 'script.txt');
      const wav = join(dir, 'speech.wav');
      const mp3 = join(dir, 'speech.mp3');
      await writeFile(input, text.normalize('NFC'), 'utf8');
      await runTool('espeak-ng', ['-v', voice, '-s', String(SPEED_WPM + speed * WPM_PER_STEP), '-f', input, '-w', wav]);
      const durationMs = wavDurationMs(await readFile(wav));
      await runTool('lame', ['--quiet', '-b', BITRATE_KBPS, wav, mp3]);
      return { mp3: await readFile(mp3), durationMs };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}

/** A tool killed by the timeout, or missing from the machine, may work next time; an exit code on this input will not. */
async function runTool(tool: string, args: string[]): Promise<void> {
  try {
    await run(tool, args, { timeout: TIMEOUT_MS });
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { killed?: boolean; signal?: string | null; code?: string | number };
    if (e.killed || e.signal) throw new RetryableError('timeout', `${tool} did not finish within ${TIMEOUT_MS / 1000} s`);
    if (e.code === 'ENOENT') throw new RetryableError('not-installed', `${tool} is not installed on this machine`);
    throw new PermanentError(`exit-${String(e.code)}`, `${tool} failed: ${e.message}`, 'bad-request');
  }
}
