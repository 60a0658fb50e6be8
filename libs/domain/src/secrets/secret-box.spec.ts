import { randomBytes } from 'node:crypto';
import { parseSecretKey, SecretBox, SecretBoxError } from './secret-box.js';

const hexKey = () => randomBytes(32).toString('hex');

describe('SecretBox (AES-256-GCM envelope)', () => {
  it('round-trips and never shows the plain text in the sealed form', () => {
    const box = SecretBox.fromText(hexKey());
    const sealed = box.seal('zalo-access-token-ABC123');
    expect(sealed).toMatch(/^v1\.[0-9a-f]{8}\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain('zalo-access-token');
    expect(box.open(sealed)).toBe('zalo-access-token-ABC123');
  });

  it('uses a fresh IV each time', () => {
    const box = SecretBox.fromText(hexKey());
    expect(box.seal('same')).not.toBe(box.seal('same'));
  });

  it('accepts base64 keys and refuses keys that are not 32 bytes', () => {
    expect(parseSecretKey(randomBytes(32).toString('base64')).key).toHaveLength(32);
    expect(() => parseSecretKey('abcd')).toThrow(SecretBoxError);
    expect(() => parseSecretKey(randomBytes(16).toString('hex'))).toThrow(/32 bytes/);
  });

  it('opens values sealed with an old key after rotation, and marks them stale', () => {
    const oldKey = hexKey();
    const sealedOld = SecretBox.fromText(oldKey).seal('token-v1');
    const rotated = SecretBox.fromText(hexKey(), [oldKey]);
    expect(rotated.open(sealedOld)).toBe('token-v1');
    expect(rotated.isStale(sealedOld)).toBe(true);
    expect(rotated.isStale(rotated.seal('token-v2'))).toBe(false);
  });

  it('names the missing key id when the old key was dropped', () => {
    const sealedOld = SecretBox.fromText(hexKey()).seal('x');
    expect(() => SecretBox.fromText(hexKey()).open(sealedOld)).toThrow(/unknown key [0-9a-f]{8}.*SECRETS_OLD_KEYS/);
  });

  it('refuses a tampered ciphertext or a key id swapped in', () => {
    const key = hexKey();
    const box = SecretBox.fromText(key);
    const parts = box.seal('secret').split('.');
    const flipped = Buffer.from(parts[4], 'base64url');
    flipped[0] ^= 1;
    expect(() => box.open([...parts.slice(0, 4), flipped.toString('base64url')].join('.'))).toThrow(/failed authentication/);
    expect(() => box.open('plain-text-token')).toThrow(/not a sealed secret/);
  });
});
