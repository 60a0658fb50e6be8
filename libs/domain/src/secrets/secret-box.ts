import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM envelope for secrets at rest (channel tokens). A sealed value is
 * `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts): the key id says which key sealed it, so
 * old keys keep opening old rows while new writes use the current key (rotation without downtime).
 */
export interface SecretKey {
  id: string;
  key: Buffer;
}

const VERSION = 'v1';
const IV_BYTES = 12;

export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretBoxError';
  }
}

/** Reads a 32-byte key given as 64 hex digits or base64; the id is a short digest, never the key. */
export function parseSecretKey(text: string): SecretKey {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) throw new SecretBoxError('a secrets key must be 32 bytes, given as 64 hex digits or base64');
  return { id: createHash('sha256').update(key).digest('hex').slice(0, 8), key };
}

export class SecretBox {
  private readonly byId: Map<string, Buffer>;

  constructor(
    private readonly current: SecretKey,
    old: SecretKey[] = [],
  ) {
    this.byId = new Map([...old, current].map((k) => [k.id, k.key]));
  }

  static fromText(current: string, old: string[] = []): SecretBox {
    return new SecretBox(parseSecretKey(current), old.map(parseSecretKey));
  }

  get currentKeyId(): string {
    return this.current.id;
  }

  seal(plain: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv);
    // The key id is authenticated too: a ciphertext moved under another id does not open.
    cipher.setAAD(Buffer.from(this.current.id));
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [VERSION, this.current.id, iv, cipher.getAuthTag(), data].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
  }

  open(sealed: string): string {
    const parts = sealed.split('.');
    if (parts.length !== 5 || parts[0] !== VERSION) throw new SecretBoxError('not a sealed secret');
    const [, keyId, iv, tag, data] = parts;
    const key = this.byId.get(keyId);
    if (!key) throw new SecretBoxError(`secret sealed with unknown key ${keyId}: add it to SECRETS_OLD_KEYS`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(keyId));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretBoxError(`secret sealed with key ${keyId} failed authentication`);
    }
  }

  /** True when the value was sealed with an older key and should be re-sealed. */
  isStale(sealed: string): boolean {
    return sealed.split('.')[1] !== this.current.id;
  }
}
