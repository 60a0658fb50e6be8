import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import type { FileStore, StoredFile } from './file-store.js';

const KEY_PATTERN = /^[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}$/;

/** Files under a root directory at ab/cd/<sha256>, so no directory grows past 65,536 entries per level. */
export class LocalDiskFileStore implements FileStore {
  private readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  async put(bytes: Buffer): Promise<StoredFile> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const key = `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
    const target = join(this.root, key);
    if (await hasSize(target, bytes.length)) return { key, sha256, sizeBytes: bytes.length };
    await mkdir(dirname(target), { recursive: true });
    // Written aside, flushed, then renamed into place: a reader never sees a half-written file,
    // and two uploads of the same bytes at once both end with one complete copy.
    const temp = join(dirname(target), `.${sha256}.${randomUUID()}.tmp`);
    try {
      const handle = await open(temp, 'wx');
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, target);
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw error;
    }
    return { key, sha256, sizeBytes: bytes.length };
  }

  async open(key: string): Promise<Readable> {
    if (!KEY_PATTERN.test(key)) throw new Error(`not a file store key: ${key}`);
    const path = join(this.root, key);
    await stat(path);
    return createReadStream(path);
  }
}

async function hasSize(path: string, size: number): Promise<boolean> {
  try {
    return (await stat(path)).size === size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
