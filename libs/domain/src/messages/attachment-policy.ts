import { InvalidInputError } from '../errors.js';

export type MediaKind = 'audio' | 'image';

/**
 * The files a message may carry, keyed by the extension the byte sniffer reports: audio the
 * loudspeaker clusters play, images the boards and social posts show. The client's declared type
 * and file name are never trusted.
 */
export const ACCEPTED_MEDIA: Readonly<Record<string, { kind: MediaKind; contentType: string }>> = {
  mp3: { kind: 'audio', contentType: 'audio/mpeg' },
  wav: { kind: 'audio', contentType: 'audio/wav' },
  ogg: { kind: 'audio', contentType: 'audio/ogg' },
  jpg: { kind: 'image', contentType: 'image/jpeg' },
  png: { kind: 'image', contentType: 'image/png' },
  webp: { kind: 'image', contentType: 'image/webp' },
};

export interface UploadLimits {
  audioMaxBytes: number;
  imageMaxBytes: number;
}

export interface AcceptedMedia {
  kind: MediaKind;
  contentType: string;
}

/** What the sniffer found in the bytes, or undefined when it recognised nothing. */
export interface SniffedType {
  ext: string;
  mime: string;
}

/** Accepts an upload by what its bytes are and how large it is for its kind, or says which rule it breaks. */
export function acceptUpload(sniffed: SniffedType | undefined, sizeBytes: number, limits: UploadLimits): AcceptedMedia {
  const accepted = sniffed ? ACCEPTED_MEDIA[sniffed.ext] : undefined;
  if (!accepted) {
    const found = sniffed ? `tệp gửi lên là ${sniffed.mime}` : 'không nhận ra định dạng của tệp gửi lên';
    throw new InvalidInputError([
      { field: 'file', rule: 'fileType', message: `chỉ nhận âm thanh MP3, WAV, OGG hoặc hình ảnh JPEG, PNG, WebP (${found})` },
    ]);
  }
  const max = accepted.kind === 'audio' ? limits.audioMaxBytes : limits.imageMaxBytes;
  if (sizeBytes > max) throw tooLarge(accepted.kind, max);
  return accepted;
}

/** The refusal for a file over its limit; also used when the upload is cut off before it is fully read. */
export function tooLarge(kind: MediaKind | 'any', maxBytes: number): InvalidInputError {
  const what = kind === 'audio' ? 'Tệp âm thanh' : kind === 'image' ? 'Tệp hình ảnh' : 'Tệp';
  return new InvalidInputError([{ field: 'file', rule: 'maxSize', message: `${what} vượt quá giới hạn ${formatBytes(maxBytes)}` }]);
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${trimNumber(bytes / (1024 * 1024))} MB`;
  if (bytes >= 1024) return `${trimNumber(bytes / 1024)} KB`;
  return `${bytes} byte`;
}

function trimNumber(value: number): string {
  return String(Math.round(value * 10) / 10).replace('.', ',');
}
