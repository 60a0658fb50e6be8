import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const TIMEOUT_MS = 60_000;

/**
 * Decodes MP3 to 16-bit PCM WAV with `lame --decode` (installed with the speech engine). The engine
 * renders MP3 for the stations; the editor's preview plays WAV, which every browser decodes alike.
 */
export async function mp3ToWav(mp3: Buffer): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'tincoso-preview-'));
  try {
    const input = join(dir, 'speech.mp3');
    const output = join(dir, 'speech.wav');
    await writeFile(input, mp3);
    await run('lame', ['--quiet', '--decode', input, output], { timeout: TIMEOUT_MS });
    return await readFile(output);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
