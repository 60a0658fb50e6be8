import { InvalidInputError } from '../errors.js';
import { acceptUpload, formatBytes, tooLarge } from './attachment-policy.js';

const limits = { audioMaxBytes: 20 * 1024 * 1024, imageMaxBytes: 5 * 1024 * 1024 };

function problem(fn: () => unknown): { field: string; rule: string; message: string } {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return (error as InvalidInputError).details[0];
  }
  throw new Error('expected a refusal');
}

describe('accepting an upload by its bytes', () => {
  it.each([
    ['mp3', 'audio/mpeg', 'audio', 'audio/mpeg'],
    ['wav', 'audio/wav', 'audio', 'audio/wav'],
    ['ogg', 'audio/ogg', 'audio', 'audio/ogg'],
    ['jpg', 'image/jpeg', 'image', 'image/jpeg'],
    ['png', 'image/png', 'image', 'image/png'],
    ['webp', 'image/webp', 'image', 'image/webp'],
  ])('accepts %s as %s', (ext, mime, kind, contentType) => {
    expect(acceptUpload({ ext, mime }, 1000, limits)).toEqual({ kind, contentType });
  });

  it('refuses a type it does not play or show, naming what it found', () => {
    const p = problem(() => acceptUpload({ ext: 'pdf', mime: 'application/pdf' }, 1000, limits));
    expect(p).toEqual({ field: 'file', rule: 'fileType', message: expect.stringContaining('application/pdf') });
  });

  it('refuses bytes nothing recognises (plain text, an empty file)', () => {
    expect(problem(() => acceptUpload(undefined, 12, limits)).rule).toBe('fileType');
  });

  it('applies the limit of the kind: an image over the image limit but under the audio limit is refused', () => {
    const p = problem(() => acceptUpload({ ext: 'png', mime: 'image/png' }, limits.imageMaxBytes + 1, limits));
    expect(p).toEqual({ field: 'file', rule: 'maxSize', message: 'Tệp hình ảnh vượt quá giới hạn 5 MB' });
    expect(acceptUpload({ ext: 'mp3', mime: 'audio/mpeg' }, limits.imageMaxBytes + 1, limits).kind).toBe('audio');
  });

  it('accepts a file of exactly the limit', () => {
    expect(acceptUpload({ ext: 'png', mime: 'image/png' }, limits.imageMaxBytes, limits).kind).toBe('image');
    expect(problem(() => acceptUpload({ ext: 'wav', mime: 'audio/wav' }, limits.audioMaxBytes + 1, limits)).rule).toBe('maxSize');
  });
});

describe('size wording', () => {
  it('speaks in MB, KB or bytes with a Vietnamese decimal comma', () => {
    expect(formatBytes(20 * 1024 * 1024)).toBe('20 MB');
    expect(formatBytes(1536 * 1024)).toBe('1,5 MB');
    expect(formatBytes(2048)).toBe('2 KB');
    expect(formatBytes(500)).toBe('500 byte');
  });

  it('words a cut-off upload without a kind', () => {
    expect(tooLarge('any', 2048).details[0].message).toBe('Tệp vượt quá giới hạn 2 KB');
  });
});
