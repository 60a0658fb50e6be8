import type { Readable } from 'node:stream';

export interface StoredFile {
  /** Where the store keeps the bytes; opaque outside the store. */
  key: string;
  sha256: string;
  sizeBytes: number;
}

/**
 * Where uploaded bytes live. Content-addressed: storing the same bytes twice keeps one copy and
 * returns the same key. The local disk is the default; an S3-like store implements the same two calls.
 */
export interface FileStore {
  put(bytes: Buffer): Promise<StoredFile>;
  /** The bytes under `key`; rejects when they are missing. */
  open(key: string): Promise<Readable>;
}

export const FILE_STORE = Symbol('FILE_STORE');
