import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { LocalDiskFileStore } from './local-disk-file-store.js';

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('LocalDiskFileStore on a real directory', () => {
  let root: string;
  let store: LocalDiskFileStore;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'tincoso-filestore-'));
    store = new LocalDiskFileStore(root);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('stores bytes at ab/cd/<sha256> and reads them back', async () => {
    const bytes = Buffer.from('âm thanh giả lập');
    const hash = createHash('sha256').update(bytes).digest('hex');
    const stored = await store.put(bytes);
    expect(stored).toEqual({ key: `${hash.slice(0, 2)}/${hash.slice(2, 4)}/${hash}`, sha256: hash, sizeBytes: bytes.length });
    expect(readFileSync(join(root, stored.key)).equals(bytes)).toBe(true);
    expect((await readAll(await store.open(stored.key))).equals(bytes)).toBe(true);
  });

  it('keeps one complete copy when the same bytes arrive many times at once, and no temp file', async () => {
    const bytes = Buffer.alloc(256 * 1024, 7);
    const results = await Promise.all(Array.from({ length: 8 }, () => store.put(bytes)));
    expect(new Set(results.map((r) => r.key)).size).toBe(1);
    expect(filesUnder(root)).toEqual([join(root, results[0].key)]);
    expect(readFileSync(join(root, results[0].key)).equals(bytes)).toBe(true);
  });

  it('refuses keys that are not its own (no path traversal) and missing files', async () => {
    await expect(store.open('../../etc/passwd')).rejects.toThrow('not a file store key');
    await expect(store.open(`ab/cd/${'a'.repeat(64)}`)).rejects.toThrow(/ENOENT/);
  });
});
