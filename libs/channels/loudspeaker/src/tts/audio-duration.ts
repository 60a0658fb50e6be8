import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { wavDurationMs } from './wav-duration.js';

const run = promisify(execFile);

/**
 * Duration of an uploaded audio file, measured by decoding it to WAV (never trusted from tags):
 * MP3 with `lame --decode`, Ogg with `sox`; a WAV is read directly.
 */
export async function measureAudioDurationMs(bytes: Buffer, contentType: string): Promise<number> {
  if (contentType === 'audio/wav') return wavDurationMs(bytes);
  const dir = await mkdtemp(join(tmpdir(), 'tincoso-audio-'));
  try {
    const input = join(dir, contentType === 'audio/ogg' ? 'in.ogg' : 'in.mp3');
    const output = join(dir, 'out.wav');
    await writeFile(input, bytes);
    if (contentType === 'audio/ogg') await run('sox', [input, '-t', 'wav', output], { timeout: 120_000 });
    else if (contentType === 'audio/mpeg') await run('lame', ['--quiet', '--decode', input, output], { timeout: 120_000 });
    else throw new Error(`unsupported audio type ${contentType}`);
    return wavDurationMs(await readFile(output));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
