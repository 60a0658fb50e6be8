import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ENTRIES = {
  api: 'dist/apps/api/src/main.js',
  worker: 'dist/apps/worker/src/main.js',
} as const;

type Entry = keyof typeof ENTRIES;

interface Case {
  name: Entry;
  env: Record<string, string>;
  problem: string;
}

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a built entry point with only the given variables (no inherited DATABASE_URL or the like). */
function run(entry: string, env: Record<string, string>): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [entry], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${entry} did not exit within 15 s; stderr: ${stderr}`));
    }, 15_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('the built processes refuse a bad environment before doing anything', () => {
  beforeAll(() => {
    for (const entry of Object.values(ENTRIES)) {
      if (!existsSync(`${ROOT}${entry}`)) throw new Error(`${entry} is missing: build first (npm test does)`);
    }
  });

  const cases = (Object.keys(ENTRIES) as Entry[]).flatMap((name): Case[] => [
    { name, env: { PORT: 'abc' }, problem: 'PORT must be a whole number (got "abc")' },
    { name, env: { REDIS_URL: 'http://x' }, problem: 'REDIS_URL must be a URL with scheme redis or rediss (got "http://x")' },
    { name, env: { TWILIO_FROM: 'bad sender!!' }, problem: 'TWILIO_FROM must be an E.164 number or an alphanumeric sender of up to 11 characters (got "bad sender!!")' },
    { name, env: { SMS_PROVIDER: 'viettel' }, problem: 'SMS_PROVIDER must be auto, sandbox or one of: twilio, esms (got "viettel")' },
    { name, env: { TTS_ENGINE: 'fpt-ai' }, problem: 'FPT_AI_API_KEY is required' },
    { name, env: { LOUDSPEAKER_TTS_VOICE: 'banmai' }, problem: 'LOUDSPEAKER_TTS_VOICE must be a voice of espeak-ng: vi, vi-vn-x-central, vi-vn-x-south (got "banmai")' },
  ]);

  it.each(cases)('$name with $env exits 78 naming the variable', async ({ name, env, problem }) => {
    const result = await run(ENTRIES[name], { NODE_ENV: 'test', ...env });
    expect(result.code).toBe(78);
    expect(result.stderr).toContain(`tincoso ${name}: Invalid configuration:\n  - ${problem}\n`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toBe('');
  });

  it('lists every problem in one go, refuses production without JWT_SECRET and never prints a secret', async () => {
    const secret = 'short-secret';
    const result = await run(ENTRIES.worker, { NODE_ENV: 'production', PORT: '70000', LOG_LEVEL: 'loud', TWILIO_AUTH_TOKEN: secret });
    expect(result.code).toBe(78);
    expect(result.stderr).toContain(
      [
        'tincoso worker: Invalid configuration:',
        '  - PORT must be ≤ 65535 (got "70000")',
        '  - LOG_LEVEL must be one of: fatal, error, warn, info, debug, trace, silent (got "loud")',
        '  - JWT_SECRET is required when NODE_ENV=production',
        '  - SECRETS_KEY is required when NODE_ENV=production',
        // Twilio's own block, listed after the app's variables.
        '  - TWILIO_AUTH_TOKEN must be at least 16 characters (got "***")',
      ].join('\n'),
    );
    expect(result.stderr).not.toContain(secret);
  });
});
